import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Memberships (contract)")
struct MembershipRepositoryContractTests {
    @Test(arguments: StorageFactory.all)
    func add_twice_throwsConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let bob = try await fixture.seed.member("bob@example.org", role: .moderator, of: acme.id)
        await #expect(throws: DomainError.conflict("This person is already a member of this workspace.")) {
            _ = try await fixture.storage.memberships.add(user: bob.id, to: acme.id, role: .admin)
        }
        #expect(try await fixture.storage.memberships.find(user: bob.id, in: acme.id)?.role == .moderator)
    }

    @Test(arguments: StorageFactory.all)
    func list_returnsMembersWithTheirUsersByName(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "zoe@example.org")
        try await fixture.seed.member("anna@example.org", role: .analyst, of: acme.id)
        let list = try await fixture.storage.memberships.list(in: acme.id)
        #expect(list.map(\.user.email) == ["anna@example.org", "zoe@example.org"])
        #expect(list.map(\.membership.role) == [.analyst, .owner])
    }

    @Test(arguments: StorageFactory.all)
    func changeRole_ofLastOwner_isRefusedAndKeepsTheOwner(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        await #expect(throws: DomainError.self) {
            try await fixture.storage.memberships.changeRole(user: acme.owner.id, in: acme.id, to: .admin)
        }
        #expect(try await fixture.storage.memberships.find(user: acme.owner.id, in: acme.id)?.role == .owner)
    }

    @Test(arguments: StorageFactory.all)
    func remove_ofLastOwner_isRefusedWithConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        await #expect {
            try await fixture.storage.memberships.remove(user: acme.owner.id, from: acme.id)
        } throws: { isConflict($0) }
        #expect(try await fixture.storage.memberships.find(user: acme.owner.id, in: acme.id) != nil)
    }

    @Test(arguments: StorageFactory.all)
    func ownerCanStepDown_onceAnotherOwnerExists(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let bob = try await fixture.seed.member("bob@example.org", role: .admin, of: acme.id)
        try await fixture.storage.memberships.changeRole(user: bob.id, in: acme.id, to: .owner)
        try await fixture.storage.memberships.changeRole(user: acme.owner.id, in: acme.id, to: .manager)
        try await fixture.storage.memberships.remove(user: acme.owner.id, from: acme.id)
        #expect(try await fixture.storage.memberships.find(user: acme.owner.id, in: acme.id) == nil)
        #expect(try await fixture.storage.memberships.list(in: acme.id).map(\.user.id) == [bob.id])
    }

    @Test(arguments: StorageFactory.all)
    func changeRole_ofNonMember_throwsNotFound(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let stranger = try await fixture.seed.user("stranger@example.org")
        await #expect {
            try await fixture.storage.memberships.changeRole(user: stranger.id, in: acme.id, to: .admin)
        } throws: { isNotFound($0) }
        await #expect { try await fixture.storage.memberships.remove(user: stranger.id, from: acme.id) } throws: {
            isNotFound($0)
        }
    }

    @Test(arguments: StorageFactory.all)
    func twoOwnersSteppingDownAtOnce_leaveExactlyOneOwner(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let bob = try await fixture.seed.member("bob@example.org", role: .owner, of: acme.id)
        let memberships = fixture.storage.memberships
        let results = await withTaskGroup(of: Bool.self) { group in
            for user in [acme.owner.id, bob.id] {
                group.addTask {
                    (try? await memberships.changeRole(user: user, in: acme.id, to: .admin)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        let roles = try await memberships.list(in: acme.id).map(\.membership.role)
        #expect(roles.filter { $0 == .owner }.count == 1)
    }
}
