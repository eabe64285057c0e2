import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct SlackReplierTests {
    static let root = "1700000000.000100"

    /// Runs `body` against a fresh fake Slack with one thread root in #general.
    func withSlack(
        _ body: (
            _ replier: SlackReplier, _ context: ChannelContext, _ fake: FakeSlackAPI, _ log: RequestLog,
            _ sleeper: TestHTTP.SleepRecorder
        ) async throws -> Void
    ) async throws {
        let fake = FakeSlackAPI()
        fake.seed(channel: "C0GENERAL", ts: Self.root, text: "The export page is broken", user: "U2CERLKJA")
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ fake.handle($0) }) { baseURL, log in
            let replier = SlackReplier(http: TestHTTP.connectorClient(platform: "Slack", sleeper: sleeper))
            let context = ChannelFixtures.context(
                .slack, settings: ["apiBaseURL": baseURL.appending(path: "api").absoluteString],
                credentials: ["signingSecret": "s", "botToken": fake.token])
            try await body(replier, context, fake, log, sleeper)
        }
    }

    func reply(_ text: String = "Thanks, we are on it.", key: String = "pub-1") -> OutboundRequest {
        OutboundRequest(
            body: text, threadID: "C0GENERAL:\(Self.root)", inReplyToExternalID: "C0GENERAL:\(Self.root)",
            idempotencyKey: key)
    }

    @Test func send_postsInTheThread_withOurMetadata() async throws {
        try await withSlack { replier, context, fake, log, _ in
            let receipt = try await replier.send(reply(), context: context)
            let posted = try #require(fake.posted.first)
            #expect(receipt.externalID == "C0GENERAL:\(posted.ts)")
            #expect(posted.threadTS == Self.root)
            #expect(posted.text == "Thanks, we are on it.")
            let request = try #require(log.matching("/api/chat.postMessage").first)
            #expect(request.headers["authorization"] == "Bearer xoxb-test")
            let json = try request.json()
            #expect(json["channel"]?.string == "C0GENERAL")
            #expect(json["thread_ts"]?.string == Self.root)
            #expect(json["metadata"]?["event_type"]?.string == "foyer_reply")
            #expect(json["metadata"]?["event_payload"]?["idempotency_key"]?.string == "pub-1")
        }
    }

    @Test func reconcile_findsTheReplyByItsKey_andNothingForAnother() async throws {
        try await withSlack { replier, context, fake, _, _ in
            // Someone else's reply in the thread, then ours.
            fake.seed(channel: "C0GENERAL", ts: "1700000001.000100", threadTS: Self.root, text: "+1", user: "U0OTHER")
            #expect(try await replier.reconcile(reply(key: "pub-7"), context: context) == nil)
            let receipt = try await replier.send(reply(key: "pub-7"), context: context)
            #expect(try await replier.reconcile(reply(key: "pub-7"), context: context) == receipt)
            #expect(try await replier.reconcile(reply(key: "pub-8"), context: context) == nil)
        }
    }

    @Test func reconcile_followsCursorPages() async throws {
        try await withSlack { replier, context, fake, log, _ in
            for index in 0..<250 {
                fake.seed(
                    channel: "C0GENERAL", ts: "1700000001.\(String(format: "%06d", index))", threadTS: Self.root,
                    text: "noise", user: "U0OTHER")
            }
            let receipt = try await replier.send(reply(key: "deep"), context: context)
            #expect(try await replier.reconcile(reply(key: "deep"), context: context) == receipt)
            let pages = log.matching("/api/conversations.replies")
            #expect(pages.count == 2)
            #expect(pages.allSatisfy { $0.query["include_all_metadata"] == "true" })
            #expect(pages.last?.query["cursor"] == "200")
        }
    }

    @Test(arguments: [
        ("not_in_channel", ConnectorError.Kind.forbidden), ("channel_not_found", .notFound),
        ("invalid_auth", .unauthorized),
        ("msg_too_long", .rejected), ("is_archived", .rejected), ("internal_error", .unavailable),
        ("something_new", .rejected),
    ])
    func okFalseErrors_areMapped(code: String, kind: ConnectorError.Kind) async throws {
        try await withSlack { replier, context, fake, _, _ in
            fake.failNext(with: code)
            let error = await #expect(throws: ConnectorError.self) { try await replier.send(reply(), context: context) }
            #expect(error?.kind == kind)
            #expect(fake.posted.isEmpty)
        }
    }

    @Test func realErrorsFromTheFake_areMappedToo() async throws {
        try await withSlack { replier, context, fake, _, _ in
            fake.leave("C0GENERAL")
            let notIn = await #expect(throws: ConnectorError.self) { try await replier.send(reply(), context: context) }
            #expect(notIn?.message.contains("/invite") == true)
            var wrongToken = context
            wrongToken.credentials["botToken"] = "xoxb-revoked"
            let refused = await #expect(throws: ConnectorError.self) {
                try await replier.send(reply(), context: wrongToken)
            }
            #expect(refused?.kind == .unauthorized)
            #expect(refused?.message == "The Slack token was refused; reconnect the channel in Settings › Channels.")
        }
    }

    @Test func rateLimit_isHandedToTheLedger_notRetried() async throws {
        try await withSlack { replier, context, fake, log, sleeper in
            fake.rateLimitNext(retryAfter: 20)
            let error = await #expect(throws: ConnectorError.self) { try await replier.send(reply(), context: context) }
            #expect(error?.kind == .rateLimited)
            let retryAfter = try #require(error?.retryAfter)
            #expect(retryAfter > Date() + 15)
            #expect(log.matching("/api/chat.postMessage").count == 1)
            #expect(sleeper.recorded.isEmpty)
            #expect(fake.posted.isEmpty)
        }
    }

    @Test func reconcile_isRetriedAfterAShortRateLimit() async throws {
        try await withSlack { replier, context, fake, log, sleeper in
            fake.rateLimitNext(retryAfter: 1)
            let found = try await replier.reconcile(reply(), context: context)
            #expect(found == nil)
            #expect(log.matching("/api/conversations.replies").count == 2)
            #expect(sleeper.recorded == [.seconds(1)])
        }
    }

    @Test func tooLongOrEmptyText_isRefusedBeforeSending() async throws {
        try await withSlack { replier, context, _, log, _ in
            let long = await #expect(throws: ConnectorError.self) {
                try await replier.send(reply(String(repeating: "a", count: 40_001)), context: context)
            }
            #expect(long?.message.contains("40001 characters") == true)
            await #expect(throws: ConnectorError.self) { try await replier.send(reply("  \n"), context: context) }
            #expect(log.all.isEmpty)
        }
    }

    @Test func missingThreadOrToken_isRefused() async throws {
        try await withSlack { replier, context, _, _, _ in
            let noThread = OutboundRequest(body: "x", threadID: nil, inReplyToExternalID: nil, idempotencyKey: "k")
            #expect(await (try? replier.send(noThread, context: context)) == nil)
            var noToken = context
            noToken.credentials = [:]
            let error = await #expect(throws: ConnectorError.self) { try await replier.send(reply(), context: noToken) }
            #expect(error?.kind == .configuration)
        }
    }
}

@Suite struct SlackConnectorTests {
    let connector = SlackConnector(http: TestHTTP.connectorClient(platform: "Slack"))

    @Test func capabilities() {
        #expect(connector.kind == .slack)
        #expect(connector.capabilities == ConnectorCapabilities(ingest: .webhook, reply: true, publish: true, delete: true))
        #expect(connector.webhook != nil)
        #expect(connector.replier != nil)
        #expect(connector.publisher != nil)
        #expect(connector.moderator != nil)
    }

    @Test func validate_namesTheBadKey() {
        let good = ["signingSecret": "abc", "botToken": "xoxb-1"]
        #expect(throws: Never.self) { try connector.validate(settings: [:], credentials: good) }
        #expect(
            throws: DomainError.invalid(
                field: "signingSecret",
                message: "Paste the app’s Signing Secret (Slack app settings › Basic Information).")
        ) {
            try connector.validate(settings: [:], credentials: ["botToken": "xoxb-1"])
        }
        for (settings, credentials, field) in [
            ([:], ["signingSecret": "abc"], "botToken"),
            ([:], ["signingSecret": "abc", "botToken": "secret"], "botToken"),
            (["apiBaseURL": "ftp://slack.com/api"], good, "apiBaseURL"),
            (["botUserID": "u-lower"], good, "botUserID"),
        ] as [([String: String], [String: String], String)] {
            do {
                try connector.validate(settings: settings, credentials: credentials)
                Issue.record("expected \(field) to be refused")
            } catch let DomainError.invalid(badField, _) {
                #expect(badField == field)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
