import Foundation
import FoyerCore
import FoyerSQLite

/// A fresh, migrated, in-memory database for one test.
///
/// ```swift
/// let database = try await makeTestDatabase()
/// let seeded = try await Seed(database.storage).inbox(named: "Acme", owner: "owner@example.org")
/// ```
/// - Parameter clock: stamps `created_at` columns; pin it to make those dates predictable.
public func makeTestDatabase(clock: any WallClock = SystemClock()) async throws -> SQLiteDatabase {
    let database = try SQLiteDatabase.temporary(clock: clock)
    try await database.migrate()
    return database
}

/// A fresh, migrated database's storage, for tests that need nothing else.
public func makeTestStorage(clock: any WallClock = SystemClock()) async throws -> Storage {
    try await makeTestDatabase(clock: clock).storage
}
