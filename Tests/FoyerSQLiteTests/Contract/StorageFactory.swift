import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import Testing

/// Builds a fresh, migrated storage for one test. The contract suites run once per backend in ``all``;
/// a PostgreSQL backend adds its factory here and passes the same tests.
struct StorageFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable (any WallClock) async throws -> Storage

    var testDescription: String { name }

    static let sqlite = StorageFactory(name: "SQLite") { clock in try await makeTestDatabase(clock: clock).storage }

    static let all: [StorageFactory] = [.sqlite]
}

/// A storage, its pinned clock and a seeder, for one contract test.
struct Fixture: Sendable {
    let storage: Storage
    let clock: PinnedClock
    let seed: Seed

    static let now = Seed.defaultStart

    init(_ factory: StorageFactory) async throws {
        clock = PinnedClock(Self.now)
        storage = try await factory.make(clock)
        seed = Seed(storage)
    }
}

/// Whether `error` is a ``DomainError`` of the given kind.
func isConflict(_ error: any Error) -> Bool {
    if case .conflict = error as? DomainError { return true }
    return false
}

func isNotFound(_ error: any Error) -> Bool {
    if case .notFound = error as? DomainError { return true }
    return false
}

func isInvalid(_ error: any Error, field: String) -> Bool {
    if case .invalid(let actual, _) = error as? DomainError { return actual == field }
    return false
}
