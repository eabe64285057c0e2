import Foundation
import FoyerCore

/// The Client-Server API calls the Matrix connector makes, as the channel's account (Bearer token).
///
/// Every error answer is mapped to ``ConnectorError``: 401 `M_UNKNOWN_TOKEN` → unauthorized, 403
/// `M_FORBIDDEN` → forbidden, 404 → notFound, 429 `M_LIMIT_EXCEEDED` → rateLimited with `retryAfter` (from
/// `Retry-After`, else `retry_after_ms`), 5xx and network failures → unavailable.
public struct MatrixClient: Sendable {
    /// The homeserver's client API base, without a trailing slash.
    public let homeserverURL: String
    /// The account Foyer acts as.
    public let userID: String
    private let accessToken: String
    private let http: ConnectorHTTPClient

    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/configuration`` when the homeserver URL,
    ///   the token or the user id is missing.
    public init(context: ChannelContext, http: ConnectorHTTPClient) throws {
        guard var base = context.setting("homeserverURL")?.trimmingCharacters(in: .whitespaces), !base.isEmpty else {
            throw ConnectorError(
                .configuration, "This Matrix channel has no homeserver address; set it in Settings › Channels.")
        }
        while base.hasSuffix("/") { base.removeLast() }
        guard let token = context.credential("accessToken"), let userID = context.credential("userID") else {
            throw ConnectorError(
                .configuration, "This Matrix channel has no access token or user id; add them in Settings › Channels.")
        }
        self.init(homeserverURL: base, userID: userID, accessToken: token, http: http)
    }

    public init(homeserverURL: String, userID: String, accessToken: String, http: ConnectorHTTPClient) {
        self.homeserverURL = homeserverURL
        self.userID = userID
        self.accessToken = accessToken
        self.http = http.named("Matrix")
    }

    // MARK: Moderation

    /// Redacts (deletes) an event: `PUT /rooms/{roomId}/redact/{eventId}/{txnId}`.
    ///
    /// - Parameter txnID: the transaction id; the same id sent again by the same device is not redacted twice.
    /// - Returns: the id of the redaction event.
    /// - Throws: ``ConnectorError``; `.forbidden` when the account may not redact others' events in that room.
    @discardableResult
    public func redact(eventID: String, roomID: String, reason: String?, txnID: String) async throws -> String {
        struct Body: Encodable { var reason: String? }
        let path =
            "/rooms/\(MatrixThread.pathSegment(roomID))/redact/\(MatrixThread.pathSegment(eventID))/\(MatrixThread.pathSegment(txnID))"
        let json = try await call(.put, path, body: Body(reason: reason), idempotent: true)
        guard let id = json.text("event_id") else {
            throw ConnectorError.undecodable(platform: "Matrix", what: "the redaction has no event_id")
        }
        return id
    }

    /// Bans a user from a room: `POST /rooms/{roomId}/ban`. Banning a banned user succeeds.
    /// - Throws: ``ConnectorError``; `.forbidden` when the account's power level is too low.
    public func ban(userID: String, roomID: String, reason: String?) async throws {
        struct Body: Encodable {
            var user_id: String
            var reason: String?
        }
        _ = try await call(
            .post, "/rooms/\(MatrixThread.pathSegment(roomID))/ban", body: Body(user_id: userID, reason: reason),
            idempotent: true)
    }

    // MARK: Messages

    /// Sends an `m.room.message` with a transaction id. The homeserver remembers the transaction per device:
    /// the same id again returns the first event id instead of a second message.
    /// - Returns: the event id.
    func send(_ content: some Encodable & Sendable, roomID: String, txnID: String) async throws -> String {
        let path = "/rooms/\(MatrixThread.pathSegment(roomID))/send/m.room.message/\(MatrixThread.pathSegment(txnID))"
        let json = try await call(.put, path, body: content, idempotent: true)
        guard let id = json.text("event_id") else {
            throw ConnectorError.undecodable(platform: "Matrix", what: "the sent message has no event_id")
        }
        return id
    }

    /// Uploads a file to the media repository (`POST /_matrix/media/v3/upload`).
    /// - Returns: its `mxc://` URI.
    /// - Throws: ``ConnectorError``; `.rejected` (413 `M_TOO_LARGE`) when the file is over the homeserver's limit.
    func upload(_ data: Data, filename: String, contentType: String) async throws -> String {
        let json = try await call(
            .post, "/upload", query: [("filename", filename)], rawBody: (data, contentType), idempotent: false,
            timeout: .seconds(120), api: "/_matrix/media/v3")
        guard let uri = json.text("content_uri"), uri.hasPrefix("mxc://") else {
            throw ConnectorError.undecodable(platform: "Matrix", what: "the upload has no mxc:// content_uri")
        }
        return uri
    }

    /// `GET /sync`.
    /// - Parameters:
    ///   - since: the `next_batch` of the previous sync; `nil` for an initial sync.
    ///   - timeout: how long the homeserver may wait for events.
    ///   - filter: a filter definition as JSON text.
    func sync(since: String?, timeout: Duration, filter: String) async throws -> JSONValue {
        let milliseconds = max(
            0, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var query = [("timeout", String(milliseconds)), ("filter", filter)]
        if let since { query.append(("since", since)) }
        return try await call(
            .get, "/sync", query: query, timeout: timeout + .seconds(30), maxResponseBytes: 32 * 1024 * 1024)
    }

    /// `GET /rooms/{roomId}/messages`: one page of a room's timeline.
    /// - Parameters:
    ///   - from: where to start (a `prev_batch`, or an `end` of the previous page).
    ///   - to: where to stop (the previous sync's `next_batch`).
    ///   - filter: a room event filter as JSON text.
    func messages(roomID: String, from: String, to: String?, direction: String, limit: Int, filter: String) async throws
        -> JSONValue
    {
        var query = [("from", from), ("dir", direction), ("limit", String(limit)), ("filter", filter)]
        if let to { query.append(("to", to)) }
        return try await call(.get, "/rooms/\(MatrixThread.pathSegment(roomID))/messages", query: query)
    }

    /// `GET /rooms/{roomId}/joined_members`: user id → display name (`nil` when the member has none).
    func joinedMembers(roomID: String) async throws -> [String: String?] {
        let json = try await call(.get, "/rooms/\(MatrixThread.pathSegment(roomID))/joined_members")
        guard let joined = json["joined"]?.object else {
            throw ConnectorError.undecodable(platform: "Matrix", what: "the member list has no joined object")
        }
        var members: [String: String?] = [:]
        for (userID, profile) in joined {
            members[userID] = profile.text("display_name").map { ConnectorError.sanitize($0, limit: 120) }
        }
        return members
    }

    // MARK: Transport

    private func call(
        _ method: ConnectorHTTPRequest.Method, _ path: String, query: [(String, String)] = [],
        body: (any Encodable)? = nil, rawBody: (data: Data, contentType: String)? = nil, idempotent: Bool? = nil,
        timeout: Duration = .seconds(30), maxResponseBytes: Int = 8 * 1024 * 1024, api: String = "/_matrix/client/v3"
    ) async throws -> JSONValue {
        var address = homeserverURL + api + path
        if !query.isEmpty {
            address += "?" + query.map { "\($0.0)=\(MatrixThread.pathSegment($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: address) else {
            throw ConnectorError(.configuration, "The Matrix homeserver address is not a valid URL.")
        }
        let headers = ["Authorization": "Bearer \(accessToken)", "Accept": "application/json"]
        var request: ConnectorHTTPRequest
        if let body {
            request = try .json(
                method, url: url, body: body, headers: headers, timeout: timeout, isIdempotent: idempotent)
        } else if let rawBody {
            var withType = headers
            withType["Content-Type"] = rawBody.contentType
            request = ConnectorHTTPRequest(
                method: method, url: url, headers: withType, body: rawBody.data, timeout: timeout,
                isIdempotent: idempotent)
        } else {
            request = ConnectorHTTPRequest(
                method: method, url: url, headers: headers, timeout: timeout, isIdempotent: idempotent)
        }
        request.maxResponseBytes = maxResponseBytes
        let response = try await http.send(request)
        guard response.isSuccess else {
            throw ConnectorError.from(
                status: response.status, body: response.body, platform: "Matrix", headers: response.headers)
        }
        return try response.json(platform: "Matrix")
    }
}

/// The content of an `m.image`, `m.video`, `m.audio` or `m.file` message: a file in the media repository.
struct MatrixMediaContent: Encodable, Equatable {
    struct Info: Encodable, Equatable {
        var mimetype: String
        var size: Int
    }

    var msgtype: String
    /// The alt text when there is one, else the file name: what clients without the file show.
    var body: String
    var filename: String
    var url: String
    var info: Info

    init(media: OutboundMedia, uri: String) {
        let type = media.mimeType.lowercased()
        msgtype =
            type.hasPrefix("image/") ? "m.image" : type.hasPrefix("video/") ? "m.video"
            : type.hasPrefix("audio/") ? "m.audio" : "m.file"
        let alt = media.altText?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        body = alt.isEmpty ? media.filename : alt
        filename = media.filename
        url = uri
        info = Info(mimetype: media.mimeType, size: media.data.count)
    }
}

/// The content of an `m.room.message` Foyer sends.
struct MatrixMessageContent: Encodable, Equatable {
    var msgtype = "m.text"
    var body: String
    var relatesTo: Relation?

    struct Relation: Encodable, Equatable {
        /// `m.thread` for a message in a thread.
        var relType: String?
        /// The thread root.
        var eventID: String?
        /// In a thread, `true` when the reply target is only the fallback for clients without threads.
        var isFallingBack: Bool?
        var inReplyTo: String?

        enum CodingKeys: String, CodingKey {
            case relType = "rel_type", eventID = "event_id", isFallingBack = "is_falling_back", inReplyTo =
                "m.in_reply_to"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(relType, forKey: .relType)
            try container.encodeIfPresent(eventID, forKey: .eventID)
            try container.encodeIfPresent(isFallingBack, forKey: .isFallingBack)
            if let inReplyTo { try container.encode(["event_id": inReplyTo], forKey: .inReplyTo) }
        }
    }

    enum CodingKeys: String, CodingKey {
        case msgtype, body, relatesTo = "m.relates_to"
    }

    /// The content of a reply: `m.in_reply_to` for a reply in a room; `rel_type: m.thread` plus the
    /// fallback `m.in_reply_to` for a message in a thread. No reply fallback text in the body (the spec
    /// dropped it in v1.13).
    init(body: String, roomThreadRoot: String?, inReplyTo: String?) {
        self.body = body
        if let root = roomThreadRoot {
            relatesTo = Relation(
                relType: "m.thread", eventID: root, isFallingBack: inReplyTo == nil, inReplyTo: inReplyTo ?? root)
        } else if let inReplyTo {
            relatesTo = Relation(inReplyTo: inReplyTo)
        }
    }
}
