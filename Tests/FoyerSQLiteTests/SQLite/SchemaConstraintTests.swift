import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import GRDB
import Testing

/// The schema itself refuses bad values, whatever code writes them.
@Suite("SQLite schema constraints")
struct SchemaConstraintTests {
    static func seeded() async throws -> (SQLiteDatabase, SeededInbox) {
        let database = try await makeTestDatabase()
        let inbox = try await Seed(database.storage).inbox(named: "Acme", owner: "owner@example.org")
        return (database, inbox)
    }

    static func expectRefused(_ database: SQLiteDatabase, _ sql: String, _ arguments: StatementArguments = []) async {
        await #expect(throws: DatabaseError.self, "\(sql)") {
            try await database.writer.write { db in try db.execute(sql: sql, arguments: arguments) }
        }
    }

    @Test func badEnumValues_writtenWithRawSQL_areRefused() async throws {
        let (database, inbox) = try await Self.seeded()
        let ws = inbox.id.rawValue
        let conversation = inbox.conversation.id.rawValue
        let user = inbox.owner.id.rawValue
        await Self.expectRefused(database, "UPDATE memberships SET role = 'root' WHERE user_id = ?", [user])
        await Self.expectRefused(database, "UPDATE conversations SET status = 'deleted' WHERE id = ?", [conversation])
        await Self.expectRefused(
            database, "UPDATE conversations SET priority = 'whenever' WHERE id = ?", [conversation])
        await Self.expectRefused(database, "UPDATE channels SET kind = 'myspace' WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE members SET member_type = 'alien' WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE members SET score = 101 WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE messages SET kind = 'tweet' WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE messages SET direction = 'sideways' WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE messages SET sentiment = 'angry' WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE messages SET toxic = 2 WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE messages SET sentiment_score = 3 WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE workspaces SET default_locale = 'de' WHERE id = ?", [ws])
        await Self.expectRefused(database, "UPDATE workspaces SET slug = 'Not A Slug' WHERE id = ?", [ws])
        await Self.expectRefused(database, "UPDATE users SET email = 'UPPER@EXAMPLE.ORG' WHERE id = ?", [user])
        await Self.expectRefused(database, "UPDATE users SET preferred_locale = 'xx' WHERE id = ?", [user])
        await Self.expectRefused(database, "UPDATE users SET name = '' WHERE id = ?", [user])
        await Self.expectRefused(database, "UPDATE channels SET settings = 'not json' WHERE workspace_id = ?", [ws])
        await Self.expectRefused(database, "UPDATE conversations SET message_count = -1 WHERE id = ?", [conversation])
        await Self.expectRefused(
            database, "INSERT INTO tags (workspace_id, name, color) VALUES (?, 'x', 'javascript:')", [ws])
        await Self.expectRefused(
            database,
            "INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, created_at, expires_at) VALUES (?, 'a@b.c', 'god', ?, ?, '2026-01-01', '2026-01-02')",
            [ws, String(repeating: "a", count: 64), user])
        let membership = try await database.storage.memberships.find(user: inbox.owner.id, in: inbox.id)
        #expect(membership?.role == .owner)
    }

    @Test func crossWorkspaceReferences_areRefusedByForeignKeys() async throws {
        let (database, acme) = try await Self.seeded()
        let globex = try await Seed(database.storage).inbox(named: "Globex", owner: "g@example.org")
        // A conversation of Globex on Acme's channel.
        await Self.expectRefused(
            database,
            """
            INSERT INTO conversations (workspace_id, channel_id, external_thread_id, subject, status, priority,
                first_message_at, last_message_at, created_at) VALUES (?, ?, 'x', '', 'open', 'normal', '2026-01-01', '2026-01-01', '2026-01-01')
            """,
            [globex.id.rawValue, acme.channel.id.rawValue])
        // A message of Globex's conversation pretending to be on Acme's channel.
        await Self.expectRefused(
            database,
            """
            INSERT INTO messages (workspace_id, channel_id, conversation_id, external_id, kind, direction, author_name, body,
                sent_at, received_at) VALUES (?, ?, ?, 'x', 'post', 'inbound', '', '', '2026-01-01', '2026-01-01')
            """,
            [globex.id.rawValue, acme.channel.id.rawValue, globex.conversation.id.rawValue])
        await Self.expectRefused(
            database, "INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id) VALUES (?, ?, 1)",
            [globex.id.rawValue, acme.conversation.id.rawValue])
    }

    @Test func deletingAWorkspace_cascadesToEverythingItOwns() async throws {
        let (database, acme) = try await Self.seeded()
        let storage = database.storage
        _ = try await storage.notes.add(
            body: "n", author: acme.owner.id, conversation: acme.conversation.id, member: acme.member.id, in: acme.id)
        try await storage.conversations.addTag("vip", to: acme.conversation.id, in: acme.id)
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM workspaces WHERE id = ?", arguments: [acme.id.rawValue])
        }
        let counts = try await database.writer.read { db in
            try [
                "channels", "members", "identities", "conversations", "messages", "notes", "tags", "conversation_tags",
                "memberships",
            ]
            .map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(counts.allSatisfy { $0 == 0 })
        #expect(try await storage.users.count() == 1)
        let hits = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'password'")
        }
        #expect(hits == 0)
    }

    @Test func fullTextIndex_followsBodyUpdates() async throws {
        let (database, acme) = try await Self.seeded()
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE messages SET body = 'bicyclette rouge' WHERE id = ?",
                arguments: [acme.messages[0].id.rawValue])
        }
        let search = { (text: String) in
            try await database.storage.messages.list(
                in: acme.id, filter: MessageFilter(text: text), page: PageRequest()
            ).items.count
        }
        #expect(try await search("bicyclette") == 1)
        #expect(try await search("password") == 0)
    }
}
