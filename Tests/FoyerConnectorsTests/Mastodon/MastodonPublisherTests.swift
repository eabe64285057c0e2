import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// Publishing new posts and threads on Mastodon, against ``MastodonFake``.
@Suite struct MastodonPublisherTests {
    func publisher(_ sleeper: TestHTTP.SleepRecorder = TestHTTP.SleepRecorder()) throws -> any Publisher {
        let connector = MastodonConnector(http: TestHTTP.connectorClient(platform: "Mastodon", sleeper: sleeper))
        return try #require(connector.publisher)
    }

    func context(_ fake: MastodonFake, visibility: String? = nil) -> ChannelContext {
        var settings = ["baseURL": fake.baseURL.absoluteString]
        if let visibility { settings["visibility"] = visibility }
        return ChannelFixtures.context(.mastodon, settings: settings, credentials: ["accessToken": fake.accessToken])
    }

    let thread = OutboundPost(
        body: "Spring release notes, a thread.", followUps: ["1/ Faster search.", "2/ A new export page."],
        language: "en", idempotencyKey: "post-42")

    @Test func publish_postsTheFirstPart_thenEachFollowUpInReplyToThePreviousOne() async throws {
        try await MastodonFake.run { fake in
            let receipt = try await publisher().publish(thread, context: context(fake, visibility: "unlisted"))

            let posted = await fake.postedStatuses()
            #expect(posted.map(\.text) == ["Spring release notes, a thread.", "1/ Faster search.", "2/ A new export page."])
            #expect(posted.map(\.inReplyToID) == [nil, posted[0].id, posted[1].id])
            #expect(posted.allSatisfy { $0.visibility == "unlisted" && $0.language == "en" })
            #expect(receipt.externalID == posted[0].id)
            #expect(receipt.url?.hasSuffix("/\(posted[0].id)") == true)
            let keys = await fake.requests().filter { $0.method == "POST" }.map { $0.headers["idempotency-key"] }
            #expect(keys == ["post-42", "post-42-1", "post-42-2"])
        }
    }

    @Test func publishingTwiceWithOneKey_postsOnce() async throws {
        try await MastodonFake.run { fake in
            let first = try await publisher().publish(thread, context: context(fake))
            let second = try await publisher().publish(thread, context: context(fake))
            #expect(first == second)
            #expect(await fake.postedStatuses().count == 3)
        }
    }

    @Test func reconcile_afterALostAnswer_findsTheFirstPartByItsText_andSendsTheFollowUps() async throws {
        try await MastodonFake.run { fake in
            await fake.loseNextAnswer()
            let lost = try await #require(throws: ConnectorError.self) {
                try await publisher().publish(thread, context: context(fake))
            }
            #expect(lost.kind == .unavailable)
            #expect(await fake.postedStatuses().count == 1)
            // More than an hour later: Mastodon no longer knows the key.
            await fake.forgetIdempotencyKeys()

            let found = try await publisher().reconcile(thread, context: context(fake))

            let posted = await fake.postedStatuses()
            #expect(found?.externalID == posted.first?.id)
            #expect(posted.map(\.text) == ["Spring release notes, a thread.", "1/ Faster search.", "2/ A new export page."])
            #expect(posted.map(\.inReplyToID) == [nil, posted[0].id, posted[1].id])
        }
    }

    @Test func reconcile_ofACompleteThread_sendsNothing_andOfAnAbsentPost_isNil() async throws {
        try await MastodonFake.run { fake in
            #expect(try await publisher().reconcile(thread, context: context(fake)) == nil)
            let receipt = try await publisher().publish(thread, context: context(fake))
            await fake.forgetIdempotencyKeys()
            let postsBefore = await fake.requests().filter { $0.method == "POST" }.count

            #expect(try await publisher().reconcile(thread, context: context(fake)) == receipt)
            #expect(await fake.requests().filter { $0.method == "POST" }.count == postsBefore)
            // Another post with the same text answering nothing else is not mistaken for a follow-up.
            let other = OutboundPost(body: "1/ Faster search.", idempotencyKey: "other")
            #expect(try await publisher().reconcile(other, context: context(fake)) == nil)
        }
    }

    @Test func media_isUploadedWithItsAltText_andWaitedForWhileProcessing() async throws {
        try await MastodonFake.run { fake in
            await fake.processMediaSlowly(polls: 2)
            let sleeper = TestHTTP.SleepRecorder()
            let post = OutboundPost(
                body: "Our new office", followUps: ["More soon"],
                media: [
                    OutboundMedia(
                        filename: "office.png", mimeType: "image/png", data: Data([0x89, 0x50, 0x4E, 0x47]),
                        altText: "A bright room with plants")
                ], idempotencyKey: "media-1")

            _ = try await publisher(sleeper).publish(post, context: context(fake))

            let posted = await fake.postedStatuses()
            #expect(posted.first?.media.map(\.filename) == ["office.png"])
            #expect(posted.first?.media.first?.description == "A bright room with plants")
            #expect(posted.last?.media.isEmpty == true)
            let mediaPolls = await fake.requests().filter { $0.path.hasPrefix("/api/v1/media/") }
            #expect(mediaPolls.count == 3)
            #expect(sleeper.recorded == [.seconds(1), .seconds(2), .seconds(4)])
        }
    }

    @Test func invalidPosts_areRefusedBeforeAnythingIsSent() async throws {
        try await MastodonFake.run { fake in
            let image = OutboundMedia(filename: "a.png", mimeType: "image/png", data: Data([1]))
            let tooMany = OutboundPost(body: "x", media: Array(repeating: image, count: 5), idempotencyKey: "m")
            let emptyPart = OutboundPost(body: "x", followUps: ["ok", " \n"], idempotencyKey: "e")
            for post in [tooMany, emptyPart] {
                let error = try await #require(throws: ConnectorError.self) {
                    try await publisher().publish(post, context: context(fake))
                }
                #expect(error.kind == .rejected)
            }
            #expect(await fake.requests().isEmpty)
        }
    }

    @Test func tooLongFollowUp_isRejectedWithTheServersMessage_afterTheFirstPart() async throws {
        try await MastodonFake.run { fake in
            let post = OutboundPost(body: "ok", followUps: [String(repeating: "a", count: 501)], idempotencyKey: "l")
            let error = try await #require(throws: ConnectorError.self) {
                try await publisher().publish(post, context: context(fake))
            }
            #expect(error.kind == .rejected)
            #expect(
                error.message == "Mastodon refused the post: Validation failed: Text character limit of 500 exceeded")
            #expect(await fake.postedStatuses().map(\.text) == ["ok"])
        }
    }

    @Test func rateLimit_isHandedBackWithTheResetTime() async throws {
        try await MastodonFake.run { fake in
            let resetAt = Date().addingTimeInterval(600)
            await fake.scriptRateLimit(resetAt: resetAt)
            let error = try await #require(throws: ConnectorError.self) {
                try await publisher().publish(thread, context: context(fake))
            }
            #expect(error.kind == .rateLimited)
            #expect(abs((error.retryAfter ?? .distantPast).timeIntervalSince(resetAt)) < 1.5)
            #expect(await fake.postedStatuses().isEmpty)
        }
    }
}
