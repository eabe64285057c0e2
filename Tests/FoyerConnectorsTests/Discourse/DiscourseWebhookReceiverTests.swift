import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct DiscourseWebhookReceiverTests {
    let receiver = DiscourseWebhookReceiver()
    let secret = "my_lovely_secret_for_web_hook"
    var context: ChannelContext {
        ChannelFixtures.context(
            .discourse, settings: ["baseURL": "https://forum.example.org/"],
            credentials: ["webhookSecret": secret, "apiKey": "k", "apiUsername": "foyer_bot"])
    }

    func delivery(_ body: String, event: String = "post_created", id: String = "42", secret: String? = nil)
        -> WebhookDelivery
    {
        let signature = "sha256=" + WebhookSignature.hmacSHA256Hex(secret: secret ?? self.secret, message: body)
        return WebhookDelivery(
            headers: [
                "X-Discourse-Instance": "https://forum.example.org", "X-Discourse-Event-Id": id,
                "X-Discourse-Event-Type": "post", "X-Discourse-Event": event, "X-Discourse-Event-Signature": signature,
            ],
            body: Data(body.utf8), receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    /// A post_created body shaped like Discourse's WebHookPostSerializer output.
    static let postCreated = """
        {"post":{"id":1234,"name":"Ada Lovelace","username":"ada","avatar_template":"/user_avatar/forum.example.org/ada/{size}/3_2.png",\
        "created_at":"2026-11-20T09:15:42.123Z","cooked":"<p>The <strong>export</strong> button does nothing &amp; I lost my draft.</p>",\
        "post_number":3,"post_type":1,"updated_at":"2026-11-20T09:15:42.123Z","reply_count":0,"reply_to_post_number":null,\
        "quote_count":0,"incoming_link_count":0,"reads":1,"score":0,"topic_id":567,"topic_slug":"export-is-broken",\
        "topic_title":"Export is broken","topic_html_title":"Export is broken","category_id":4,"display_username":"Ada Lovelace",\
        "primary_group_name":null,"flair_name":null,"version":1,"user_title":null,"bookmarked":false,\
        "raw":"The **export** button does nothing & I lost my draft.","moderator":false,"admin":false,"staff":false,\
        "user_id":88,"hidden":false,"trust_level":1,"deleted_at":null,"user_deleted":false,"edit_reason":null,"wiki":false,\
        "reviewable_id":null,"reviewable_score_count":0,"reviewable_score_pending_count":0,"topic_posts_count":3,\
        "topic_filtered_posts_count":3,"topic_archetype":"regular","category_slug":"support","post_url":"/t/export-is-broken/567/3"}}
        """

    @Test func discourseTestVector_ping_isAnsweredWithoutStoring() throws {
        let body = #"{"ping":"OK"}"#
        let delivery = WebhookDelivery(
            headers: [
                "X-Discourse-Event": "ping", "X-Discourse-Event-Id": "1",
                "X-Discourse-Event-Signature":
                    "sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6",
            ],
            body: Data(body.utf8), receivedAt: Date())
        let verdict = try receiver.verify(delivery, for: context)
        guard case .respond(200, _, _) = verdict else {
            Issue.record("expected a 200 answer, got \(verdict)")
            return
        }
    }

    @Test func pingBody_withoutTheHeader_isAPingToo() throws {
        var ping = delivery(#"{"ping":"OK"}"#, event: "")
        ping.headers["x-discourse-event"] = nil
        guard case .respond = try receiver.verify(ping, for: context) else {
            Issue.record("expected a direct answer")
            return
        }
    }

    @Test func postEvent_isStoredUnderTheEventID() throws {
        #expect(try receiver.verify(delivery(Self.postCreated, id: "9001"), for: context) == .store(deliveryID: "9001"))
    }

    @Test func signatures_wrongMissingOrUnprefixed_areRefused() {
        #expect(throws: WebhookRejection.badSignature) {
            try receiver.verify(delivery(Self.postCreated, secret: "not_the_secret"), for: context)
        }
        var missing = delivery(Self.postCreated)
        missing.headers["x-discourse-event-signature"] = nil
        #expect(throws: WebhookRejection.missingSignature) { try receiver.verify(missing, for: context) }
        var bare = delivery(Self.postCreated)
        bare.headers["x-discourse-event-signature"] = WebhookSignature.hmacSHA256Hex(
            secret: secret, message: Self.postCreated)
        #expect(throws: WebhookRejection.badSignature) { try receiver.verify(bare, for: context) }
        var unsignedPing = delivery(#"{"ping":"OK"}"#, event: "ping")
        unsignedPing.headers["x-discourse-event-signature"] = nil
        #expect(throws: WebhookRejection.missingSignature) { try receiver.verify(unsignedPing, for: context) }
    }

    @Test func decode_postCreated() throws {
        let items = try receiver.decode(Data(Self.postCreated.utf8), for: context)
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(item.externalID == "1234")
        #expect(item.threadID == "567")
        #expect(item.kind == .reply)
        #expect(item.direction == .inbound)
        #expect(item.subject == "Export is broken")
        #expect(item.body == "The **export** button does nothing & I lost my draft.")
        #expect(item.url == "https://forum.example.org/t/export-is-broken/567/3")
        #expect(
            item.author
                == InboundAuthor(
                    externalID: "88", handle: "ada", displayName: "Ada Lovelace",
                    profileURL: "https://forum.example.org/u/ada"))
        #expect(item.sentAt == RateLimitHints.parseISO8601("2026-11-20T09:15:42.123Z"))
    }

    @Test func decode_withoutRaw_usesTheCookedText() throws {
        let body = Self.postCreated.replacingOccurrences(
            of: #""raw":"The **export** button does nothing & I lost my draft.","#, with: "")
        let item = try #require(try receiver.decode(Data(body.utf8), for: context).first)
        #expect(item.body == "The export button does nothing & I lost my draft.")
    }

    @Test func decode_firstPost_privateMessage_andOurOwnPost() throws {
        let first = Self.postCreated.replacingOccurrences(of: #""post_number":3"#, with: #""post_number":1"#)
        #expect(try receiver.decode(Data(first.utf8), for: context).first?.kind == .post)
        let pm = Self.postCreated.replacingOccurrences(
            of: #""topic_archetype":"regular""#, with: #""topic_archetype":"private_message""#)
        #expect(try receiver.decode(Data(pm.utf8), for: context).first?.kind == .directMessage)
        let ours = Self.postCreated.replacingOccurrences(of: #""username":"ada""#, with: #""username":"Foyer_Bot""#)
        #expect(try receiver.decode(Data(ours.utf8), for: context).first?.direction == .outbound)
    }

    @Test func decode_skipsDeletedSmallActionsAndOtherEvents() throws {
        let deleted = Self.postCreated.replacingOccurrences(
            of: #""deleted_at":null"#, with: #""deleted_at":"2026-11-20T10:00:00Z""#)
        #expect(try receiver.decode(Data(deleted.utf8), for: context).isEmpty)
        let smallAction = Self.postCreated.replacingOccurrences(of: #""post_type":1"#, with: #""post_type":3"#)
        #expect(try receiver.decode(Data(smallAction.utf8), for: context).isEmpty)
        #expect(try receiver.decode(Data(#"{"topic":{"id":5,"title":"x"}}"#.utf8), for: context).isEmpty)
        #expect(try receiver.decode(Data(#"{"ping":"OK"}"#.utf8), for: context).isEmpty)
    }

    @Test func decode_hostilePayloads() throws {
        #expect(throws: ConnectorError.self) { try receiver.decode(Data("[".utf8), for: context) }
        #expect(throws: ConnectorError.self) {
            try receiver.decode(Data(#"{"post":{"topic_id":1}}"#.utf8), for: context)
        }
        #expect(throws: ConnectorError.self) {
            try receiver.decode(
                Data(#"{"post":{"id":1,"topic_id":1,"username":"a","created_at":"yesterday"}}"#.utf8), for: context)
        }
        let script = Self.postCreated.replacingOccurrences(
            of: #""post_url":"/t/export-is-broken/567/3""#, with: #""post_url":"javascript:alert(1)""#)
        #expect(try receiver.decode(Data(script.utf8), for: context).first?.url == nil)
    }
}
