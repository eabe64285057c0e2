import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct GenericWebhookTests {
    // The example of docs/WEBHOOKS.md; the signatures were computed with its openssl command.
    static let secret = "4f1c2e9a7b3d8c6e5f0a1b2c3d4e5f60"
    static let body =
        #"{"id":"form-1042","text":"Hello, the invoice PDF is empty.","author":{"id":"customer-77","name":"Ada"}}"#
    static let bodySignature = "sha256=4313d256133604c0227d09aed8f8a2decd35a78592f43288203fad96c541d3d1"
    static let timestamp = "1767225600"
    static let timestampedSignature = "sha256=9a02ef9e430a05ef08b1062ad8c98c3d34aef436ccb27a90ba02cf452964aa15"

    let receiver = GenericWebhookReceiver()
    let context = ChannelFixtures.context(.webhook, credentials: ["secret": GenericWebhookTests.secret])
    let received = Date(timeIntervalSince1970: 1_767_225_660)

    func delivery(_ body: String, headers: [String: String]) -> WebhookDelivery {
        WebhookDelivery(headers: headers, body: Data(body.utf8), receivedAt: received)
    }

    func signed(
        _ body: String, timestamp: String? = nil, secret: String = GenericWebhookTests.secret,
        extra: [String: String] = [:]
    ) -> WebhookDelivery {
        var headers = extra
        if let timestamp {
            headers["X-Foyer-Timestamp"] = timestamp
            headers["X-Foyer-Signature"] =
                "sha256=" + WebhookSignature.hmacSHA256Hex(secret: secret, message: "\(timestamp).\(body)")
        } else {
            headers["X-Foyer-Signature"] = "sha256=" + WebhookSignature.hmacSHA256Hex(secret: secret, message: body)
        }
        return delivery(body, headers: headers)
    }

    // MARK: Signatures

    @Test func documentedExample_verifies_withAndWithoutTimestamp() throws {
        let plain = delivery(Self.body, headers: ["X-Foyer-Signature": Self.bodySignature])
        #expect(try receiver.verify(plain, for: context) == .store(deliveryID: nil))
        let stamped = delivery(
            Self.body, headers: ["X-Foyer-Signature": Self.timestampedSignature, "X-Foyer-Timestamp": Self.timestamp])
        #expect(try receiver.verify(stamped, for: context) == .store(deliveryID: nil))
    }

    @Test func badOrMissingSignature_isRefused() {
        #expect(throws: WebhookRejection.badSignature) {
            try receiver.verify(signed(Self.body, secret: "wrong-secret-0000"), for: context)
        }
        #expect(throws: WebhookRejection.missingSignature) {
            try receiver.verify(delivery(Self.body, headers: [:]), for: context)
        }
        // A timestamped signature with the timestamp header stripped no longer matches.
        #expect(throws: WebhookRejection.badSignature) {
            try receiver.verify(
                delivery(Self.body, headers: ["X-Foyer-Signature": Self.timestampedSignature]), for: context)
        }
        // Without the sha256= prefix.
        #expect(throws: WebhookRejection.badSignature) {
            try receiver.verify(
                delivery(Self.body, headers: ["X-Foyer-Signature": String(Self.bodySignature.dropFirst(7))]),
                for: context)
        }
    }

    @Test func timestampWindow() {
        let base = Int(received.timeIntervalSince1970)
        #expect(throws: Never.self) {
            try receiver.verify(signed(Self.body, timestamp: String(base - 300)), for: context)
        }
        #expect(throws: WebhookRejection.stale) {
            try receiver.verify(signed(Self.body, timestamp: String(base - 301)), for: context)
        }
        #expect(throws: WebhookRejection.stale) {
            try receiver.verify(signed(Self.body, timestamp: String(base + 301)), for: context)
        }
        #expect(throws: WebhookRejection.self) {
            try receiver.verify(signed(Self.body, timestamp: "soon"), for: context)
        }
    }

    @Test func deliveryHeader_becomesTheDeliveryID() throws {
        let verdict = try receiver.verify(signed(Self.body, extra: ["X-Foyer-Delivery": "d-123"]), for: context)
        #expect(verdict == .store(deliveryID: "d-123"))
    }

    @Test func noSecretOnTheChannel_refusesEverything() {
        let bare = ChannelFixtures.context(.webhook)
        #expect(throws: WebhookRejection.self) { try receiver.verify(signed(Self.body), for: bare) }
    }

    // MARK: Payloads

    @Test func singleMessage_withDefaults() throws {
        let item = try #require(try receiver.decode(Data(Self.body.utf8), for: context).first)
        #expect(item.externalID == "form-1042")
        #expect(item.threadID == "form-1042")
        #expect(item.kind == .comment)
        #expect(item.direction == .inbound)
        #expect(item.author == InboundAuthor(externalID: "customer-77", handle: "Ada", displayName: "Ada"))
        #expect(item.body == "Hello, the invoice PDF is empty.")
        #expect(abs(item.sentAt.timeIntervalSinceNow) < 3600)
    }

    @Test func batch_decodesEveryField() throws {
        let body = """
            {"messages":[
              {"id":"r-1","text":"Five stars","author":{"id":"a1","name":"Ada","handle":"ada","url":"https://example.org/u/ada"},
               "kind":"review","sentAt":"2026-11-20T09:15:42Z","url":"https://example.org/reviews/1","subject":"Great app"},
              {"id":"r-2","text":"Agreed","author":{"id":"b2"},"thread":"r-1","replyTo":"r-1","kind":"reply","sentAt":"2026-11-20T10:00:00.500+01:00"}
            ]}
            """
        let items = try receiver.decode(Data(body.utf8), for: context)
        #expect(items.count == 2)
        #expect(
            items[0]
                == InboundItem(
                    externalID: "r-1", threadID: "r-1", kind: .review,
                    author: InboundAuthor(
                        externalID: "a1", handle: "ada", displayName: "Ada", profileURL: "https://example.org/u/ada"),
                    body: "Five stars", sentAt: Date(timeIntervalSince1970: 1_795_166_142),
                    url: "https://example.org/reviews/1",
                    subject: "Great app"))
        #expect(items[1].threadID == "r-1")
        #expect(items[1].parentID == "r-1")
        #expect(items[1].kind == .reply)
        #expect(items[1].author.handle == "b2")
        #expect(items[1].sentAt == Date(timeIntervalSince1970: 1_795_165_200.5))
    }

    @Test(arguments: [
        (
            #"{"messages":[{"id":"1","text":"a","author":{"id":"x"}},{"id":"2","text":"b","author":{"id":"y"}},{"id":"3","text":"c","author":{"id":"z"}},{"id":"4","text":"d","author":{}}]}"#,
            "messages[3].author.id is required."
        ),
        (#"{"messages":[{"text":"a","author":{"id":"x"}}]}"#, "messages[0].id is required."),
        (#"{"messages":[{"id":7,"text":"a","author":{"id":"x"}}]}"#, "messages[0].id must be a string."),
        (#"{"messages":[{"id":"1","author":{"id":"x"}}]}"#, "messages[0].text is required."),
        (#"{"messages":[{"id":"1","text":"a"}]}"#, "messages[0].author is required."),
        (#"{"messages":[{"id":"1","text":"a","author":"x"}]}"#, "messages[0].author must be an object."),
        (#"{"messages":["hello"]}"#, "messages[0] must be an object."),
        (#"{"messages":{"id":"1"}}"#, "messages must be an array."),
        (
            #"{"id":"1","text":"a","author":{"id":"x"},"kind":"tweet"}"#,
            "kind must be one of post, comment, reply, mention, direct_message, review."
        ),
        (
            #"{"id":"1","text":"a","author":{"id":"x"},"sentAt":"yesterday"}"#,
            "sentAt must be an ISO-8601 date-time with a time zone, such as 2026-01-31T09:30:00Z."
        ),
        (
            #"{"id":"1","text":"a","author":{"id":"x"},"url":"javascript:alert(1)"}"#,
            "url must be an http or https URL."
        ),
        (
            #"{"id":"1","text":"a","author":{"id":"x","url":"file:///etc/passwd"}}"#,
            "author.url must be an http or https URL."
        ),
        (#"[1,2]"#, "The body must be a JSON object: one message, or {\"messages\": [...]}."),
        ("not json", "The body is not valid JSON."),
    ])
    func fieldErrors_nameTheFieldAndIndex(body: String, message: String) {
        // Refused at the door with a 400 the sender can read…
        #expect(throws: WebhookRejection.malformed(message)) { try receiver.verify(signed(body), for: context) }
        // …and by decode, should such a payload ever be stored.
        let error = #expect(throws: ConnectorError.self) { try receiver.decode(Data(body.utf8), for: context) }
        #expect(error?.message == message)
    }

    @Test func batchesAreCappedAt500() throws {
        let message = #"{"id":"m","text":"t","author":{"id":"a"}}"#
        let full = "{\"messages\":[" + Array(repeating: message, count: 500).joined(separator: ",") + "]}"
        #expect(try receiver.decode(Data(full.utf8), for: context).count == 500)
        let over = "{\"messages\":[" + Array(repeating: message, count: 501).joined(separator: ",") + "]}"
        #expect(throws: WebhookRejection.malformed("messages has 501 items; the limit is 500 per request.")) {
            try receiver.verify(signed(over), for: context)
        }
    }

    @Test func connector_validatesAndGeneratesSecrets() throws {
        let connector = GenericWebhookConnector()
        #expect(connector.kind == .webhook)
        #expect(connector.capabilities == ConnectorCapabilities(ingest: .webhook))
        #expect(connector.replier == nil)
        #expect(throws: Never.self) { try connector.validate(settings: [:], credentials: [:]) }
        #expect(throws: DomainError.self) { try connector.validate(settings: [:], credentials: ["secret": "short"]) }
        let secret = GenericWebhookConnector.generateSecret()
        #expect(secret.count == 64)
        #expect(secret != GenericWebhookConnector.generateSecret())
        #expect(throws: Never.self) { try connector.validate(settings: [:], credentials: ["secret": secret]) }
    }
}
