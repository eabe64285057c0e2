import Foundation
import FoyerCore
import Testing

@testable import FoyerConnectors

@Suite struct SlackWebhookReceiverTests {
    let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    let receiver = SlackWebhookReceiver()
    var context: ChannelContext {
        ChannelFixtures.context(
            .slack, settings: ["botUserID": "UBOT0001", "botID": "B0FOYER"],
            credentials: ["signingSecret": secret, "botToken": "xoxb-test"])
    }

    /// A delivery signed the way Slack signs, received `skew` seconds after its timestamp.
    func delivery(
        _ body: String, timestamp: Int = 1_700_000_000, skew: TimeInterval = 5, secret: String? = nil,
        extraHeaders: [String: String] = [:]
    ) -> WebhookDelivery {
        let signature =
            "v0=" + WebhookSignature.hmacSHA256Hex(secret: secret ?? self.secret, message: "v0:\(timestamp):\(body)")
        var headers = [
            "X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": signature,
            "Content-Type": "application/json",
        ]
        headers.merge(extraHeaders) { $1 }
        return WebhookDelivery(
            headers: headers, body: Data(body.utf8), receivedAt: Date(timeIntervalSince1970: Double(timestamp) + skew))
    }

    static let messageEvent = """
        {"token":"XXYYZZ","team_id":"T0TEAM","api_app_id":"A0APP","event":{"type":"message","channel":"C0GENERAL","user":"U2CERLKJA",\
        "text":"Hi <@UBOT0001>, the export &amp; import page is broken: <https://example.org/export|export page>","ts":"1700000000.000100",\
        "event_ts":"1700000000.000100","channel_type":"channel","client_msg_id":"5f0d2c8a-1111-2222-3333-444455556666",\
        "user_profile":{"name":"roadrunner","display_name":"Road Runner","real_name":"Road Runner"}},\
        "type":"event_callback","event_id":"Ev0MESSAGE1","event_time":1700000000,"authorizations":[{"user_id":"UBOT0001","is_bot":true}]}
        """

    @Test func officialSlackTestVector_verifies() throws {
        let body = WebhookSignatureTests.slackBody
        let delivery = WebhookDelivery(
            headers: [
                "X-Slack-Request-Timestamp": "1531420618", "X-Slack-Signature": WebhookSignatureTests.slackSignature,
            ],
            body: Data(body.utf8), receivedAt: Date(timeIntervalSince1970: 1_531_420_700))
        // The vector is a slash command (form-encoded): the signature passes, then the body is refused as
        // not being an Events API payload — a wrong signature would have been refused first.
        #expect(
            throws: WebhookRejection.malformed(
                "Slack sent a body that is not a JSON object; only the Events API is supported.")
        ) {
            try receiver.verify(delivery, for: context)
        }
        var tampered = delivery
        tampered.headers["x-slack-signature"] = "v0=" + String(repeating: "0", count: 64)
        #expect(throws: WebhookRejection.badSignature) { try receiver.verify(tampered, for: context) }
    }

    @Test func eventCallback_isStoredUnderItsEventID() throws {
        let verdict = try receiver.verify(delivery(Self.messageEvent), for: context)
        #expect(verdict == .store(deliveryID: "Ev0MESSAGE1"))
    }

    @Test func retries_carryTheSameDeliveryID() throws {
        let first = try receiver.verify(delivery(Self.messageEvent), for: context)
        let retry = try receiver.verify(
            delivery(
                Self.messageEvent, timestamp: 1_700_000_060,
                extraHeaders: ["X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"]),
            for: context)
        #expect(first == retry)
    }

    @Test func wrongSecret_isRefused() {
        #expect(throws: WebhookRejection.badSignature) {
            try receiver.verify(delivery(Self.messageEvent, secret: "another-secret"), for: context)
        }
    }

    @Test func staleOrFutureTimestamp_isRefused() {
        #expect(throws: WebhookRejection.stale) {
            try receiver.verify(delivery(Self.messageEvent, skew: 301), for: context)
        }
        #expect(throws: WebhookRejection.stale) {
            try receiver.verify(delivery(Self.messageEvent, skew: -301), for: context)
        }
        #expect(throws: Never.self) { try receiver.verify(delivery(Self.messageEvent, skew: 299), for: context) }
    }

    @Test func missingHeaders_areRefused() {
        var noSignature = delivery(Self.messageEvent)
        noSignature.headers["x-slack-signature"] = nil
        #expect(throws: WebhookRejection.missingSignature) { try receiver.verify(noSignature, for: context) }
        var noTimestamp = delivery(Self.messageEvent)
        noTimestamp.headers["x-slack-request-timestamp"] = nil
        #expect(throws: WebhookRejection.missingSignature) { try receiver.verify(noTimestamp, for: context) }
    }

    @Test func bodyChangedAfterSigning_isRefused() {
        var changed = delivery(Self.messageEvent)
        changed.body = Data(Self.messageEvent.replacingOccurrences(of: "broken", with: "fixed").utf8)
        #expect(throws: WebhookRejection.badSignature) { try receiver.verify(changed, for: context) }
    }

    @Test func urlVerification_answersTheChallenge_onlyWhenSigned() throws {
        let body =
            #"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#
        let verdict = try receiver.verify(delivery(body), for: context)
        #expect(
            verdict
                == .respond(
                    status: 200, contentType: "text/plain; charset=utf-8",
                    body: Data("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P".utf8)))
        #expect(throws: WebhookRejection.badSignature) {
            try receiver.verify(delivery(body, secret: "nope"), for: context)
        }
    }

    @Test func noSigningSecret_isAConfigurationProblem() {
        let bare = ChannelFixtures.context(.slack)
        #expect(throws: WebhookRejection.self) { try receiver.verify(delivery(Self.messageEvent), for: bare) }
    }

    @Test func decode_channelMessage() throws {
        let items = try receiver.decode(Data(Self.messageEvent.utf8), for: context)
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(item.externalID == "C0GENERAL:1700000000.000100")
        #expect(item.threadID == "C0GENERAL:1700000000.000100")
        #expect(item.parentID == nil)
        #expect(item.kind == .post)
        #expect(item.direction == .inbound)
        #expect(item.author == InboundAuthor(externalID: "U2CERLKJA", handle: "roadrunner", displayName: "Road Runner"))
        #expect(
            item.body == "Hi @UBOT0001, the export & import page is broken: export page (https://example.org/export)")
        #expect(item.sentAt == Date(timeIntervalSince1970: 1_700_000_000.0001))
    }

    @Test func decode_threadReply_sharesTheRootsThread() throws {
        let body = """
            {"type":"event_callback","event_id":"Ev2","event":{"type":"message","channel":"C0GENERAL","user":"U0OTHER",\
            "text":"Same here","ts":"1700000100.000200","thread_ts":"1700000000.000100","channel_type":"channel"}}
            """
        let item = try #require(try receiver.decode(Data(body.utf8), for: context).first)
        #expect(item.threadID == "C0GENERAL:1700000000.000100")
        #expect(item.parentID == "C0GENERAL:1700000000.000100")
        #expect(item.externalID == "C0GENERAL:1700000100.000200")
        #expect(item.kind == .reply)
    }

    @Test func decode_directMessageAndMention() throws {
        let dm = """
            {"type":"event_callback","event_id":"Ev3","event":{"type":"message","channel":"D0DM","user":"U0OTHER","text":"psst","ts":"1700000200.000300","channel_type":"im"}}
            """
        #expect(try receiver.decode(Data(dm.utf8), for: context).first?.kind == .directMessage)
        let mention = """
            {"type":"event_callback","event_id":"Ev4","event":{"type":"app_mention","channel":"C0GENERAL","user":"U0OTHER","text":"<@UBOT0001> help","ts":"1700000300.000400"}}
            """
        let item = try #require(try receiver.decode(Data(mention.utf8), for: context).first)
        #expect(item.kind == .mention)
        #expect(item.body == "@UBOT0001 help")
    }

    @Test func decode_ourOwnMessages_areOutbound() throws {
        let byBotUser = """
            {"type":"event_callback","event":{"type":"message","channel":"C1","user":"UBOT0001","text":"x","ts":"1700000000.1"}}
            """
        #expect(try receiver.decode(Data(byBotUser.utf8), for: context).first?.direction == .outbound)
        let byOurBot = """
            {"type":"event_callback","event":{"type":"message","subtype":"bot_message","channel":"C1","bot_id":"B0FOYER","text":"x","ts":"1700000000.2"}}
            """
        #expect(try receiver.decode(Data(byOurBot.utf8), for: context).first?.direction == .outbound)
        let byAnotherBot = """
            {"type":"event_callback","event":{"type":"message","subtype":"bot_message","channel":"C1","bot_id":"B0GITHUB","username":"GitHub","text":"PR merged","ts":"1700000000.3"}}
            """
        let other = try #require(try receiver.decode(Data(byAnotherBot.utf8), for: context).first)
        #expect(other.direction == .inbound)
        #expect(other.author.handle == "GitHub")
        // Without a botID setting, any bot counts as ours.
        let unset = ChannelFixtures.context(.slack, credentials: ["signingSecret": secret])
        #expect(try receiver.decode(Data(byAnotherBot.utf8), for: unset).first?.direction == .outbound)
    }

    @Test func decode_skipsEditsJoinsAndOtherEvents() throws {
        for body in [
            #"{"type":"event_callback","event":{"type":"message","subtype":"message_changed","channel":"C1","ts":"1.0","message":{}}}"#,
            #"{"type":"event_callback","event":{"type":"message","subtype":"channel_join","channel":"C1","user":"U1","ts":"1.0","text":"joined"}}"#,
            #"{"type":"event_callback","event":{"type":"reaction_added","user":"U1","reaction":"thumbsup"}}"#,
            #"{"type":"url_verification","challenge":"x"}"#,
        ] {
            #expect(try receiver.decode(Data(body.utf8), for: context).isEmpty)
        }
    }

    @Test func decode_hostilePayloads_throwClearErrors() {
        #expect(throws: ConnectorError.self) { try receiver.decode(Data("not json".utf8), for: context) }
        let noTS = #"{"type":"event_callback","event":{"type":"message","channel":"C1","user":"U1","text":"x"}}"#
        let error = #expect(throws: ConnectorError.self) { try receiver.decode(Data(noTS.utf8), for: context) }
        #expect(error?.kind == .protocolError)
        let badTS =
            #"{"type":"event_callback","event":{"type":"message","channel":"C1","user":"U1","text":"x","ts":"nan"}}"#
        #expect(throws: ConnectorError.self) { try receiver.decode(Data(badTS.utf8), for: context) }
        let noUser = #"{"type":"event_callback","event":{"type":"message","channel":"C1","text":"x","ts":"1.5"}}"#
        #expect(throws: ConnectorError.self) { try receiver.decode(Data(noUser.utf8), for: context) }
    }
}

@Suite struct SlackPermalinkTests {
    let receiver = SlackWebhookReceiver()

    func decoded(_ event: String, teamDomain: String?) throws -> InboundItem? {
        var settings: [String: String] = [:]
        if let teamDomain { settings["teamDomain"] = teamDomain }
        let context = ChannelFixtures.context(.slack, settings: settings, credentials: ["signingSecret": "s"])
        return try receiver.decode(Data(event.utf8), for: context).first
    }

    static func event(ts: String, threadTS: String? = nil) -> String {
        let thread = threadTS.map { #","thread_ts":"\#($0)""# } ?? ""
        return """
            {"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel":"C0GENERAL",\
            "user":"U2CERLKJA","text":"hi","ts":"\(ts)"\(thread)}}
            """
    }

    @Test func inboundMessages_linkToSlack_withTheWorkspaceDomain() throws {
        let message = try decoded(Self.event(ts: "1700000000.000100"), teamDomain: "acme")
        #expect(message?.url == "https://acme.slack.com/archives/C0GENERAL/p1700000000000100")
        let reply = try decoded(
            Self.event(ts: "1700000050.000200", threadTS: "1700000000.000100"), teamDomain: "https://acme.slack.com/")
        #expect(
            reply?.url
                == "https://acme.slack.com/archives/C0GENERAL/p1700000050000200?thread_ts=1700000000.000100&cid=C0GENERAL")
    }

    @Test func withoutADomain_orWithHostileValues_thereIsNoLink() throws {
        #expect(try decoded(Self.event(ts: "1700000000.000100"), teamDomain: nil)?.url == nil)
        #expect(try decoded(Self.event(ts: "1700000000.000100"), teamDomain: "evil.example/x?")?.url == nil)
        #expect(SlackPermalink.url(teamDomain: "acme", channel: "C0GENERAL", ts: "17e8.1") == nil)
        #expect(SlackPermalink.url(teamDomain: "acme", channel: "../x", ts: "1700000000.000100") == nil)
    }

    @Test func teamDomain_isValidated() {
        let connector = SlackConnector(http: TestHTTP.connectorClient(platform: "Slack"))
        let credentials = ["signingSecret": "abc", "botToken": "xoxb-1"]
        #expect(throws: Never.self) {
            try connector.validate(settings: ["teamDomain": "acme.slack.com"], credentials: credentials)
        }
        #expect(throws: DomainError.self) {
            try connector.validate(settings: ["teamDomain": "not a domain"], credentials: credentials)
        }
    }
}
