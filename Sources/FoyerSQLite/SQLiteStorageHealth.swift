import FoyerCore
import GRDB

/// What `/health` asks of the SQLite database.
struct SQLiteStorageHealth: StorageHealth {
    let writer: any DatabaseWriter

    func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    func pendingMigrations() async throws -> [String] {
        let migrator = SQLiteMigrations.migrator
        let applied = try await writer.read { db in try migrator.appliedIdentifiers(db) }
        return migrator.migrations.filter { !applied.contains($0) }
    }
}
