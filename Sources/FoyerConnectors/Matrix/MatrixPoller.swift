import Foundation
import FoyerCore

/// Reads new room messages with `GET /_matrix/client/v3/sync` long polls; the cursor is the sync's
/// `next_batch`.
///
/// - The first poll of a channel (no cursor) imports nothing: it makes a cheap initial sync (one event per
///   room), keeps its `next_batch` and returns no items, so a new channel starts with the messages written
///   after it was connected instead of pulling the history of every room into the inbox.
/// - Later polls ask for `m.room.message` and `m.room.member` timeline events only (no state, presence,
///   receipts or account data), in the `rooms` of the settings or every joined room, waiting up to the
///   long-poll timeout. Member events are read for one thing: a room the account joined since the last poll
///   starts at that join, so joining a room does not import its history either.
/// - When a room's timeline is `limited` (more events since the cursor than one sync carries), the gap is
///   filled from `/rooms/{id}/messages?dir=b&from=<prev_batch>&to=<cursor>`, at most
///   ``maxBackfillPages`` pages of ``backfillPageSize``; a longer gap loses its oldest messages.
/// - The author's display name and whether a room is a direct chat (exactly two joined members) come from
///   `/rooms/{id}/joined_members`, one call per room with new messages.
///
/// A poll from an old cursor starts again from that position (the homeserver keeps sync positions; it may
/// answer a repeated request from its short-lived cache, and the following cursors carry the rest), so a poll
/// whose page was not stored loses nothing; the ingest store deduplicates on event ids.
public struct MatrixPoller: Poller {
    private let http: ConnectorHTTPClient
    private let longPollTimeout: Duration
    static let timelineLimit = 50
    static let backfillPageSize = 100
    static let maxBackfillPages = 5

    public init(http: ConnectorHTTPClient, longPollTimeout: Duration = .seconds(25)) {
        self.http = http.named("Matrix")
        self.longPollTimeout = longPollTimeout
    }

    public func poll(_ context: ChannelContext, cursor: String?, now: Date) async throws -> PollResult {
        let client = try MatrixClient(context: context, http: http)
        let rooms = MatrixThread.roomList(context.setting("rooms"))
        guard let cursor, !cursor.isEmpty else {
            let json = try await client.sync(
                since: nil, timeout: .zero, filter: Self.filter(rooms: rooms, timelineLimit: 1))
            return PollResult(items: [], cursor: try MatrixSyncPage.parse(json).nextBatch)
        }
        let json = try await client.sync(
            since: cursor, timeout: longPollTimeout,
            filter: Self.filter(rooms: rooms, timelineLimit: Self.timelineLimit))
        let page = try MatrixSyncPage.parse(json)
        var items: [InboundItem] = []
        for room in page.rooms where rooms.isEmpty || rooms.contains(room.roomID) {
            var events = room.events
            if let join = events.lastIndex(where: { Self.isJoin($0, of: client.userID) }) {
                events = Array(events[(join + 1)...])
            } else if room.limited, let prevBatch = room.prevBatch {
                let older = try await backfill(client, roomID: room.roomID, from: prevBatch, to: cursor)
                let known = Set(events.compactMap { $0.text("event_id") })
                events = older.filter { !known.contains($0.text("event_id") ?? "") } + events
            }
            let messages = events.filter { $0.text("type") == "m.room.message" }
            guard !messages.isEmpty else { continue }
            let info = try await roomInfo(client, roomID: room.roomID)
            items += messages.compactMap {
                MatrixEventMapper.item($0, roomID: room.roomID, room: info, ownUserID: client.userID)
            }
        }
        return PollResult(items: items, cursor: page.nextBatch)
    }

    /// Display names and the direct-room flag. A room the account has just left or was removed from answers
    /// 403 or 404: its messages are still read, without names, as a group room.
    private func roomInfo(_ client: MatrixClient, roomID: String) async throws -> MatrixRoomInfo {
        do {
            return MatrixRoomInfo(members: try await client.joinedMembers(roomID: roomID))
        } catch let error as ConnectorError where error.kind == .forbidden || error.kind == .notFound {
            return MatrixRoomInfo(displayNames: [:], isDirect: false)
        }
    }

    /// The events between `from` (a timeline's `prev_batch`) and `to` (the previous sync position), oldest
    /// first, at most ``maxBackfillPages`` pages.
    private func backfill(_ client: MatrixClient, roomID: String, from: String, to: String) async throws -> [JSONValue]
    {
        var collected: [JSONValue] = []
        var token = from
        for _ in 0..<Self.maxBackfillPages {
            let page: JSONValue
            do {
                page = try await client.messages(
                    roomID: roomID, from: token, to: to, direction: "b", limit: Self.backfillPageSize,
                    filter: Self.roomEventFilter)
            } catch let error as ConnectorError where error.kind == .forbidden || error.kind == .notFound {
                // The account may no longer read the room's history: keep what the sync gave.
                break
            }
            let chunk = page["chunk"]?.array ?? []
            if let join = chunk.firstIndex(where: { Self.isJoin($0, of: client.userID) }) {
                // Newest first: what comes after the join in this page is older than it.
                collected += chunk[..<join]
                break
            }
            collected += chunk
            guard let end = page.text("end"), end != token, !chunk.isEmpty else { break }
            token = end
        }
        // `dir=b` pages run newest first.
        return collected.reversed()
    }

    /// Whether `event` is `userID` joining the room (not a profile change of a member who had joined).
    static func isJoin(_ event: JSONValue, of userID: String) -> Bool {
        event.text("type") == "m.room.member" && event.text("state_key") == userID
            && event["content"]?.text("membership") == "join"
            && event["unsigned"]?["prev_content"]?.text("membership") != "join"
    }

    static let roomEventFilter = #"{"types":["m.room.message","m.room.member"]}"#

    /// The sync filter: `m.room.message` and `m.room.member` timeline events of the joined rooms (or `rooms`),
    /// nothing else.
    static func filter(rooms: [String], timelineLimit: Int) -> String {
        let nothing = #"{"not_types":["*"]}"#
        var room =
            #""timeline":{"types":["m.room.message","m.room.member"],"limit":\#(timelineLimit)},"state":\#(nothing),"ephemeral":\#(nothing),"account_data":\#(nothing)"#
        if !rooms.isEmpty {
            let list = rooms.map { jsonString($0) }.joined(separator: ",")
            room = #""rooms":[\#(list)],"# + room
        }
        return #"{"room":{\#(room)},"presence":\#(nothing),"account_data":\#(nothing)}"#
    }

    /// A JSON string literal.
    static func jsonString(_ value: String) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
