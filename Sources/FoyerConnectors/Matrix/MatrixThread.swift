import Foundation

/// How Matrix rooms and threads are written in Foyer's thread ids, and the id syntax checks.
///
/// A message in a room's main timeline belongs to the thread `!room:server`; a message in an `m.thread`
/// belongs to `!room:server|$rootEvent`, its own conversation.
enum MatrixThread {
    static let separator: Character = "|"

    /// The thread id of a room, or of a thread in it.
    static func threadID(roomID: String, rootEventID: String?) -> String {
        guard let rootEventID else { return roomID }
        return "\(roomID)\(separator)\(rootEventID)"
    }

    /// The room and thread root of a thread id; `nil` when it does not start with a room id.
    static func parse(_ threadID: String) -> (roomID: String, rootEventID: String?)? {
        let parts = threadID.split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        let roomID = String(parts[0])
        guard isRoomID(roomID) else { return nil }
        guard parts.count == 2 else { return (roomID, nil) }
        let root = String(parts[1])
        guard root.hasPrefix("$"), root.count > 1 else { return nil }
        return (roomID, root)
    }

    /// `!opaque:server` (room versions 1 to 11) or `!opaque` (version 12 and later, where the id is the hash
    /// of the room's create event): the sigil and an opaque part, at most 255 bytes.
    static func isRoomID(_ value: String) -> Bool {
        guard value.first == "!", value.count > 1, value.utf8.count <= 255 else { return false }
        if value.dropFirst().hasPrefix(":") || value.hasSuffix(":") { return false }
        return !value.contains(where: Self.isForbidden)
    }

    /// `@localpart:server`.
    static func isUserID(_ value: String) -> Bool {
        isIdentifier(value, sigil: "@")
    }

    private static func isIdentifier(_ value: String, sigil: Character) -> Bool {
        guard value.first == sigil, value.utf8.count <= 255, let colon = value.firstIndex(of: ":") else { return false }
        let local = value[value.index(after: value.startIndex)..<colon]
        let server = value[value.index(after: colon)...]
        return !local.isEmpty && !server.isEmpty
            && !value.contains(where: Self.isForbidden)
    }

    /// Never part of an id Foyer accepts: spaces and control characters, and the thread id separator.
    /// (Slashes are: user localparts may hold them; every id is percent-encoded in URLs.)
    private static func isForbidden(_ character: Character) -> Bool {
        character.isWhitespace || character == separator
            || character.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) }
    }

    /// The localpart of a user id (`alice` for `@alice:example.org`); the whole id when it has no colon.
    static func localpart(of userID: String) -> String {
        guard userID.first == "@", let colon = userID.firstIndex(of: ":") else { return userID }
        let local = userID[userID.index(after: userID.startIndex)..<colon]
        return local.isEmpty ? userID : String(local)
    }

    /// The room ids of the `rooms` setting, trimmed, empty entries dropped.
    static func roomList(_ setting: String?) -> [String] {
        (setting ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A `matrix.to` link to a room, an event or a user.
    static func permalink(_ parts: String...) -> String {
        "https://matrix.to/#/" + parts.map(pathSegment).joined(separator: "/")
    }

    /// Percent-encodes one URL path segment: room ids hold `!` and `:`, event ids `$`, user ids `@`.
    static func pathSegment(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}
