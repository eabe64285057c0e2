import Foundation
import FoyerCore
import FoyerSQLite
import GRDB
import Testing

/// The worker queries walk their indexes in order: no scan, no sort, however long the log grows.
@Suite("Ingest query plans (SQLite)")
struct IngestQueryPlanTests {
    static func plan(_ sql: String) async throws -> [String] {
        try await SQLiteDatabase.migratedQueryPlan(sql)
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

    /// The batch's lookups go from each value of the JSON array to one seek in a unique index.
    @Test func ingestDeduplication_seeksTheMessagesUniqueIndex() async throws {
        let plan = try await Self.plan(
            """
            SELECT j.key FROM json_each('["a","b"]') AS j
            CROSS JOIN messages AS m ON m.channel_id = 1 AND m.external_id = j.value
            """)
        #expect(plan.contains { $0.contains("SEARCH m USING COVERING INDEX sqlite_autoindex_messages") })
        #expect(!plan.contains { $0.hasPrefix("SCAN m") })
    }

    @Test func ingestAuthors_seekTheIdentitiesUniqueIndex() async throws {
        let plan = try await Self.plan(
            """
            SELECT j.key, i.member_id FROM json_each('["a","b"]') AS j
            CROSS JOIN identities AS i ON i.workspace_id = 1 AND i.platform = 'slack' AND i.external_id = j.value
            """)
        #expect(plan.contains { $0.contains("SEARCH i USING INDEX sqlite_autoindex_identities") })
        #expect(!plan.contains { $0.hasPrefix("SCAN i") })
    }
}
