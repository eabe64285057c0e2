import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Workspaces (contract)")
struct WorkspaceRepositoryContractTests {
    @Test(arguments: StorageFactory.all)
    func create_makesTheCreatorOwner_inTheSameWrite(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Café Acme", owner: "owner@example.org")
        #expect(acme.workspace.slug == "cafe-acme")
        #expect(acme.workspace.timeZone == "Europe/Paris")
        #expect(try await fixture.storage.workspaces.find(slug: "cafe-acme") == acme.workspace)
        #expect(try await fixture.storage.memberships.find(user: acme.owner.id, in: acme.id)?.role == .owner)
        let list = try await fixture.storage.workspaces.list(for: acme.owner.id)
        #expect(list.map(\.workspace) == [acme.workspace])
        #expect(list.map(\.role) == [.owner])
    }

    @Test(arguments: StorageFactory.all)
    func create_withTakenSlug_throwsConflictAndCreatesNoMembership(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let first = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let bob = try await fixture.seed.user("bob@example.org")
        await #expect {
            _ = try await fixture.storage.workspaces.create(NewWorkspace(name: "ACME"), owner: bob.id)
        } throws: { isConflict($0) }
        #expect(try await fixture.storage.workspaces.list(for: bob.id).isEmpty)
        #expect(try await fixture.storage.workspaces.find(slug: "acme") == first.workspace)
    }

    @Test(arguments: StorageFactory.all)
    func create_forUnknownOwner_throwsAndLeavesNoWorkspace(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        await #expect {
            _ = try await fixture.storage.workspaces.create(NewWorkspace(name: "Ghost"), owner: UserID(404))
        } throws: { isNotFound($0) }
        #expect(try await fixture.storage.workspaces.find(slug: "ghost") == nil)
    }

    @Test(arguments: StorageFactory.all)
    func list_isSortedByName_andShowsOnlyTheUsersWorkspaces(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        _ = try await fixture.seed.workspace(named: "zeta", owner: "owner@example.org")
        _ = try await fixture.seed.workspace(named: "Alpha", owner: "owner@example.org")
        _ = try await fixture.seed.workspace(named: "Other", owner: "other@example.org")
        let owner = try #require(try await fixture.storage.users.find(email: "owner@example.org"))
        #expect(try await fixture.storage.workspaces.list(for: owner.id).map(\.workspace.name) == ["Alpha", "zeta"])
    }

    @Test(arguments: StorageFactory.all)
    func update_changesNameTimeZoneAndLocale(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await fixture.storage.workspaces.update(
            acme.id, name: "Acme SA", timeZone: "America/Montreal", defaultLocale: .fr)
        let updated = try #require(try await fixture.storage.workspaces.find(acme.id))
        #expect(updated.name == "Acme SA")
        #expect(updated.timeZone == "America/Montreal")
        #expect(updated.defaultLocale == .fr)
        #expect(updated.slug == "acme")
        await #expect {
            try await fixture.storage.workspaces.update(
                WorkspaceID(999), name: "X", timeZone: "UTC", defaultLocale: .en)
        } throws: { isNotFound($0) }
    }

    @Test(arguments: StorageFactory.all)
    func summary_countsThisWorkspaceOnly_andTheLastSevenDays(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: ["old one"])
        _ = try await fixture.seed.inbox(named: "Other", owner: "other@example.org", messages: ["elsewhere", "again"])
        let recent = Fixture.now.addingTimeInterval(10 * 86_400)
        _ = try await fixture.seed.messages(
            ["awful", "toxic thing", "fine"], in: inbox.conversation, from: recent.addingTimeInterval(-3600),
            analysis: MessageAnalysis(sentiment: .negative, toxic: true))
        let closed = try await fixture.seed.conversation(
            in: inbox.id, channel: inbox.channel.id, thread: "t-closed", status: .closed)
        _ = closed
        let summary = try await fixture.storage.workspaces.summary(inbox.id, now: recent)
        #expect(summary.channels == 1)
        #expect(summary.members == 1)
        #expect(summary.messages == 4)
        #expect(summary.messagesLast7Days == 3)
        #expect(summary.negativeLast7Days == 3)
        #expect(summary.toxicLast7Days == 3)
        #expect(summary.conversationsByStatus == [.open: 1, .closed: 1])
        #expect(summary.latestMessageAt == recent.addingTimeInterval(-3600 + 120))
    }

    @Test(arguments: StorageFactory.all)
    func summary_ofEmptyWorkspace_isAllZero(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        #expect(try await fixture.storage.workspaces.summary(acme.id, now: Fixture.now) == WorkspaceSummary())
    }
}
