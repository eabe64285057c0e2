import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Sessions (contract)")
struct SessionRepositoryContractTests {
    static func session(_ user: UserID, _ token: String, expiresAt: Date) -> Session {
        Session(
            tokenHash: String(repeating: token, count: 32), userID: user, csrfToken: String(repeating: "c", count: 32),
            createdAt: Fixture.now, expiresAt: expiresAt)
    }

    @Test(arguments: StorageFactory.all)
    func find_returnsTheSessionUntilItExpires(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let user = try await fixture.seed.user("alice@example.org")
        let session = Self.session(user.id, "a", expiresAt: Fixture.now.addingTimeInterval(3600))
        try await fixture.storage.sessions.create(session)
        #expect(try await fixture.storage.sessions.find(tokenHash: session.tokenHash, now: Fixture.now) == session)
        #expect(
            try await fixture.storage.sessions.find(
                tokenHash: session.tokenHash, now: Fixture.now.addingTimeInterval(3600))
                == nil)
        #expect(
            try await fixture.storage.sessions.find(tokenHash: "unknown-token-hash-000000", now: Fixture.now) == nil)
    }

    @Test(arguments: StorageFactory.all)
    func deleteExpired_removesOnlyExpiredSessions(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let user = try await fixture.seed.user("alice@example.org")
        let old = Self.session(user.id, "a", expiresAt: Fixture.now.addingTimeInterval(-1))
        let live = Self.session(user.id, "b", expiresAt: Fixture.now.addingTimeInterval(60))
        try await fixture.storage.sessions.create(old)
        try await fixture.storage.sessions.create(live)
        #expect(try await fixture.storage.sessions.deleteExpired(now: Fixture.now) == 1)
        #expect(try await fixture.storage.sessions.find(tokenHash: live.tokenHash, now: Fixture.now) == live)
    }

    @Test(arguments: StorageFactory.all)
    func deleteAll_signsOutEverywhereExceptTheCurrentSession(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let alice = try await fixture.seed.user("alice@example.org")
        let bob = try await fixture.seed.user("bob@example.org")
        let later = Fixture.now.addingTimeInterval(3600)
        let current = Self.session(alice.id, "a", expiresAt: later)
        let other = Self.session(alice.id, "b", expiresAt: later)
        let bobs = Self.session(bob.id, "c", expiresAt: later)
        for session in [current, other, bobs] { try await fixture.storage.sessions.create(session) }
        try await fixture.storage.sessions.deleteAll(for: alice.id, except: current.tokenHash)
        #expect(try await fixture.storage.sessions.find(tokenHash: current.tokenHash, now: Fixture.now) != nil)
        #expect(try await fixture.storage.sessions.find(tokenHash: other.tokenHash, now: Fixture.now) == nil)
        #expect(try await fixture.storage.sessions.find(tokenHash: bobs.tokenHash, now: Fixture.now) != nil)
        try await fixture.storage.sessions.delete(tokenHash: current.tokenHash)
        #expect(try await fixture.storage.sessions.find(tokenHash: current.tokenHash, now: Fixture.now) == nil)
    }

    @Test(arguments: StorageFactory.all)
    func create_withSameTokenHash_throwsConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let user = try await fixture.seed.user("alice@example.org")
        let session = Self.session(user.id, "a", expiresAt: Fixture.now.addingTimeInterval(60))
        try await fixture.storage.sessions.create(session)
        await #expect { try await fixture.storage.sessions.create(session) } throws: { isConflict($0) }
    }
}
