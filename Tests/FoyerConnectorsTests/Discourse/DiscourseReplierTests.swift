import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct DiscourseReplierTests {
    func withDiscourse(
        _ body: (
            _ replier: DiscourseReplier, _ context: ChannelContext, _ fake: FakeDiscourseAPI,
            _ root: FakeDiscourseAPI.Post, _ log: RequestLog
        ) async throws -> Void
    ) async throws {
        let fake = FakeDiscourseAPI()
        let root = fake.seed(topic: 567, username: "ada", raw: "The export button does nothing.")
        try await FakeHTTPServer.run({ fake.handle($0) }) { baseURL, log in
            let replier = DiscourseReplier(http: TestHTTP.connectorClient(platform: "Discourse"))
            let context = ChannelFixtures.context(
                .discourse, settings: ["baseURL": baseURL.absoluteString + "/"],
                credentials: ["webhookSecret": "s", "apiKey": fake.apiKey, "apiUsername": "foyer_bot"])
            try await body(replier, context, fake, root, log)
        }
    }

    func reply(_ text: String = "Thanks Ada, a fix ships tomorrow.", parent: String? = nil) -> OutboundRequest {
        OutboundRequest(body: text, threadID: "567", inReplyToExternalID: parent, idempotencyKey: "pub-1")
    }

    @Test func send_createsAPostInTheTopic_asTheAPIUser() async throws {
        try await withDiscourse { replier, context, fake, root, log in
            let receipt = try await replier.send(reply(parent: String(root.id)), context: context)
            let created = try #require(fake.posts(in: 567).last)
            #expect(receipt.externalID == String(created.id))
            #expect(created.username == "foyer_bot")
            #expect(created.raw == "Thanks Ada, a fix ships tomorrow.")
            #expect(receipt.url?.hasSuffix("/t/topic-567/567/2") == true)
            let request = try #require(log.matching("/posts.json").first)
            #expect(request.headers["api-key"] == fake.apiKey)
            #expect(request.headers["api-username"] == "foyer_bot")
            let json = try request.json()
            #expect(json["topic_id"]?.int == 567)
            #expect(json["reply_to_post_number"]?.int == 1)
        }
    }

    @Test func send_withoutAParent_omitsReplyToPostNumber() async throws {
        try await withDiscourse { replier, context, _, _, log in
            _ = try await replier.send(reply(), context: context)
            let json = try #require(try log.matching("/posts.json").first?.json())
            #expect(json["reply_to_post_number"] == nil)
        }
    }

    @Test func reconcile_findsOurPostByItsText() async throws {
        try await withDiscourse { replier, context, fake, _, _ in
            #expect(try await replier.reconcile(reply(), context: context) == nil)
            // Someone else writing the same words is not us.
            _ = fake.seed(topic: 567, username: "bob", raw: "Thanks Ada, a fix ships tomorrow.")
            #expect(try await replier.reconcile(reply(), context: context) == nil)
            let receipt = try await replier.send(reply(), context: context)
            _ = fake.seed(topic: 567, username: "ada", raw: "Great, thank you!")
            let found = try await replier.reconcile(reply(), context: context)
            #expect(found?.externalID == receipt.externalID)
            #expect(try await replier.reconcile(reply("Another text"), context: context) == nil)
        }
    }

    @Test(arguments: [true, false])
    func rateLimit_withWaitSeconds_isHandedBack(retryAfterHeader: Bool) async throws {
        try await withDiscourse { replier, context, fake, _, _ in
            // Without the header, the body's extras.wait_seconds is the only hint.
            fake.rateLimitNext(waitSeconds: 42, header: retryAfterHeader)
            let started = Date()
            let error = await #expect(throws: ConnectorError.self) { try await replier.send(reply(), context: context) }
            #expect(error?.kind == .rateLimited)
            let retryAfter = try #require(error?.retryAfter)
            #expect(retryAfter >= started + 41)
            #expect(fake.posts(in: 567).count == 1)
        }
    }

    @Test func validationErrors_areRejectedWithDiscoursesMessage() async throws {
        try await withDiscourse { replier, context, fake, _, _ in
            fake.refuseNext(with: "Body is too similar to what you recently posted")
            let error = await #expect(throws: ConnectorError.self) { try await replier.send(reply(), context: context) }
            #expect(error?.kind == .rejected)
            #expect(error?.message.contains("Body is too similar to what you recently posted") == true)
        }
    }

    @Test func wrongKey_isForbidden_missingTopic_isNotFound() async throws {
        try await withDiscourse { replier, context, _, _, _ in
            var wrongKey = context
            wrongKey.credentials["apiKey"] = "revoked"
            let forbidden = await #expect(throws: ConnectorError.self) {
                try await replier.send(reply(), context: wrongKey)
            }
            #expect(forbidden?.kind == .forbidden)
            #expect(forbidden?.message.contains("API username or key is invalid") == true)
            let missing = OutboundRequest(body: "x", threadID: "999", inReplyToExternalID: nil, idempotencyKey: "k")
            let notFound = await #expect(throws: ConnectorError.self) {
                try await replier.send(missing, context: context)
            }
            #expect(notFound?.kind == .notFound)
            let badThread = OutboundRequest(
                body: "x", threadID: "C1:1.0", inReplyToExternalID: nil, idempotencyKey: "k")
            let rejected = await #expect(throws: ConnectorError.self) {
                try await replier.send(badThread, context: context)
            }
            #expect(rejected?.kind == .rejected)
        }
    }
}

@Suite struct DiscourseConnectorTests {
    let connector = DiscourseConnector(http: TestHTTP.connectorClient(platform: "Discourse"))

    @Test func capabilities() {
        #expect(connector.kind == .discourse)
        #expect(
            connector.capabilities
                == ConnectorCapabilities(
                    ingest: .webhook, reply: true, publish: true, hide: true, delete: true, ban: true))
        #expect(connector.publisher != nil)
        #expect(connector.moderator != nil)
    }

    @Test func validate_namesTheBadKey() {
        let credentials = ["webhookSecret": "w", "apiKey": "k", "apiUsername": "system"]
        #expect(throws: Never.self) {
            try connector.validate(settings: ["baseURL": "https://forum.example.org"], credentials: credentials)
        }
        for (settings, credentials, field) in [
            ([:], credentials, "baseURL"),
            (["baseURL": "not a url"], credentials, "baseURL"),
            (["baseURL": "https://forum.example.org"], ["apiKey": "k", "apiUsername": "system"], "webhookSecret"),
            (["baseURL": "https://forum.example.org"], ["webhookSecret": "w", "apiUsername": "system"], "apiKey"),
            (
                ["baseURL": "https://forum.example.org"], ["webhookSecret": "w", "apiKey": "k", "apiUsername": " "],
                "apiUsername"
            ),
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

    @Test func validate_refusesPrivateForumAddresses_underTheStrictPolicy() {
        let strict = DiscourseConnector(http: ConnectorHTTPClient(httpClient: TestHTTP.client, policy: NetworkPolicy()))
        #expect(throws: DomainError.self) {
            try strict.validate(
                settings: ["baseURL": "http://192.168.1.10"],
                credentials: ["webhookSecret": "w", "apiKey": "k", "apiUsername": "s"])
        }
    }
}
