import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import GRDB
import Testing

@Suite("SQLite file database and backup")
struct FileDatabaseTests {
    @Test func open_usesWALForeignKeysAndABusyTimeout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try SQLiteDatabase.open(path: folder.path("foyer.sqlite"))
        try await database.migrate()
        let settings = try await database.writer.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
            )
        }
        #expect(settings.0 == "wal")
        #expect(settings.1 == 1)
        #expect((settings.2 ?? 0) >= 5000)
        let writerTimeout = try await database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(writerTimeout == 5000)
    }

    @Test func concurrentWrites_fromManyTasks_allLand() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try SQLiteDatabase.open(path: folder.path("foyer.sqlite"))
        try await database.migrate()
        let storage = database.storage
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try await storage.users.create(
                        email: "user\(index)@example.org", name: "User \(index)", passwordHash: "h",
                        preferredLocale: nil)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await storage.users.count() == 20)
    }

    @Test func backup_givesADatabaseWithTheSameContent() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try SQLiteDatabase.open(path: folder.path("foyer.sqlite"))
        try await database.migrate()
        let inbox = try await Seed(database.storage).inbox(
            named: "Acme", owner: "owner@example.org", messages: ["Un café", "Hello"])
        let target = folder.path("backup.sqlite")
        try await database.backup(to: target)
        let copy = try SQLiteDatabase.open(path: target)
        #expect(try await copy.pendingMigrations().isEmpty)
        #expect(try await copy.storage.workspaces.find(inbox.id) == inbox.workspace)
        #expect(try await copy.storage.messages.thread(inbox.conversation.id, in: inbox.id) == inbox.messages)
        let found = try await copy.storage.messages.list(
            in: inbox.id, filter: MessageFilter(text: "cafe"), page: PageRequest())
        #expect(found.items.map(\.body) == ["Un café"])
        #expect(try await copy.storage.users.find(email: "owner@example.org") == inbox.owner)
    }

    @Test func backup_toAnExistingFile_isRefusedAndLeavesItAlone() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try await makeTestDatabase()
        let target = folder.path("existing.sqlite")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        await #expect {
            try await database.backup(to: target)
        } throws: { error in
            guard case .conflict(let message) = error as? DomainError else { return false }
            return message.contains("already exists")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("keep me".utf8))
    }
}
