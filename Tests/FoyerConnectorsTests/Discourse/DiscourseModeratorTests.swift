import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct DiscourseModeratorTests {
    func withForum(
        _ body: (_ moderator: any Moderator, _ context: ChannelContext, _ fake: FakeDiscourseAPI) async throws -> Void
    ) async throws {
        let fake = FakeDiscourseAPI()
        try await FakeHTTPServer.run({ fake.handle($0) }) { baseURL, _ in
            let connector = DiscourseConnector(http: TestHTTP.connectorClient(platform: "Discourse"))
            let context = ChannelFixtures.context(
                .discourse, settings: ["baseURL": baseURL.absoluteString],
                credentials: ["webhookSecret": "s", "apiKey": fake.apiKey, "apiUsername": "community-team"])
            try await body(try #require(connector.moderator), context, fake)
        }
    }

    func request(_ action: ModerationAction, post: Int? = nil, author: String? = nil, reason: String? = nil)
        -> ModerationRequest
    {
        ModerationRequest(
            action: action, externalMessageID: post.map(String.init), threadID: "900", externalAuthorID: author,
            reason: reason, idempotencyKey: "m")
    }

    @Test func hide_unlistsTheTopicOfAFirstPost_andRefusesAReply() async throws {
        try await withForum { moderator, context, fake in
            let first = fake.seed(topic: 900, username: "eve", raw: "Buy cheap watches")
            let reply = fake.seed(topic: 900, username: "eve", raw: "Really cheap")

            try await moderator.perform(request(.hide, post: first.id), context: context)
            #expect(fake.unlisted == [900])

            let error = try await #require(throws: ConnectorError.self) {
                try await moderator.perform(request(.hide, post: reply.id), context: context)
            }
            #expect(error.kind == .rejected)
            #expect(error.message.contains("delete the reply instead"))
        }
    }

    @Test func delete_removesThePost_andAgainSucceeds() async throws {
        try await withForum { moderator, context, fake in
            _ = fake.seed(topic: 900, username: "alice", raw: "Welcome")
            let spam = fake.seed(topic: 900, username: "eve", raw: "Buy cheap watches")
            try await moderator.perform(request(.delete, post: spam.id), context: context)
            #expect(fake.posts(in: 900).map(\.raw) == ["Welcome"])
            try await moderator.perform(request(.delete, post: spam.id), context: context)
        }
    }

    @Test func ban_suspendsTheAuthorByIdOrUsername_withTheReason() async throws {
        try await withForum { moderator, context, fake in
            try await moderator.perform(request(.ban, author: "31", reason: "Spam links"), context: context)
            let suspension = try #require(fake.suspensions[31])
            #expect(suspension.reason == "Spam links")
            let until = try #require(RateLimitHints.parseISO8601(suspension.until))
            #expect(until > Date().addingTimeInterval(900 * 365 * 86_400))

            try await moderator.perform(request(.ban, author: "community-team"), context: context)
            #expect(fake.suspensions[2]?.reason.isEmpty == false)
        }
    }

    @Test func withoutStaffRights_moderationIsForbidden() async throws {
        try await withForum { moderator, context, fake in
            let spam = fake.seed(topic: 900, username: "eve", raw: "spam")
            fake.isStaff = false
            let error = try await #require(throws: ConnectorError.self) {
                try await moderator.perform(request(.delete, post: spam.id), context: context)
            }
            #expect(error.kind == .forbidden)
            #expect(fake.posts(in: 900).count == 1)
        }
    }
}
