import FoyerTestSupport
import GRDB
import Testing

@testable import FoyerSQLite

@Suite("Full-text matches held for a query")
struct FullTextMatchSetTests {
    @Test func contains_findsExactlyTheRowidsGiven() {
        let rowids: [Int64] = [2, 3, 5, 8, 13, 21, 1_000_000_007]
        let matches = FullTextMatchSet(rowids: rowids)
        for rowid in Int64(-1)...30 {
            #expect(FullTextMatchSet.contains(rowid, token: matches.token) == rowids.contains(rowid))
        }
        #expect(FullTextMatchSet.contains(1_000_000_007, token: matches.token))
        #expect(!FullTextMatchSet.contains(Int64.max, token: matches.token))
    }

    @Test func anEmptySet_containsNothing() {
        let matches = FullTextMatchSet(rowids: [])
        #expect(!FullTextMatchSet.contains(0, token: matches.token))
    }

    @Test func aReleasedSet_isNoLongerReachable() {
        var token = 0
        do {
            let matches = FullTextMatchSet(rowids: [1, 2, 3])
            token = matches.token
            #expect(FullTextMatchSet.contains(2, token: token))
        }
        #expect(!FullTextMatchSet.contains(2, token: token))
    }

    @Test func twoSets_doNotMix() {
        let first = FullTextMatchSet(rowids: [1, 3])
        let second = FullTextMatchSet(rowids: [2, 4])
        #expect(first.token != second.token)
        #expect(FullTextMatchSet.contains(3, token: first.token))
        #expect(!FullTextMatchSet.contains(3, token: second.token))
        #expect(FullTextMatchSet.contains(4, token: second.token))
    }
}

@Suite("Full-text search strategies")
struct FullTextSearchStrategyTests {
    /// Index `count` rows whose body has `word`, and as many without it, straight into the FTS index.
    static func database(rows count: Int, word: String) async throws -> SQLiteDatabase {
        let database = try await makeTestDatabase()
        try await database.writer.write { db in
            for rowid in 1...(2 * count) {
                try db.execute(
                    sql: "INSERT INTO messages_fts(rowid, body) VALUES (?, ?)",
                    arguments: [rowid, rowid % 2 == 0 ? "un \(word) de plus" : "rien à voir"])
            }
        }
        return database
    }

    /// The candidates 1…2·count that the strategy's condition keeps.
    static func kept(by strategy: FullTextSearch.Strategy, match: String, upTo last: Int, _ db: Database) throws
        -> [Int64]
    {
        let condition = FullTextSearch.commonTermCondition(strategy, match: match, column: "value")
        return try withExtendedLifetime(strategy) {
            try Int64.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE candidates(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM candidates WHERE value < ?)
                    SELECT value FROM candidates WHERE \(condition.sql) ORDER BY value
                    """,
                arguments: [last] + condition.arguments)
        }
    }

    @Test func rareTerms_driveFromTheMatches_commonTermsProbe_andTooManyFallBackToSQLite() async throws {
        let database = try await Self.database(rows: FullTextSearch.selectiveLimit, word: "livraison")
        let match = try #require(FullTextQuery.make(from: "livraison"))
        let evens = stride(from: 2, through: 2 * FullTextSearch.selectiveLimit, by: 2).map(Int64.init)
        try await database.writer.read { db in
            guard case .probe = try FullTextSearch.strategy(for: match, db) else {
                Issue.record("expected a probe for \(FullTextSearch.selectiveLimit) matches")
                return
            }
            let probed = try Self.kept(
                by: FullTextSearch.strategy(for: match, db), match: match, upTo: evens.count * 2, db)
            #expect(probed == evens)
            let fallback = try FullTextSearch.strategy(for: match, db, probeLimit: 100)
            guard case .fromIndex = fallback else {
                Issue.record("expected SQLite's IN list above the probe limit")
                return
            }
            #expect(try Self.kept(by: fallback, match: match, upTo: evens.count * 2, db) == evens)
            guard
                case .fromMatches = try FullTextSearch.strategy(
                    for: try #require(FullTextQuery.make(from: "absent")), db)
            else {
                Issue.record("expected a rare term to drive from the matches")
                return
            }
        }
    }
}
