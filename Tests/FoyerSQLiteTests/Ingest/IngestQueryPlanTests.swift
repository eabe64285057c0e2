import Foundation
import FoyerCore
import FoyerSQLite
import GRDB
import Testing

/// The worker queries walk their indexes in order: no scan, no sort, however long the log grows.
@Suite("Ingest query plans (SQLite)")
struct IngestQueryPlanTests {
    static func plan(_ sql: String) async throws -> [String] {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
        }
    }

    @Test func dueInboundEvents_useThePartialDueIndex_withoutSorting() async throws {
        let plan = try await Self.plan(
            """
            SELECT * FROM inbound_events WHERE status IN ('pending', 'failed') AND next_attempt_at <= '2026-01-01'
            ORDER BY next_attempt_at, id LIMIT 500
            """)
        #expect(plan.contains { $0.contains("inbound_events_due") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }

    @Test func duePublications_useTheStateIndex() async throws {
        let plan = try await Self.plan(
            """
            SELECT * FROM publications WHERE state IN ('scheduled', 'unknown') AND due_at <= '2026-01-01'
            ORDER BY due_at, id LIMIT 10
            """)
        #expect(plan.contains { $0.contains("publications_due") })
    }

    @Test func ingestDeduplication_seeksTheMessagesUniqueIndex() async throws {
        let plan = try await Self.plan(
            """
            SELECT external_id FROM messages
            WHERE channel_id = 1 AND external_id IN (SELECT value FROM json_each('["a","b"]'))
            """)
        #expect(plan.contains { $0.contains("sqlite_autoindex_messages") || $0.contains("USING COVERING INDEX") })
        #expect(!plan.contains { $0.hasPrefix("SCAN messages") })
    }
}
