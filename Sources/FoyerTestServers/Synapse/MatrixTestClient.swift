import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// A Matrix user signed in on a test homeserver, with the few client calls tests need to set a scene
/// (rooms, members, messages) and to check what a connector did.
///
/// Not a Matrix SDK: every call goes straight to the Client-Server API and fails with ``SynapseError`` on
/// anything but success.
public struct MatrixTestClient: Sendable {
    /// `@name:localhost`.
    public let userID: String
    public let accessToken: String
    public let deviceID: String
    /// The password it was registered with, for a new login.
    public let password: String
    let http: MatrixTestHTTP

    /// The homeserver's base URL (`http://127.0.0.1:<port>`).
    public var homeserverURL: String { http.baseURL }

    /// The localpart of the user id (`alice-1f2e` for `@alice-1f2e:localhost`).
    public var username: String {
        String(userID.dropFirst().prefix { $0 != ":" })
    }

    init(userID: String, accessToken: String, deviceID: String, password: String, http: MatrixTestHTTP) {
        self.userID = userID
        self.accessToken = accessToken
        self.deviceID = deviceID
        self.password = password
        self.http = http
    }

    /// Any Client-Server call with this user's token; `path` starts with `/_matrix/` and is percent-encoded.
    public func request(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil) async throws
        -> MatrixTestResponse
    {
        try await http.send(method, path, json: json, accessToken: accessToken)
    }

    /// Creates a room and returns its id.
    ///
    /// - Parameters:
    ///   - invite: users invited at once; they still have to ``join(_:)``.
    ///   - isDirect: marks the invitations as a direct chat.
    ///   - preset: `private_chat`, `trusted_private_chat` or `public_chat`.
    public func createRoom(
        name: String? = nil, invite: [String] = [], isDirect: Bool = false, preset: String = "private_chat"
    ) async throws -> String {
        var body: [String: Any] = ["preset": preset, "invite": invite, "is_direct": isDirect]
        if let name { body["name"] = name }
        let path = "/_matrix/client/v3/createRoom"
        let response = try await http.expectSuccess(.POST, path, json: body, accessToken: accessToken)
        return try http.field("room_id", of: response, path: path)
    }

    public func invite(_ userID: String, to roomID: String) async throws {
        _ = try await http.expectSuccess(
            .POST, "/_matrix/client/v3/rooms/\(matrixPathSegment(roomID))/invite", json: ["user_id": userID],
            accessToken: accessToken)
    }

    /// Joins a room by id or alias and returns the room id.
    @discardableResult
    public func join(_ roomIDOrAlias: String) async throws -> String {
        let path = "/_matrix/client/v3/join/\(matrixPathSegment(roomIDOrAlias))"
        let response = try await http.expectSuccess(.POST, path, json: [:], accessToken: accessToken)
        return try http.field("room_id", of: response, path: path)
    }

    /// Sets this user's display name.
    public func setDisplayName(_ name: String) async throws {
        _ = try await http.expectSuccess(
            .PUT, "/_matrix/client/v3/profile/\(matrixPathSegment(userID))/displayname", json: ["displayname": name],
            accessToken: accessToken)
    }

    /// Sends an `m.text` message and returns its event id.
    ///
    /// - Parameters:
    ///   - inReplyTo: the event replied to (`m.relates_to.m.in_reply_to`); the body should then carry the
    ///     reply fallback (`> <@user> quoted` lines and an empty line) as older clients send it.
    ///   - threadRoot: sends it in the thread of this root event (`rel_type: m.thread`).
    ///   - transactionID: the idempotency key; a new one by default.
    @discardableResult
    public func send(
        _ body: String, to roomID: String, inReplyTo: String? = nil, threadRoot: String? = nil,
        transactionID: String = UUID().uuidString
    ) async throws -> String {
        var content: [String: Any] = ["msgtype": "m.text", "body": body]
        var relation: [String: Any] = [:]
        if let threadRoot {
            relation["rel_type"] = "m.thread"
            relation["event_id"] = threadRoot
            relation["is_falling_back"] = inReplyTo == nil
            relation["m.in_reply_to"] = ["event_id": inReplyTo ?? threadRoot]
        } else if let inReplyTo {
            relation["m.in_reply_to"] = ["event_id": inReplyTo]
        }
        if !relation.isEmpty { content["m.relates_to"] = relation }
        let path =
            "/_matrix/client/v3/rooms/\(matrixPathSegment(roomID))/send/m.room.message/\(matrixPathSegment(transactionID))"
        let response = try await http.expectSuccess(.PUT, path, json: content, accessToken: accessToken)
        return try http.field("event_id", of: response, path: path)
    }

    /// The newest events of a room (all types, up to `limit`), oldest first.
    public func messages(in roomID: String, limit: Int = 100) async throws -> [MatrixTestEvent] {
        let path = "/_matrix/client/v3/rooms/\(matrixPathSegment(roomID))/messages?dir=b&limit=\(limit)"
        let response = try await http.expectSuccess(.GET, path, accessToken: accessToken)
        let chunk = response.json["chunk"] as? [[String: Any]] ?? []
        return chunk.compactMap(MatrixTestEvent.init(json:)).reversed()
    }

    /// The `m.room.message` events of a room that are not redacted, oldest first.
    public func textMessages(in roomID: String, limit: Int = 100) async throws -> [MatrixTestEvent] {
        try await messages(in: roomID, limit: limit).filter { $0.type == "m.room.message" && $0.body != nil }
    }

    /// One event by id.
    public func event(_ eventID: String, in roomID: String) async throws -> MatrixTestEvent {
        let path = "/_matrix/client/v3/rooms/\(matrixPathSegment(roomID))/event/\(matrixPathSegment(eventID))"
        let response = try await http.expectSuccess(.GET, path, accessToken: accessToken)
        guard let event = MatrixTestEvent(json: response.json) else {
            throw SynapseError.unexpectedAnswer(path: path, body: response.text)
        }
        return event
    }

    /// A `/sync`: its `next_batch` and the timeline events of the joined rooms, by room id.
    public func sync(since: String? = nil, timeout: Duration = .zero) async throws -> MatrixTestSync {
        var path = "/_matrix/client/v3/sync?timeout=\(timeout.components.seconds * 1000)"
        if let since { path += "&since=\(matrixPathSegment(since))" }
        let response = try await http.expectSuccess(
            .GET, path, accessToken: accessToken, timeout: timeout + MatrixTestHTTP.defaultTimeout)
        let json = response.json
        let nextBatch = try http.field("next_batch", of: response, path: "/_matrix/client/v3/sync")
        var timelines: [String: [MatrixTestEvent]] = [:]
        let joined = (json["rooms"] as? [String: Any])?["join"] as? [String: Any] ?? [:]
        for (roomID, room) in joined {
            let events = ((room as? [String: Any])?["timeline"] as? [String: Any])?["events"] as? [[String: Any]] ?? []
            timelines[roomID] = events.compactMap(MatrixTestEvent.init(json:))
        }
        return MatrixTestSync(nextBatch: nextBatch, timelines: timelines)
    }

    /// The user ids of a room's joined members.
    public func joinedMembers(of roomID: String) async throws -> [String] {
        let path = "/_matrix/client/v3/rooms/\(matrixPathSegment(roomID))/joined_members"
        let response = try await http.expectSuccess(.GET, path, accessToken: accessToken)
        return ((response.json["joined"] as? [String: Any]) ?? [:]).keys.sorted()
    }

    /// The membership of `userID` in a room (`join`, `invite`, `leave`, `ban`), or `nil` when it has none.
    public func membership(of userID: String, in roomID: String) async throws -> String? {
        let path =
            "/_matrix/client/v3/rooms/\(matrixPathSegment(roomID))/state/m.room.member/\(matrixPathSegment(userID))"
        let response = try await http.send(.GET, path, accessToken: accessToken)
        if response.status == 404 { return nil }
        guard response.status == 200 else {
            throw SynapseError.requestFailed(method: "GET", path: path, status: response.status, body: response.text)
        }
        return response.json["membership"] as? String
    }

    /// Limits how fast `userID` may send messages (Synapse admin API; this user must be an admin), so that a
    /// test can provoke the `429 M_LIMIT_EXCEEDED` answer with its `Retry-After`.
    public func overrideMessageRateLimit(for userID: String, messagesPerSecond: Double, burstCount: Int) async throws {
        _ = try await http.expectSuccess(
            .POST, "/_synapse/admin/v1/users/\(matrixPathSegment(userID))/override_ratelimit",
            json: ["messages_per_second": messagesPerSecond, "burst_count": burstCount], accessToken: accessToken)
    }
}

/// One room event as tests look at it.
public struct MatrixTestEvent: Sendable, Equatable {
    public var eventID: String
    public var type: String
    public var sender: String
    public var originServerTimestamp: Int64
    /// `content.body`; `nil` for other events and redacted messages.
    public var body: String?
    /// `content.msgtype` (`m.text`, `m.image`…).
    public var msgtype: String?
    /// `content.url`: the `mxc://` URI of a file message.
    public var contentURL: String?
    /// `content.m.relates_to.m.in_reply_to.event_id`.
    public var inReplyTo: String?
    /// `content.m.relates_to.rel_type` (`m.thread`).
    public var relationType: String?
    /// `content.m.relates_to.event_id` (the thread root).
    public var relatesToEventID: String?
    /// Whether the event was redacted (`unsigned.redacted_because`).
    public var isRedacted: Bool

    init?(json: [String: Any]) {
        guard let eventID = json["event_id"] as? String, let type = json["type"] as? String,
            let sender = json["sender"] as? String
        else { return nil }
        self.eventID = eventID
        self.type = type
        self.sender = sender
        originServerTimestamp = (json["origin_server_ts"] as? NSNumber)?.int64Value ?? 0
        let content = json["content"] as? [String: Any] ?? [:]
        body = content["body"] as? String
        msgtype = content["msgtype"] as? String
        contentURL = content["url"] as? String
        let relation = content["m.relates_to"] as? [String: Any]
        inReplyTo = (relation?["m.in_reply_to"] as? [String: Any])?["event_id"] as? String
        relationType = relation?["rel_type"] as? String
        relatesToEventID = relation?["event_id"] as? String
        isRedacted = (json["unsigned"] as? [String: Any])?["redacted_because"] != nil
    }
}

/// The part of a `/sync` answer tests look at.
public struct MatrixTestSync: Sendable {
    public var nextBatch: String
    /// Timeline events by joined room id, oldest first.
    public var timelines: [String: [MatrixTestEvent]]
}
