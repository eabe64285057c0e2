import GRDB
import Synchronization

/// How to join a full-text match with a list ordered by date.
///
/// A rare term matches few messages: start from the FTS index and sort the few matches. A common term
/// matches many: walk the list's date index and stop at the page size, checking each row against the
/// matches. The matching rowids are read once, in order, into a sorted array that SQL probes through
/// `foyer_fts_match(token, rowid)`. SQLite's own `rowid IN (SELECT rowid FROM messages_fts …)` builds a
/// temporary b-tree of them first, which took most of the time: on 1 M messages, searches of words in
/// 6–16 % of them went from p95 66 ms to 35 ms (see docs/PERFORMANCE.md).
enum FullTextSearch {
    /// Under this many matching messages, the query is driven from the matches.
    static let selectiveLimit = 2_000
    /// Over this many, the matches are not held in memory (8 bytes each) and SQLite's IN list is used.
    static let probeLimit = 4_000_000

    enum Strategy {
        /// Few matches: drive the query from `messages_fts`.
        case fromMatches
        /// Many matches: drive it from the list's index, probing the matches held in memory.
        case probe(FullTextMatchSet)
        /// More matches than ``probeLimit``: drive it from the list's index, with SQLite's IN list.
        case fromIndex
    }

    static func strategy(for match: String, _ db: Database, probeLimit: Int = probeLimit) throws -> Strategy {
        // The rows are read with SQLite's own calls: GRDB's cursor costs more per row than FTS5's decoding.
        var rowids: [Int64] = []
        var tooMany = false
        try RowReader.each(
            db.cachedStatement(sql: "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid"),
            arguments: [match], db
        ) { row in
            guard rowids.count < probeLimit else {
                tooMany = true
                return false
            }
            rowids.append(row.int64(0))
            return true
        }
        if tooMany { return .fromIndex }
        return rowids.count < selectiveLimit ? .fromMatches : .probe(FullTextMatchSet(rowids: rowids))
    }

    /// A condition on the message id column `column` for a common term, and its arguments.
    static func commonTermCondition(
        _ strategy: Strategy, match: String, column: String
    ) -> (sql: String, arguments: StatementArguments) {
        if case .probe(let matches) = strategy {
            return ("foyer_fts_match(?, \(column))", [matches.token])
        }
        return ("\(column) IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)", [match])
    }

    /// The SQL function behind ``FullTextMatchSet``; every connection registers it.
    static let matchFunction = DatabaseFunction("foyer_fts_match", argumentCount: 2, pure: false) { values in
        guard let token = Int.fromDatabaseValue(values[0]), let rowid = Int64.fromDatabaseValue(values[1]) else {
            return false
        }
        return FullTextMatchSet.contains(rowid, token: token)
    }
}

/// The rowids matching one full-text query, sorted, reachable from SQL by ``token`` for as long as this
/// object lives (one query: the repository holds it until the rows are read).
final class FullTextMatchSet: Sendable {
    let token: Int

    private static let registry = Mutex<(next: Int, sets: [Int: [Int64]])>((0, [:]))

    init(rowids: [Int64]) {
        token = Self.registry.withLock { registry in
            registry.next &+= 1
            registry.sets[registry.next] = rowids
            return registry.next
        }
    }

    deinit {
        let token = token
        _ = Self.registry.withLock { $0.sets.removeValue(forKey: token) }
    }

    static func contains(_ rowid: Int64, token: Int) -> Bool {
        guard let rowids = registry.withLock({ $0.sets[token] }) else { return false }
        var low = 0
        var high = rowids.count
        while low < high {
            let middle = (low + high) / 2
            if rowids[middle] < rowid { low = middle + 1 } else { high = middle }
        }
        return low < rowids.count && rowids[low] == rowid
    }
}
