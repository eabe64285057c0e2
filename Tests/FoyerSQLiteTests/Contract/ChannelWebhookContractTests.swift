import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Channels for workers and webhooks (contract)")
struct ChannelWebhookContractTests {
    static let token = "hk_0123456789abcdef0123456789abcdef"

    @Test(arguments: StorageFactory.all)
    func webhookToken_findsTheChannelInAnyWorkspace_andIsUnique(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let channels = fixture.storage.channels
        let hooked = try await channels.create(
            NewChannel(kind: .webhook, name: "Site form", webhookToken: Self.token), in: acme.id)
        _ = try await channels.create(NewChannel(kind: .matrix, name: "Room"), in: acme.id)
        _ = try await channels.create(NewChannel(kind: .matrix, name: "Other room"), in: globex.id)
        #expect(hooked.webhookToken == Self.token)
        #expect(try await channels.find(webhookToken: Self.token) == hooked)
        #expect(try await channels.find(webhookToken: Self.token + "x") == nil)
        #expect(try await channels.find(webhookToken: "short") == nil)
        await #expect {
            _ = try await channels.create(
                NewChannel(kind: .webhook, name: "Copy", webhookToken: Self.token), in: globex.id)
        } throws: { isConflict($0) }
        await #expect {
            _ = try await channels.create(NewChannel(kind: .webhook, name: "Weak", webhookToken: "abc"), in: acme.id)
        } throws: { isInvalid($0, field: "webhookToken") }
    }

    @Test(arguments: StorageFactory.all)
    func workers_findChannelsWithoutAWorkspace(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let first = try await fixture.seed.channel(in: acme.id, kind: .mastodon, name: "Mastodon")
        let second = try await fixture.seed.channel(in: globex.id, kind: .feed, name: "Blog")
        #expect(try await fixture.storage.channels.find(second.id) == second)
        #expect(try await fixture.storage.channels.find(ChannelID(9999)) == nil)
        #expect(try await fixture.storage.channels.listAll() == [first, second])
    }

    @Test(arguments: StorageFactory.all)
    func updateSettings_keepsCredentialsUnlessGiven_andStaysInItsWorkspace(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let channel = try await fixture.seed.channel(
            in: acme.id, kind: .mastodon, name: "Mastodon", settings: ["baseURL": "https://a.example"],
            sealedCredentials: Data([1, 2, 3]))
        let channels = fixture.storage.channels
        try await channels.updateSettings(
            channel.id, in: acme.id, name: "Mastodon (brand)", settings: ["baseURL": "https://b.example"],
            sealedCredentials: nil)
        var found = try #require(try await channels.find(channel.id, in: acme.id))
        #expect(found.name == "Mastodon (brand)")
        #expect(found.settings == ["baseURL": "https://b.example"])
        #expect(found.sealedCredentials == Data([1, 2, 3]))
        try await channels.updateSettings(
            channel.id, in: acme.id, name: "Mastodon", settings: [:], sealedCredentials: Data([9]))
        found = try #require(try await channels.find(channel.id, in: acme.id))
        #expect(found.sealedCredentials == Data([9]))
        await #expect {
            try await channels.updateSettings(channel.id, in: globex.id, name: "Hijack", settings: [:], sealedCredentials: nil)
        } throws: { isNotFound($0) }
        #expect(try await channels.find(channel.id, in: acme.id)?.name == "Mastodon")
    }

    @Test(arguments: StorageFactory.all)
    func delete_removesTheChannelWithItsInbox_onlyFromItsWorkspace(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: ["Hello"])
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let channels = fixture.storage.channels
        _ = try await fixture.storage.inboundEvents.append(
            NewInboundEvent(
                channelID: inbox.channel.id, source: .webhook, deliveryID: "d1", payload: Data("{}".utf8),
                receivedAt: Fixture.now),
            in: inbox.id)
        await #expect { try await channels.delete(inbox.channel.id, in: globex.id) } throws: { isNotFound($0) }
        #expect(try await channels.find(inbox.channel.id) != nil)
        try await channels.delete(inbox.channel.id, in: inbox.id)
        #expect(try await channels.find(inbox.channel.id) == nil)
        #expect(try await fixture.storage.conversations.find(inbox.conversation.id, in: inbox.id) == nil)
        #expect(try await fixture.storage.messages.count(in: inbox.id) == 0)
        #expect(try await fixture.storage.inboundEvents.count(in: inbox.id, status: nil) == 0)
        // The member stays: people outlive the channels they wrote on.
        #expect(try await fixture.storage.members.find(inbox.member.id, in: inbox.id) != nil)
    }
}
