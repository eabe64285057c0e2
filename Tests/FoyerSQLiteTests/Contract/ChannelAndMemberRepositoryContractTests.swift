import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Channels and members (contract)")
struct ChannelAndMemberRepositoryContractTests {
    @Test(arguments: StorageFactory.all)
    func channel_keepsSettingsSealedCredentialsAndHealth(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let sealed = Data([0, 1, 2, 255])
        let channel = try await fixture.seed.channel(
            in: acme.id, kind: .mastodon, name: "Mastodon", settings: ["baseURL": "https://social.example"],
            sealedCredentials: sealed)
        #expect(channel.settings == ["baseURL": "https://social.example"])
        #expect(channel.sealedCredentials == sealed)
        #expect(channel.health.status == .unknown)
        let health = ChannelHealth(
            lastSuccessAt: Fixture.now, lastErrorAt: Fixture.now.addingTimeInterval(60), lastError: "401 Unauthorized",
            tokenExpiresAt: Fixture.now.addingTimeInterval(86_400))
        try await fixture.storage.channels.updateHealth(channel.id, in: acme.id, health: health)
        let found = try #require(try await fixture.storage.channels.find(channel.id, in: acme.id))
        #expect(found.health == health)
        #expect(found.health.status == .failing)
        #expect(try await fixture.storage.channels.list(in: acme.id).map(\.id) == [channel.id])
    }

    @Test(arguments: StorageFactory.all)
    func member_isFoundByAnyOfItsPlatformAccounts(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let member = try await fixture.storage.members.create(
            NewMember(
                displayName: "Zoé", memberType: .partner, score: 42, firstSeenAt: Fixture.now, lastSeenAt: Fixture.now),
            identities: [
                NewIdentity(platform: .matrix, externalID: "@zoe:example.org", handle: "@zoe"),
                NewIdentity(platform: .mastodon, externalID: "109", handle: "@zoe@social.example", displayName: "Zoé"),
            ],
            in: acme.id)
        #expect(try await fixture.storage.members.find(platform: .mastodon, externalID: "109", in: acme.id) == member)
        #expect(try await fixture.storage.members.find(platform: .slack, externalID: "109", in: acme.id) == nil)
        let identities = try await fixture.storage.members.identities(of: member.id, in: acme.id)
        #expect(identities.map(\.platform) == [.mastodon, .matrix])
        #expect(try await fixture.storage.members.find(member.id, in: acme.id) == member)
    }

    @Test(arguments: StorageFactory.all)
    func member_withAnAccountTakenByAnother_throwsConflictAndIsNotCreated(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        _ = try await fixture.seed.communityMember(in: acme.id, name: "Alice", externalID: "@alice:example.org")
        await #expect {
            _ = try await fixture.seed.communityMember(in: acme.id, name: "Impostor", externalID: "@alice:example.org")
        } throws: { isConflict($0) }
        let page = try await fixture.storage.members.list(in: acme.id, query: nil, page: PageRequest())
        #expect(page.items.map(\.displayName) == ["Alice"])
    }

    @Test(arguments: StorageFactory.all)
    func sameAccount_inTwoWorkspaces_isTwoMembers(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "owner@example.org")
        let a = try await fixture.seed.communityMember(in: acme.id, externalID: "@alice:example.org")
        let b = try await fixture.seed.communityMember(in: globex.id, externalID: "@alice:example.org")
        #expect(a.id != b.id)
    }

    @Test(arguments: StorageFactory.all)
    func memberList_matchesNameOrHandle_withLikeCharactersTakenLiterally(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        _ = try await fixture.seed.communityMember(in: acme.id, name: "Alice Martin", handle: "@alice")
        _ = try await fixture.seed.communityMember(in: acme.id, name: "Bob", handle: "@bob_100%")
        let list = { (query: String) in
            try await fixture.storage.members.list(in: acme.id, query: query, page: PageRequest()).items.map(
                \.displayName)
        }
        #expect(try await list("martin") == ["Alice Martin"])
        #expect(try await list("@bob") == ["Bob"])
        #expect(try await list("_100%") == ["Bob"])
        #expect(try await list("%").isEmpty == false)
        #expect(try await list("b_b").isEmpty)
        #expect(try await list("' OR 1=1 --").isEmpty)
    }
}
