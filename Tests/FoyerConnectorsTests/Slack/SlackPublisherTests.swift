import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct SlackPublisherTests {
    /// Runs `body` against a fresh fake Slack whose #general already has someone's message.
    func withSlack(
        _ body: (
            _ publisher: any Publisher, _ context: ChannelContext, _ fake: FakeSlackAPI, _ log: RequestLog,
            _ sleeper: TestHTTP.SleepRecorder
        ) async throws -> Void
    ) async throws {
        let fake = FakeSlackAPI()
        fake.seed(channel: "C0GENERAL", ts: "1700000000.000100", text: "Good morning", user: "U2CERLKJA")
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ fake.handle($0) }) { baseURL, log in
            fake.baseURL = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
            let connector = SlackConnector(http: TestHTTP.connectorClient(platform: "Slack", sleeper: sleeper))
            let publisher = try #require(connector.publisher)
            let context = ChannelFixtures.context(
                .slack,
                settings: ["apiBaseURL": baseURL.appending(path: "api").absoluteString, "channelID": "C0GENERAL"],
                credentials: ["signingSecret": "s", "botToken": fake.token])
            try await body(publisher, context, fake, log, sleeper)
        }
    }

    let post = OutboundPost(
        body: "Release 3.2 is out", followUps: ["What changed: faster search", "Thanks to everyone who tested"],
        idempotencyKey: "rel-32")

    @Test func publish_postsInTheChannel_andTheFollowUpsInItsThread() async throws {
        try await withSlack { publisher, context, fake, log, _ in
            let receipt = try await publisher.publish(post, context: context)

            let posted = fake.posted
            #expect(posted.map(\.text) == ["Release 3.2 is out", "What changed: faster search", "Thanks to everyone who tested"])
            #expect(receipt.externalID == "C0GENERAL:\(posted[0].ts)")
            #expect(posted.map(\.threadTS) == [nil, posted[0].ts, posted[0].ts])
            let keys = try log.matching("/api/chat.postMessage").map {
                try $0.json()["metadata"]?["event_payload"]?["idempotency_key"]?.string
            }
            #expect(keys == ["rel-32", "rel-32-1", "rel-32-2"])
        }
    }

    @Test func publishingTwiceWithOneKey_postsOnce() async throws {
        try await withSlack { publisher, context, fake, _, _ in
            let first = try await publisher.publish(post, context: context)
            let second = try await publisher.publish(post, context: context)
            #expect(first == second)
            #expect(fake.posted.count == 3)
        }
    }

    @Test func reconcile_afterALostAnswer_findsThePostByItsKey_andSendsTheFollowUps() async throws {
        try await withSlack { publisher, context, fake, _, _ in
            #expect(try await publisher.reconcile(post, context: context) == nil)
            fake.loseNextPostAnswer()
            let lost = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: context)
            }
            #expect(lost.kind == .unavailable)
            let sent = try #require(fake.posted.first)

            let found = try await publisher.reconcile(post, context: context)

            #expect(found?.externalID == "C0GENERAL:\(sent.ts)")
            #expect(fake.posted.map(\.text) == ["Release 3.2 is out", "What changed: faster search", "Thanks to everyone who tested"])
            #expect(fake.posted.dropFirst().allSatisfy { $0.threadTS == fake.posted[0].ts })
        }
    }

    let withFiles = OutboundPost(
        body: "The new collection", followUps: ["Sizes run small"],
        media: [
            OutboundMedia(filename: "coat.png", mimeType: "image/png", data: Data([0x89, 0x50, 0x4E, 0x47, 1, 2]), altText: "A red coat"),
            OutboundMedia(filename: "boots.jpg", mimeType: "image/jpeg", data: Data([0xFF, 0xD8, 0xFF, 3])),
        ],
        idempotencyKey: "col-1")

    @Test func files_areUploadedAndSharedInThePostsThread_beforeTheFollowUps_once() async throws {
        try await withSlack { publisher, context, fake, log, _ in
            let receipt = try await publisher.publish(withFiles, context: context)

            let posted = fake.posted
            #expect(posted.count == 3)
            #expect(receipt.externalID == "C0GENERAL:\(posted[0].ts)")
            #expect(posted[1].threadTS == posted[0].ts)
            #expect(posted[1].files == ["coat.png", "boots.jpg"])
            #expect(posted[2].text == "Sizes run small")
            let uploads = fake.uploaded.values.sorted { $0.name < $1.name }
            #expect(uploads.map(\.name) == ["boots.jpg", "coat.png"])
            #expect(uploads.map(\.bytes) == [Data([0xFF, 0xD8, 0xFF, 3]), Data([0x89, 0x50, 0x4E, 0x47, 1, 2])])
            #expect(uploads[1].altText == "A red coat")

            // The same post again: the message and its files are found, nothing is uploaded twice.
            _ = try await publisher.publish(withFiles, context: context)
            #expect(fake.posted.count == 3)
            #expect(log.matching("/api/files.getUploadURLExternal").count == 2)
        }
    }

    @Test func reconcile_afterTheMessageWentOutWithoutItsFiles_sharesThem() async throws {
        try await withSlack { publisher, context, fake, _, _ in
            fake.loseNextPostAnswer()
            _ = try await #require(throws: ConnectorError.self) { try await publisher.publish(withFiles, context: context) }
            #expect(fake.posted.count == 1, "the message went out, its files did not")

            let found = try await publisher.reconcile(withFiles, context: context)

            #expect(found?.externalID == "C0GENERAL:\(fake.posted[0].ts)")
            #expect(fake.posted.map(\.files) == [[], ["coat.png", "boots.jpg"], []])
            #expect(fake.posted.last?.text == "Sizes run small")
        }
    }

    @Test func tooManyFilesOrAMissingChannel_areRefusedBeforeAnythingIsSent() async throws {
        try await withSlack { publisher, context, _, log, _ in
            let withFiles = OutboundPost(
                body: "Look",
                media: (1...11).map { OutboundMedia(filename: "\($0).png", mimeType: "image/png", data: Data([1])) },
                idempotencyKey: "m")
            let refused = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(withFiles, context: context)
            }
            #expect(refused.kind == .rejected)
            #expect(refused.message.contains("at most 10 files"))
            var noChannel = context
            noChannel.channel.settings["channelID"] = nil
            let unset = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: noChannel)
            }
            #expect(unset.kind == .configuration)
            #expect(log.all.isEmpty)
        }
    }

    @Test func errorsAndRateLimits_areMapped() async throws {
        try await withSlack { publisher, context, fake, log, sleeper in
            fake.leave("C0GENERAL")
            let notIn = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: context)
            }
            #expect(notIn.kind == .forbidden)
            #expect(notIn.message.contains("/invite"))

            fake.rateLimitNext(retryAfter: 120)
            let limited = try await #require(throws: ConnectorError.self) {
                try await publisher.publish(post, context: context)
            }
            #expect(limited.kind == .rateLimited)
            #expect((limited.retryAfter ?? .distantPast) > Date() + 100)
            #expect(sleeper.recorded.isEmpty)
            #expect(fake.posted.isEmpty)
        }
    }
}
