import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// Deleting and banning on Mastodon, against ``MastodonFake``.
@Suite struct MastodonModeratorTests {
    let connector = MastodonConnector(http: TestHTTP.connectorClient(platform: "Mastodon"))

    func context(_ fake: MastodonFake, adminToken: String? = nil) -> ChannelContext {
        var credentials = ["accessToken": fake.accessToken]
        if let adminToken { credentials["adminToken"] = adminToken }
        return ChannelFixtures.context(
            .mastodon, settings: ["baseURL": fake.baseURL.absoluteString], credentials: credentials)
    }

    func request(
        _ action: ModerationAction, message: String? = nil, author: String? = nil, reason: String? = "spam"
    ) -> ModerationRequest {
        ModerationRequest(
            action: action, externalMessageID: message, threadID: message, externalAuthorID: author, reason: reason,
            idempotencyKey: "mod-1")
    }

    @Test func delete_removesAnOwnStatus_andAgainSucceeds() async throws {
        try await MastodonFake.run { fake in
            let moderator = try #require(connector.moderator)
            let own = try await #require(connector.publisher).publish(
                OutboundPost(body: "Wrong link, sorry", idempotencyKey: "p"), context: context(fake))

            try await moderator.perform(request(.delete, message: own.externalID), context: context(fake))
            #expect(await fake.status(own.externalID) == nil)
            try await moderator.perform(request(.delete, message: own.externalID), context: context(fake))
        }
    }

    @Test func delete_ofSomeoneElsesStatus_isRefusedWithWhatToDoInstead() async throws {
        try await MastodonFake.run { fake in
            let eve = await fake.addAccount(username: "eve")
            let spam = await fake.postMention(from: eve, content: "<p>cheap watches</p>")
            let moderator = try #require(connector.moderator)

            let error = try await #require(throws: ConnectorError.self) {
                try await moderator.perform(request(.delete, message: spam.status.id), context: context(fake))
            }
            #expect(error.kind == .rejected)
            #expect(error.message.contains("Report this one"))
            #expect(await fake.status(spam.status.id) != nil)
            #expect(await fake.requests().allSatisfy { $0.method != "DELETE" })
        }
    }

    @Test func ban_blocksTheAuthor_orSuspendsThemWithAnAdminToken() async throws {
        try await MastodonFake.run { fake in
            let eve = await fake.addAccount(username: "eve")
            let mallory = await fake.addAccount(username: "mallory")
            let moderator = try #require(connector.moderator)

            try await moderator.perform(request(.ban, author: eve.id), context: context(fake))
            #expect(await fake.blockedAccounts() == [eve.id])
            #expect(await fake.suspendedAccounts().isEmpty)

            try await moderator.perform(
                request(.ban, author: mallory.id, reason: "Repeated spam"),
                context: context(fake, adminToken: fake.adminToken))
            #expect(await fake.suspendedAccounts() == [mallory.id: "Repeated spam"])
            #expect(await fake.blockedAccounts() == [eve.id])
        }
    }

    @Test func ban_withATokenThatIsNotAModerators_isForbidden() async throws {
        try await MastodonFake.run { fake in
            let eve = await fake.addAccount(username: "eve")
            let error = try await #require(throws: ConnectorError.self) {
                try await #require(connector.moderator).perform(
                    request(.ban, author: eve.id), context: context(fake, adminToken: fake.accessToken))
            }
            #expect(error.kind == .forbidden)
            #expect(await fake.suspendedAccounts().isEmpty)
        }
    }

    @Test func hide_andBanningTheOwnAccount_areRefused() async throws {
        try await MastodonFake.run { fake in
            let moderator = try #require(connector.moderator)
            for refused in [request(.hide, message: "123"), request(.ban, author: fake.me.id)] {
                let error = try await #require(throws: ConnectorError.self) {
                    try await moderator.perform(refused, context: context(fake))
                }
                #expect(error.kind == .rejected)
            }
            #expect(await fake.blockedAccounts().isEmpty)
            #expect(connector.capabilities.hide == false)
        }
    }
}
