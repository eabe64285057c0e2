import GRDB

/// How to join a full-text match with a list ordered by date.
///
/// A rare term matches few messages: start from the FTS index and sort the few matches. A common term
/// matches many: walk the list's date index and stop at the page size, checking each row against the
/// matches. Counting matches up to ``selectiveLimit`` tells the two apart cheaply.
enum FullTextSearch {
    static let selectiveLimit = 2_000

    enum Strategy {
        /// Few matches: drive the query from `messages_fts`.
        case fromMatches
        /// Many matches: drive it from the list's index.
        case fromIndex
    }

    static func strategy(for match: String, _ db: Database) throws -> Strategy {
        let count =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)",
                arguments: [match, selectiveLimit]) ?? 0
        return count < selectiveLimit ? .fromMatches : .fromIndex
    }
}
