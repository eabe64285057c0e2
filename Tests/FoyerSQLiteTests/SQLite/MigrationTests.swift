import Foundation
import FoyerCore
import FoyerSQLite
import GRDB
import Testing

@Suite("SQLite migrations")
struct MigrationTests {
    @Test func migrate_fromEmpty_createsEveryTable_andLeavesNothingPending() async throws {
        let database = try SQLiteDatabase.temporary()
        let pending = try await database.pendingMigrations()
        #expect(Array(pending.prefix(3)) == ["0001_initial", "0002_inbox_language_index", "0003_ingest"])
        try await database.migrate()
        #expect(try await database.pendingMigrations().isEmpty)
        #expect(try await database.storage.health.pendingMigrations().isEmpty)
        try await database.storage.health.ping()
        let tables = try await database.writer.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table in [
            "users", "workspaces", "memberships", "sessions", "invitations", "api_tokens", "channels", "members",
            "identities", "conversations", "conversation_tags", "member_tags", "tags", "messages", "messages_fts",
            "notes", "audit_events", "inbound_events", "channel_cursors", "daily_rollups", "publications",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func migrate_twice_isANoOp_andKeepsData() async throws {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        _ = try await database.storage.users.create(
            email: "a@example.org", name: "A", passwordHash: "h", preferredLocale: nil)
        try await database.migrate()
        #expect(try await database.storage.users.count() == 1)
        let applied = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(Array(applied.prefix(3)) == ["0001_initial", "0002_inbox_language_index", "0003_ingest"])
    }

    @Test func inboxIndexes_exist() async throws {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        let indexes = try await database.writer.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        for index in [
            "conversations_inbox", "conversations_inbox_status", "messages_workspace_sent",
            "messages_conversation_sent", "messages_member",
        ] {
            #expect(indexes.contains(index), "missing index \(index)")
        }
    }

    @Test func conversationLanguageIndex_isGone() async throws {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        let indexes = try await database.writer.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        // Dropped by 0015: the language filter reads `conversations.inbound_language`.
        #expect(!indexes.contains("messages_conversation_language"))
        // Dropped by 0016: no query used it.
        #expect(!indexes.contains("messages_workspace_language"))
    }

    @Test func messageListByLanguage_walksTheDateIndex() async throws {
        let plan = try await SQLiteDatabase.migratedQueryPlan(
            """
            SELECT m.* FROM messages m WHERE m.workspace_id = 1 AND m.language = 'fr'
            ORDER BY m.sent_at DESC, m.id DESC LIMIT 51
            """)
        #expect(plan.contains { $0.contains("messages_workspace_sent") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }

    @Test func inboxQuery_usesTheInboxIndex() async throws {
        let plan = try await SQLiteDatabase.migratedQueryPlan(
            """
            SELECT * FROM conversations c WHERE c.workspace_id = 1 AND c.status = 'open'
            ORDER BY c.last_message_at DESC, c.id DESC LIMIT 51
            """)
        #expect(plan.contains { $0.contains("conversations_inbox_status") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }
}
