import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Invitations (contract)")
struct InvitationRepositoryContractTests {
    static let token = String(repeating: "f", count: 64)

    @Test(arguments: StorageFactory.all)
    func markAccepted_worksExactlyOnce(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let invitation = try await fixture.storage.invitations.create(
            workspace: acme.id, email: "New@Example.org", role: .moderator, tokenHash: Self.token,
            invitedBy: acme.owner.id, expiresAt: Fixture.now.addingTimeInterval(86_400))
        #expect(invitation.email == "new@example.org")
        #expect(try await fixture.storage.invitations.findPending(tokenHash: Self.token) == invitation)
        try await fixture.storage.invitations.markAccepted(invitation.id, at: Fixture.now)
        await #expect { try await fixture.storage.invitations.markAccepted(invitation.id, at: Fixture.now) } throws: {
            isNotFound($0)
        }
        #expect(try await fixture.storage.invitations.findPending(tokenHash: Self.token) == nil)
    }

    @Test(arguments: StorageFactory.all)
    func listPending_hidesExpiredAndAcceptedInvitations(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let storage = fixture.storage
        let live = try await storage.invitations.create(
            workspace: acme.id, email: "a@example.org", role: .analyst, tokenHash: String(repeating: "a", count: 64),
            invitedBy: acme.owner.id, expiresAt: Fixture.now.addingTimeInterval(60))
        let expired = try await storage.invitations.create(
            workspace: acme.id, email: "b@example.org", role: .analyst, tokenHash: String(repeating: "b", count: 64),
            invitedBy: acme.owner.id, expiresAt: Fixture.now.addingTimeInterval(-60))
        let accepted = try await storage.invitations.create(
            workspace: acme.id, email: "c@example.org", role: .analyst, tokenHash: String(repeating: "c", count: 64),
            invitedBy: acme.owner.id, expiresAt: Fixture.now.addingTimeInterval(60))
        try await storage.invitations.markAccepted(accepted.id, at: Fixture.now)
        #expect(try await storage.invitations.listPending(in: acme.id, now: Fixture.now).map(\.id) == [live.id])
        // An expired invitation is still found, so the caller can say "this link has expired".
        #expect(try await storage.invitations.findPending(tokenHash: expired.tokenHash) == expired)
    }

    @Test(arguments: StorageFactory.all)
    func create_withSameTokenHash_throwsConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        _ = try await fixture.storage.invitations.create(
            workspace: acme.id, email: "a@example.org", role: .analyst, tokenHash: Self.token, invitedBy: acme.owner.id,
            expiresAt: Fixture.now)
        await #expect {
            _ = try await fixture.storage.invitations.create(
                workspace: acme.id, email: "b@example.org", role: .analyst, tokenHash: Self.token,
                invitedBy: acme.owner.id, expiresAt: Fixture.now)
        } throws: { isConflict($0) }
    }

    @Test(arguments: StorageFactory.all)
    func revoke_fromAnotherWorkspace_throwsNotFoundAndKeepsTheInvitation(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let invitation = try await fixture.storage.invitations.create(
            workspace: acme.id, email: "a@example.org", role: .analyst, tokenHash: Self.token, invitedBy: acme.owner.id,
            expiresAt: Fixture.now.addingTimeInterval(60))
        await #expect { try await fixture.storage.invitations.revoke(invitation.id, in: globex.id) } throws: {
            isNotFound($0)
        }
        #expect(try await fixture.storage.invitations.findPending(tokenHash: Self.token) != nil)
        try await fixture.storage.invitations.revoke(invitation.id, in: acme.id)
        #expect(try await fixture.storage.invitations.findPending(tokenHash: Self.token) == nil)
    }
}
