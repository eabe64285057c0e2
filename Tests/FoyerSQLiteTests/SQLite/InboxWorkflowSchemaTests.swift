import Foundation
import FoyerSQLite
import GRDB
import Testing

@Suite("Inbox workflow schema")
struct InboxWorkflowSchemaTests {
    func plan(_ sql: String, _ database: SQLiteDatabase) async throws -> [String] {
        try await database.queryPlan(sql)
    }

    @Test func migration_createsTheWorkflowTables() async throws {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        let tables = try await database.writer.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table in ["saved_views", "saved_replies", "saved_reply_versions", "inbox_settings"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try await database.pendingMigrations().isEmpty)
    }

    /// The list's filters on the latest inbound analysis read conversations only, never messages.
    @Test func analysisFilters_readNoMessages() async throws {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        let filtered = try await plan(
            """
            SELECT * FROM conversations c WHERE c.workspace_id = 1 AND c.inbound_sentiment = 'negative'
            AND (c.marked_spam = 0 AND c.inbound_spam = 0) AND instr(',' || c.inbound_intents || ',', ',bug,') > 0
            ORDER BY c.last_message_at DESC, c.id DESC LIMIT 26
            """, database)
        #expect(!filtered.contains { $0.contains("messages") })
        #expect(filtered.contains { $0.contains("conversations_sentiment_inbox") })
        #expect(!filtered.contains { $0.contains("TEMP B-TREE") })
        let waiting = try await plan(
            """
            SELECT * FROM conversations c WHERE c.workspace_id = 1 AND c.waiting_since IS NOT NULL
            AND c.status IN ('open', 'pending') AND c.waiting_since <= '2026-01-01 00:00:00.000'
            ORDER BY c.waiting_since, c.id LIMIT 26
            """, database)
        #expect(waiting.contains { $0.contains("conversations_waiting") })
        #expect(!waiting.contains { $0.contains("TEMP B-TREE") })
        let priority = try await plan(
            """
            SELECT * FROM conversations c WHERE c.workspace_id = 1
            ORDER BY c.priority_rank DESC, c.last_message_at DESC, c.id DESC LIMIT 26
            """, database)
        #expect(priority.contains { $0.contains("conversations_priority") })
        let spam = try await plan(
            """
            SELECT * FROM conversations c WHERE c.workspace_id = 1 AND (c.marked_spam = 1 OR c.inbound_spam = 1)
            ORDER BY c.last_message_at DESC, c.id DESC LIMIT 26
            """, database)
        #expect(spam.contains { $0.contains("conversations_spam_inbox") })
        let breaches = try await plan(
            """
            SELECT count(*) FROM conversations c WHERE c.workspace_id = 1 AND c.status IN ('open', 'pending')
            AND c.waiting_since <= '2026-01-01 00:00:00.000'
            """, database)
        #expect(breaches.contains { $0.contains("COVERING INDEX conversations_waiting_status") })
        #expect(!priority.contains { $0.contains("TEMP B-TREE") })
    }
}
