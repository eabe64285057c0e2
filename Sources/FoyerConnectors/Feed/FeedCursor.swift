import Foundation

/// What a feed channel remembers between polls, stored as a small JSON string: the validators for the
/// next conditional GET, and the ids of the entries already returned (most recent first), so that only
/// new entries become items.
struct FeedCursor: Codable, Sendable, Equatable {
    var etag: String?
    var lastModified: String?
    var seen: [String]

    /// Ids kept at most, beyond those of the current document (which are always kept, so that a long
    /// feed does not bring its old entries back).
    static let seenLimit = 500

    init(etag: String? = nil, lastModified: String? = nil, seen: [String] = []) {
        self.etag = etag
        self.lastModified = lastModified
        self.seen = seen
    }

    /// The stored cursor; an empty one when there is none or it cannot be read (the feed is then read as new,
    /// and deduplication on external ids keeps stored messages from doubling).
    init(stored: String?) {
        guard let stored, let data = stored.data(using: .utf8),
            let cursor = try? JSONDecoder().decode(FeedCursor.self, from: data)
        else {
            self.init()
            return
        }
        self = cursor
    }

    /// The JSON to store.
    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The ids to remember after reading a document listing `current`: those, then the older ones.
    static func remembering(_ current: [String], after previous: [String]) -> [String] {
        var seen: [String] = []
        var known = Set<String>()
        for id in current + previous where known.insert(id).inserted { seen.append(id) }
        return Array(seen.prefix(max(seenLimit, current.count)))
    }
}
