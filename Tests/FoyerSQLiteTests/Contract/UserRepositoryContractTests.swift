import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Users (contract)")
struct UserRepositoryContractTests {
    @Test(arguments: StorageFactory.all)
    func create_storesLowerCasedEmail_andFindsItCaseInsensitively(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let user = try await fixture.storage.users.create(
            email: "Alice@Example.ORG", name: "Alice", passwordHash: "hash", preferredLocale: .fr)
        #expect(user.email == "alice@example.org")
        #expect(user.preferredLocale == .fr)
        #expect(user.createdAt == Fixture.now)
        #expect(try await fixture.storage.users.find(email: "ALICE@example.org") == user)
        #expect(try await fixture.storage.users.find(user.id) == user)
        #expect(try await fixture.storage.users.count() == 1)
    }

    @Test(arguments: StorageFactory.all)
    func create_withTakenEmail_throwsConflictAndKeepsOneUser(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        _ = try await fixture.storage.users.create(
            email: "a@example.org", name: "A", passwordHash: "h", preferredLocale: nil)
        await #expect(throws: DomainError.conflict("A user with this email already exists.")) {
            _ = try await fixture.storage.users.create(
                email: "A@EXAMPLE.org", name: "B", passwordHash: "h", preferredLocale: nil)
        }
        #expect(try await fixture.storage.users.count() == 1)
    }

    @Test(arguments: StorageFactory.all)
    func updateProfileAndPassword_changeOnlyThatUser(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let alice = try await fixture.seed.user("alice@example.org")
        let bob = try await fixture.seed.user("bob@example.org")
        try await fixture.storage.users.updateProfile(alice.id, name: "Alice M.", preferredLocale: .fr)
        try await fixture.storage.users.updatePasswordHash(alice.id, passwordHash: "new-hash")
        let updated = try #require(try await fixture.storage.users.find(alice.id))
        #expect(updated.name == "Alice M.")
        #expect(updated.preferredLocale == .fr)
        #expect(updated.passwordHash == "new-hash")
        #expect(try await fixture.storage.users.find(bob.id) == bob)
    }

    @Test(arguments: StorageFactory.all)
    func update_ofUnknownUser_throwsNotFound(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        await #expect(throws: DomainError.notFound("User not found.")) {
            try await fixture.storage.users.updatePasswordHash(UserID(999), passwordHash: "h")
        }
        #expect(try await fixture.storage.users.find(UserID(999)) == nil)
    }

    @Test(arguments: StorageFactory.all)
    func create_withTooLongName_throwsInvalidAndStoresNothing(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        await #expect {
            _ = try await fixture.storage.users.create(
                email: "long@example.org", name: String(repeating: "x", count: 101), passwordHash: "h",
                preferredLocale: nil)
        } throws: { isInvalid($0, field: "email") || isInvalid($0, field: "name") || ($0 is DomainError) }
        #expect(try await fixture.storage.users.count() == 0)
    }
}
