import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("API tokens (contract)")
struct APITokenRepositoryContractTests {
    static let hash = String(repeating: "9", count: 64)

    @Test(arguments: StorageFactory.all)
    func revokedToken_isNoLongerActive(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let alice = try await fixture.seed.user("alice@example.org")
        let token = try await fixture.storage.apiTokens.create(
            user: alice.id, name: "CI", tokenHash: Self.hash, prefix: "fy_1234")
        #expect(try await fixture.storage.apiTokens.findActive(tokenHash: Self.hash) == token)
        try await fixture.storage.apiTokens.touch(token.id, at: Fixture.now.addingTimeInterval(5))
        #expect(
            try await fixture.storage.apiTokens.findActive(tokenHash: Self.hash)?.lastUsedAt
                == Fixture.now.addingTimeInterval(5))
        try await fixture.storage.apiTokens.revoke(token.id, for: alice.id, at: Fixture.now)
        #expect(try await fixture.storage.apiTokens.findActive(tokenHash: Self.hash) == nil)
        #expect(try await fixture.storage.apiTokens.list(for: alice.id).first?.revokedAt == Fixture.now)
    }

    @Test(arguments: StorageFactory.all)
    func revoke_ofSomeoneElsesToken_throwsNotFoundAndKeepsIt(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let alice = try await fixture.seed.user("alice@example.org")
        let mallory = try await fixture.seed.user("mallory@example.org")
        let token = try await fixture.storage.apiTokens.create(
            user: alice.id, name: "CI", tokenHash: Self.hash, prefix: "fy_1234")
        await #expect {
            try await fixture.storage.apiTokens.revoke(token.id, for: mallory.id, at: Fixture.now)
        } throws: { isNotFound($0) }
        #expect(try await fixture.storage.apiTokens.findActive(tokenHash: Self.hash) != nil)
        #expect(try await fixture.storage.apiTokens.list(for: mallory.id).isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func create_withSameHash_throwsConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let alice = try await fixture.seed.user("alice@example.org")
        _ = try await fixture.storage.apiTokens.create(user: alice.id, name: "CI", tokenHash: Self.hash, prefix: "fy_1")
        await #expect {
            _ = try await fixture.storage.apiTokens.create(
                user: alice.id, name: "CI 2", tokenHash: Self.hash, prefix: "fy_1")
        } throws: { isConflict($0) }
        #expect(try await fixture.storage.apiTokens.list(for: alice.id).count == 1)
    }
}
