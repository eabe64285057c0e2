import Foundation
import FoyerCore
import FoyerTestSupport
import GRDB
import Testing

@testable import FoyerSQLite

/// Migration `0014_full_text_without_sizes` rebuilds the full-text index of a database that already has
/// messages: what was searchable stays searchable, and later edits and deletions keep the index right.
@Suite("Full-text index without sizes (migration 0014)")
struct FullTextMigrationTests {
    @Test func messagesStoredBeforeTheMigration_areFoundAfterIt_andEditsFollow() async throws {
        let database = try SQLiteDatabase.temporary()
        try SQLiteMigrations.migrator.migrate(database.writer, upTo: "0013_inbox_columns_in_swift")
        let seeded = try await Seed(database.storage).inbox(
            named: "Cime", owner: "owner@example.org",
            messages: ["Le colis est arrivé abîmé", "Where is my parcel?", "Merci pour la réponse rapide"])
        let before = try await database.writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'messages_fts_docsize'")
        }
        #expect(before == true)

        try await database.migrate()

        let storage = database.storage
        func found(_ text: String) async throws -> [String] {
            try await storage.messages.list(
                in: seeded.id, filter: MessageFilter(text: text), page: PageRequest(limit: 10, cursor: nil)
            ).items.map(\.body).sorted()
        }
        #expect(try await found("abime") == ["Le colis est arrivé abîmé"])
        #expect(try await found("parcel") == ["Where is my parcel?"])
        #expect(try await found("rapid") == ["Merci pour la réponse rapide"])

        let schema = try await database.writer.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'messages_fts%'")
        }
        #expect(!schema.contains("messages_fts_docsize"))
        #expect(schema.contains("messages_fts"))

        // The update and delete triggers still keep the index in step with the messages.
        let parcel = try #require(seeded.messages.first { $0.body.contains("parcel") })
        let rapid = try #require(seeded.messages.first { $0.body.contains("rapide") })
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE messages SET body = 'Where is my package?' WHERE id = ?", arguments: [parcel.id.rawValue])
            try db.execute(sql: "DELETE FROM messages WHERE id = ?", arguments: [rapid.id.rawValue])
            try db.execute(sql: "INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try await found("parcel").isEmpty)
        #expect(try await found("package") == ["Where is my package?"])
        #expect(try await found("rapid").isEmpty)
        #expect(try await found("colis") == ["Le colis est arrivé abîmé"])
    }
}
