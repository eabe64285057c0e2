import Foundation
import FoyerCore

/// The parts of a `/sync` answer the poller uses.
struct MatrixSyncPage: Equatable {
    struct Room: Equatable {
        var roomID: String
        /// Timeline events, oldest first, as the homeserver sent them.
        var events: [JSONValue]
        /// The timeline skipped events between the previous sync and these: backfill from `prevBatch`.
        var limited: Bool
        var prevBatch: String?
    }

    var nextBatch: String
    /// Joined rooms with timeline events or a gap, sorted by room id.
    var rooms: [Room]

    /// Reads a `/sync` body.
    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/protocolError`` when `next_batch` is missing;
    ///   malformed rooms are skipped.
    static func parse(_ json: JSONValue) throws -> MatrixSyncPage {
        guard let nextBatch = json.text("next_batch") else {
            throw ConnectorError.undecodable(platform: "Matrix", what: "the sync has no next_batch")
        }
        var rooms: [Room] = []
        for (roomID, room) in json["rooms"]?["join"]?.object ?? [:] where MatrixThread.isRoomID(roomID) {
            let timeline = room["timeline"]
            let events = timeline?["events"]?.array ?? []
            let limited = timeline?["limited"]?.bool ?? false
            guard !events.isEmpty || limited else { continue }
            rooms.append(
                Room(roomID: roomID, events: events, limited: limited, prevBatch: timeline?.text("prev_batch")))
        }
        rooms.sort { $0.roomID < $1.roomID }
        return MatrixSyncPage(nextBatch: nextBatch, rooms: rooms)
    }
}

/// What the poller knows about a room when it turns its events into items.
struct MatrixRoomInfo: Equatable {
    /// User id → display name, for the joined members.
    var displayNames: [String: String]
    /// Two joined members: the account and one person.
    var isDirect: Bool

    init(members: [String: String?]) {
        var names: [String: String] = [:]
        for (userID, name) in members { if let name { names[userID] = name } }
        displayNames = names
        isDirect = members.count == 2
    }

    init(displayNames: [String: String], isDirect: Bool) {
        self.displayNames = displayNames
        self.isDirect = isDirect
    }
}

/// Turns Matrix room events into ``InboundItem``s. Pure; every field is checked, and an event that is not
/// a readable message gives `nil` rather than an error.
enum MatrixEventMapper {
    /// The longest body kept; Matrix events are at most 64 KiB anyway.
    static let maxBodyLength = 20_000

    /// The item for an `m.room.message` event, or `nil` for other events, edits (`m.replace`, the original
    /// is kept), redacted or malformed messages.
    ///
    /// - threadID: the room id, or `roomID|rootEventID` in an `m.thread`.
    /// - parentID: the `m.in_reply_to` target; in a thread, the root when the reply target is only a fallback.
    /// - body: `content.body`, without the reply fallback (the leading `> ` lines) of a reply; media
    ///   messages read `[image] name.png`.
    static func item(_ event: JSONValue, roomID: String, room: MatrixRoomInfo, ownUserID: String) -> InboundItem? {
        guard event.text("type") == "m.room.message", let eventID = event.text("event_id"), eventID.hasPrefix("$"),
            let sender = event.text("sender"), MatrixThread.isUserID(sender),
            let timestamp = event["origin_server_ts"]?.int, timestamp > 0,
            let content = event["content"], content.object != nil,
            event["unsigned"]?["redacted_because"] == nil,
            var body = content["body"]?.string
        else { return nil }

        let relation = content["m.relates_to"]
        if relation?.text("rel_type") == "m.replace" { return nil }

        var threadRoot: String?
        var parentID = relation?["m.in_reply_to"]?.text("event_id")
        var isRealReply = parentID != nil
        if relation?.text("rel_type") == "m.thread", let root = relation?.text("event_id"), root.hasPrefix("$") {
            threadRoot = root
            if relation?["is_falling_back"]?.bool == true || parentID == nil {
                parentID = root
                isRealReply = false
            }
        }
        if isRealReply { body = stripReplyFallback(body) }
        body = prefixed(body, msgtype: content.text("msgtype"))
        body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return nil }
        if body.count > maxBodyLength { body = String(body.prefix(maxBodyLength)) + "…" }

        return InboundItem(
            externalID: eventID,
            threadID: MatrixThread.threadID(roomID: roomID, rootEventID: threadRoot),
            parentID: parentID,
            kind: room.isDirect ? .directMessage : .comment,
            direction: sender == ownUserID ? .outbound : .inbound,
            author: InboundAuthor(
                externalID: sender, handle: MatrixThread.localpart(of: sender), displayName: room.displayNames[sender],
                profileURL: MatrixThread.permalink(sender)),
            body: body,
            sentAt: Date(timeIntervalSince1970: Double(timestamp) / 1000),
            url: MatrixThread.permalink(roomID, eventID))
    }

    /// Removes the reply fallback clients put before a reply's text: the quoted lines (`> <@alice:x> …`)
    /// and the empty line after them. A body that is nothing but a quote is kept.
    static func stripReplyFallback(_ body: String) -> String {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("> ") || first == ">" else { return body }
        var index = 0
        while index < lines.count, lines[index].hasPrefix("> ") || lines[index] == ">" { index += 1 }
        if index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        let rest = lines[index...].joined(separator: "\n")
        return rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? body : rest
    }

    /// Media and emotes read as what they are; text and notices as they are.
    static func prefixed(_ body: String, msgtype: String?) -> String {
        switch msgtype {
        case "m.image": "[image] \(body)"
        case "m.video": "[video] \(body)"
        case "m.audio": "[audio] \(body)"
        case "m.file": "[file] \(body)"
        case "m.location": "[location] \(body)"
        case "m.emote": "* \(body)"
        default: body
        }
    }
}
