import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct DiscoursePublisherTests {
    func withForum(
        _ body: (
            _ publisher: any Publisher, _ context: ChannelContext, _ fake: FakeDiscourseAPI, _ log: RequestLog
        ) async throws -> Void
    ) async throws {
        let fake = FakeDiscourseAPI()
        try await FakeHTTPServer.run({ fake.handle($0) }) { baseURL, log in
            let connector = DiscourseConnector(http: TestHTTP.connectorClient(platform: "Discourse"))
            let publisher = try #require(connector.publisher)
            let context = ChannelFixtures.context(
                .discourse, settings: ["baseURL": baseURL.absoluteString, "category": "12"],
                credentials: ["webhookSecret": "s", "apiKey": fake.apiKey, "apiUsername": "community-team"])
            try await body(publisher, context, fake, log)
        }
    }

    let post = OutboundPost(
        title: "Meetup in Lyon on 12 December", body: "We are meeting at the library.",
        followUps: ["Doors open at 18:00.", "Bring a friend!"], idempotencyKey: "6F1C1E5A-meetup")

    @Test func publish_createsATopicInTheCategory_andTheFollowUpsAsRepliesInOrder() async throws {
        try await withForum { publisher, context, fake, log in
            let receipt = try await publisher.publish(post, context: context)

            let topic = try #require(fake.allTopics.first)
            #expect(fake.allTopics.count == 1)
            #expect(topic.title == "Meetup in Lyon on 12 December")
            #expect(topic.category == 12)
            #expect(topic.externalID == "6F1C1E5A-meetup")
            let posts = fake.posts(in: topic.id)
            #expect(posts.map(\.raw) == ["We are meeting at the library.", "Doors open at 18:00.", "Bring a friend!"])
            #expect(posts.allSatisfy { $0.username == "community-team" })
            #expect(receipt.externalID == String(posts[0].id))
            #expect(receipt.url?.contains("/\(topic.id)/1") == true)
            let replyTargets = try log.matching("/posts.json").dropFirst().map {
                try $0.json()["reply_to_post_number"]?.int
            }
            #expect(replyTargets == [1, 2])
        }
    }

    @Test func publishingTwiceWithOneKey_createsOneTopic() async throws {
        try await withForum { publisher, context, fake, _ in
            let first = try await publisher.publish(post, context: context)
            let second = try await publisher.publish(post, context: context)
            #expect(first == second)
            #expect(fake.allTopics.count == 1)
            #expect(fake.posts(in: fake.allTopics[0].id).count == 3)
        }
    }

    @Test func reconcile_afterALostAnswer_findsTheTopicByItsExternalID_andFinishesIt() async throws {
        try await withForum { publisher, context, fake, log in
            #expect(try await publisher.reconcile(post, context: context) == nil)
            fake.loseNextPostAnswer()
            let lost = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: context)
            }
            #expect(lost.kind == .unavailable)

            let found = try await publisher.reconcile(post, context: context)

            let topic = try #require(fake.allTopics.first)
            let posts = fake.posts(in: topic.id)
            #expect(found?.externalID == String(posts[0].id))
            #expect(posts.map(\.raw) == ["We are meeting at the library.", "Doors open at 18:00.", "Bring a friend!"])
            #expect(log.all.contains { $0.path == "/t/external_id/6F1C1E5A-meetup.json" })
        }
    }

    @Test func media_isUploaded_andShownInTheFirstPost() async throws {
        try await withForum { publisher, context, fake, _ in
            var withImage = post
            withImage.media = [
                OutboundMedia(filename: "venue.jpg", mimeType: "image/jpeg", data: Data([0xFF, 0xD8]), altText: "The [old] library")
            ]
            _ = try await publisher.publish(withImage, context: context)
            #expect(fake.uploads == ["venue.jpg"])
            let first = try #require(fake.posts(in: fake.allTopics[0].id).first)
            #expect(first.raw == "We are meeting at the library.\n\n![The (old) library](upload://1abc.jpg)")
        }
    }

    @Test func withoutATitle_orWithABadCategory_nothingIsSent() async throws {
        try await withForum { publisher, context, _, log in
            var untitled = post
            untitled.title = "  "
            let refused = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(untitled, context: context)
            }
            #expect(refused.kind == .rejected)
            #expect(refused.message.contains("title"))
            var badCategory = context
            badCategory.channel.settings["category"] = "general"
            let misconfigured = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: badCategory)
            }
            #expect(misconfigured.kind == .configuration)
            #expect(log.all.isEmpty)
        }
    }

    @Test func refusalsAndRateLimits_areMapped() async throws {
        try await withForum { publisher, context, fake, _ in
            fake.refuseNext(with: "Title is too short (minimum is 15 characters)")
            let refused = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: context)
            }
            #expect(refused.kind == .rejected)
            #expect(refused.message == "Discourse refused the topic: Title is too short (minimum is 15 characters)")

            fake.rateLimitNext(waitSeconds: 90)
            let limited = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: context)
            }
            #expect(limited.kind == .rateLimited)
            #expect((limited.retryAfter ?? .distantPast) > Date() + 60)
            #expect(fake.allTopics.isEmpty)
        }
    }
}
