import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// The Mastodon connector against ``MastodonFake``, a stateful loopback fake of the documented REST API.
@Suite struct MastodonConnectorTests {
    let connector = MastodonConnector(http: TestHTTP.connectorClient(platform: "Mastodon"))

    func context(_ fake: MastodonFake, token: String? = nil, visibility: String? = nil) -> ChannelContext {
        var settings = ["baseURL": fake.baseURL.absoluteString]
        if let visibility { settings["visibility"] = visibility }
        return ChannelFixtures.context(
            .mastodon, settings: settings, credentials: ["accessToken": token ?? fake.accessToken])
    }

    func poll(_ fake: MastodonFake, cursor: String?) async throws -> PollResult {
        let poller = try #require(connector.poller)
        return try await poller.poll(context(fake), cursor: cursor, now: Date())
    }

    // MARK: Polling

    @Test func firstPoll_takesTheLatestMentionsOldestFirst_andKeepsTheNewestID() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice", displayName: "Alice Martin")
            let first = await fake.postMention(from: alice, content: "<p>@foyer first</p>")
            await fake.addFollow(from: alice)
            let second = await fake.postMention(from: alice, content: "<p>@foyer second</p>")

            let result = try await poll(fake, cursor: nil)

            #expect(result.items.map(\.externalID) == [first.status.id, second.status.id])
            #expect(result.items.map(\.body) == ["@foyer first", "@foyer second"])
            #expect(result.cursor == second.notificationID)
            #expect(result.hasMore == false)
            let request = try #require(await fake.requests().last)
            #expect(request.path == "/api/v1/notifications")
            #expect(request.query("types[]") == "mention")
            #expect(request.query("min_id") == nil)
        }
    }

    @Test func laterPoll_resumesAfterTheCursorWithMinID() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice")
            await fake.postMention(from: alice, content: "<p>old</p>")
            let firstPoll = try await poll(fake, cursor: nil)
            let cursor = try #require(firstPoll.cursor)
            let new = await fake.postMention(from: alice, content: "<p>new</p>")

            let second = try await poll(fake, cursor: cursor)
            #expect(second.items.map(\.externalID) == [new.status.id])
            #expect(second.cursor == new.notificationID)
            #expect(await fake.requests().last?.query("min_id") == cursor)

            let third = try await poll(fake, cursor: second.cursor)
            #expect(third.items.isEmpty)
            #expect(third.cursor == nil)  // nothing new: keep the stored cursor
        }
    }

    @Test func fullPage_followsTheLinkHeaderForward_untilCaughtUp() async throws {
        try await MastodonFake.run { fake in
            let bob = await fake.addAccount(username: "bob", domain: "remote.example")
            await fake.postMention(from: bob, content: "<p>seed</p>")
            var cursor = try await poll(fake, cursor: nil).cursor
            // 45 more: more than one page of 40, with notification ids crossing from 4 to 5 digits.
            var expected: [String] = []
            for number in 1...45 {
                expected.append(await fake.postMention(from: bob, content: "<p>\(number)</p>").status.id)
            }

            var received: [String] = []
            var sentCursors: [String?] = []
            var hasMore = true
            while hasMore && sentCursors.count < 5 {
                sentCursors.append(cursor)
                let page = try await poll(fake, cursor: cursor)
                received += page.items.map(\.externalID)
                cursor = page.cursor ?? cursor
                hasMore = page.hasMore
            }
            #expect(sentCursors.count == 2)
            #expect(received == expected)
            let minIDs = await fake.requests().suffix(2).map { $0.query("min_id") }
            #expect(minIDs == sentCursors)
        }
    }

    @Test func statuses_becomeMentionsRepliesAndDirectMessages() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice", displayName: "Alice Martin")
            let bob = await fake.addAccount(username: "bob", displayName: "", domain: "remote.example")
            let root = await fake.postMention(from: alice, content: "<p>Is the export broken?</p>", spoilerText: "bugs")
            let reply = await fake.postMention(
                from: alice, content: "<p>still broken</p>", inReplyTo: root.status.id)
            let direct = await fake.postMention(
                from: bob, content: "<p>psst</p>", visibility: "direct", language: nil)

            let items = try await poll(fake, cursor: nil).items
            let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.externalID, $0) })

            let mention = try #require(byID[root.status.id])
            #expect(mention.kind == .mention)
            #expect(mention.threadID == root.status.id)
            #expect(mention.parentID == nil)
            #expect(mention.body == "CW: bugs\n\nIs the export broken?")
            #expect(
                mention.author
                    == InboundAuthor(
                        externalID: alice.id, handle: "alice", displayName: "Alice Martin", profileURL: alice.url))
            #expect(mention.url == "\(alice.url)/\(root.status.id)")
            #expect(mention.language == "en")

            let answer = try #require(byID[reply.status.id])
            #expect(answer.kind == .reply)
            #expect(answer.parentID == root.status.id)
            #expect(answer.threadID == root.status.id)

            let dm = try #require(byID[direct.status.id])
            #expect(dm.kind == .directMessage)
            #expect(dm.threadID == "dm:\(bob.id)")
            #expect(dm.author.handle == "bob@remote.example")
            #expect(dm.author.displayName == nil)
            #expect(dm.language == nil)
        }
    }

    // MARK: Replying

    @Test func reply_sentTwiceWithTheSameKey_isPostedOnceInTheThread() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice")
            let mention = await fake.postMention(from: alice, content: "<p>@foyer help?</p>")
            let replier = try #require(connector.replier)
            let request = OutboundRequest(
                body: "Here is how.", threadID: mention.status.id, inReplyToExternalID: mention.status.id,
                idempotencyKey: "publication-7-attempt")

            let first = try await replier.send(request, context: context(fake))
            let second = try await replier.send(request, context: context(fake))
            let reconciled = try await replier.reconcile(request, context: context(fake))

            #expect(first == second)
            #expect(reconciled == first)
            let posted = await fake.postedStatuses()
            #expect(posted.count == 1)
            #expect(posted.first?.id == first.externalID)
            #expect(posted.first?.text == "@alice Here is how.")
            #expect(posted.first?.inReplyToID == mention.status.id)
            #expect(posted.first?.visibility == "public")
            let posts = await fake.requests().filter { $0.method == "POST" }
            #expect(posts.count == 3)
            #expect(posts.allSatisfy { $0.headers["idempotency-key"] == "publication-7-attempt" })
        }
    }

    @Test func reply_alreadyMentioningTheAuthor_isNotPrefixedAgain_andUsesTheVisibilitySetting() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice")
            let mention = await fake.postMention(from: alice, content: "<p>hi</p>")
            let replier = try #require(connector.replier)
            _ = try await replier.send(
                OutboundRequest(
                    body: "Thanks @Alice!", threadID: mention.status.id, inReplyToExternalID: nil, idempotencyKey: "k"),
                context: context(fake, visibility: "unlisted"))
            let posted = try #require(await fake.postedStatuses().first)
            #expect(posted.text == "Thanks @Alice!")
            #expect(posted.visibility == "unlisted")
            #expect(posted.inReplyToID == mention.status.id)
        }
    }

    @Test func directMessageReply_isDirect_andAddressedToTheAccount() async throws {
        try await MastodonFake.run { fake in
            let bob = await fake.addAccount(username: "bob", domain: "remote.example")
            let direct = await fake.postMention(from: bob, content: "<p>psst</p>", visibility: "direct")
            let replier = try #require(connector.replier)
            _ = try await replier.send(
                OutboundRequest(
                    body: "Hello Bob", threadID: "dm:\(bob.id)", inReplyToExternalID: direct.status.id,
                    idempotencyKey: "dm-1"),
                context: context(fake))
            let posted = try #require(await fake.postedStatuses().first)
            #expect(posted.visibility == "direct")
            #expect(posted.text == "@bob@remote.example Hello Bob")
            #expect(posted.inReplyToID == direct.status.id)
        }
    }

    @Test func newPost_hasNoMentionAndNoParent() async throws {
        try await MastodonFake.run { fake in
            let replier = try #require(connector.replier)
            let receipt = try await replier.send(
                OutboundRequest(
                    body: "Our spring update is out.", threadID: nil, inReplyToExternalID: nil, idempotencyKey: "post-1"
                ),
                context: context(fake))
            let posted = try #require(await fake.status(receipt.externalID))
            #expect(posted.text == "Our spring update is out.")
            #expect(posted.inReplyToID == nil)
            #expect(receipt.url?.hasSuffix("/\(receipt.externalID)") == true)
        }
    }

    // MARK: Errors

    @Test func tooLongReply_isRejectedWithTheServersMessage() async throws {
        try await MastodonFake.run { fake in
            let replier = try #require(connector.replier)
            let request = OutboundRequest(
                body: String(repeating: "a", count: 501), threadID: nil, inReplyToExternalID: nil,
                idempotencyKey: "long")
            let error = try await #require(throws: ConnectorError.self) {
                try await replier.send(request, context: context(fake))
            }
            #expect(error.kind == .rejected)
            #expect(
                error.message == "Mastodon refused the post: Validation failed: Text character limit of 500 exceeded")
            #expect(await fake.postedStatuses().isEmpty)
        }
    }

    @Test(arguments: [MastodonFake.ResetFormat.iso8601, .epoch])
    func rateLimit_isReportedWithTheResetTime(format: MastodonFake.ResetFormat) async throws {
        try await MastodonFake.run(resetFormat: format) { fake in
            let resetAt = Date().addingTimeInterval(600)
            await fake.scriptRateLimit(resetAt: resetAt)
            let error = try await #require(throws: ConnectorError.self) { try await poll(fake, cursor: nil) }
            #expect(error.kind == .rateLimited)
            let retryAfter = try #require(error.retryAfter)
            #expect(abs(retryAfter.timeIntervalSince(resetAt)) < 1.5)
        }
    }

    @Test func exhaustedQuota_postponesTheNextPollUntilTheReset() async throws {
        try await MastodonFake.run { fake in
            let resetAt = Date().addingTimeInterval(240)
            await fake.setQuota(remaining: 0, resetAt: resetAt)
            let result = try await poll(fake, cursor: nil)
            let notBefore = try #require(result.notBefore)
            #expect(abs(notBefore.timeIntervalSince(resetAt)) < 1.5)

            await fake.setQuota(remaining: 12, resetAt: resetAt)
            let relaxed = try await poll(fake, cursor: nil)
            #expect(relaxed.notBefore == nil)
        }
    }

    @Test func hostileNotifications_areSkippedOneByOne_andTheCursorStillMoves() async throws {
        try await MastodonFake.run { fake in
            let page = """
                [{"id":"10003","type":"mention","status":{"id":"55","account":{"id":"7","acct":"eve"},\
                "content":"<p>hi <script>x()</script>there</p>","created_at":"garbage","visibility":"public",\
                "url":"javascript:alert(1)","language":"en<script>"}},
                {"id":"10002","type":"mention","status":{}}, {"type":"mention"}, 42, "text", null,
                {"id":"10001","type":"mention","status":{"id":"54","account":{"acct":"no id"}}}]
                """
            await fake.scriptResponse(body: page)
            let now = Date()
            let poller = try #require(connector.poller)
            let result = try await poller.poll(context(fake), cursor: "10000", now: now)

            #expect(result.items.count == 1)
            let item = try #require(result.items.first)
            #expect(item.externalID == "55")
            #expect(item.body == "hi there")
            #expect(item.sentAt == now)
            #expect(item.url == nil)
            #expect(item.language == nil)
            #expect(result.cursor == "10003")
        }
    }

    @Test(arguments: [
        (200, #"{"error":"not a list"}"#, ConnectorError.Kind.protocolError),
        (200, "<html>maintenance</html>", .protocolError),
        (502, "<html>Bad gateway</html>", .unavailable),
        (403, #"{"error":"This action is outside the authorized scopes"}"#, .forbidden),
    ])
    func unusableAnswers_areMappedToErrors(status: Int, body: String, kind: ConnectorError.Kind) async throws {
        try await MastodonFake.run { fake in
            await fake.scriptResponse(status: status, body: body)
            let error = try await #require(throws: ConnectorError.self) { try await poll(fake, cursor: nil) }
            #expect(error.kind == kind)
        }
    }

    @Test func badToken_isUnauthorized() async throws {
        try await MastodonFake.run { fake in
            let poller = try #require(connector.poller)
            let error = try await #require(throws: ConnectorError.self) {
                try await poller.poll(context(fake, token: "revoked"), cursor: nil, now: Date())
            }
            #expect(error.kind == .unauthorized)
            #expect(error.statusCode == 401)
        }
    }

    @Test func replyToADeletedStatus_isNotFound() async throws {
        try await MastodonFake.run { fake in
            let replier = try #require(connector.replier)
            let error = try await #require(throws: ConnectorError.self) {
                try await replier.send(
                    OutboundRequest(body: "hi", threadID: "1234", inReplyToExternalID: "1234", idempotencyKey: "gone"),
                    context: context(fake))
            }
            #expect(error.kind == .notFound)
            #expect(await fake.postedStatuses().isEmpty)
        }
    }

    @Test func delete_removesOwnStatus_andAGoneStatusCountsAsDeleted() async throws {
        try await MastodonFake.run { fake in
            let replier = try #require(connector.replier)
            let receipt = try await replier.send(
                OutboundRequest(body: "oops", threadID: nil, inReplyToExternalID: nil, idempotencyKey: "del"),
                context: context(fake))
            try await connector.delete(externalID: receipt.externalID, context: context(fake))
            #expect(await fake.status(receipt.externalID) == nil)
            try await connector.delete(externalID: receipt.externalID, context: context(fake))
        }
    }

    // MARK: Validation and helpers

    @Test func isRegistered_withItsCapabilities() throws {
        let registered = try #require(ConnectorRegistry(Connectors.all())[.mastodon])
        #expect(
            registered.capabilities
                == ConnectorCapabilities(ingest: .stream, reply: true, publish: true, delete: true, ban: true))
        #expect(registered.streamer != nil)
        #expect(registered.publisher != nil)
        #expect(registered.moderator != nil)
        #expect(registered.poller != nil)
        #expect(registered.replier != nil)
        #expect(registered.webhook == nil)
    }

    @Test func validate_namesTheMissingOrWrongField() {
        #expect(throws: DomainError.self) {
            try connector.validate(settings: ["baseURL": "mastodon.social"], credentials: ["accessToken": "t"])
        }
        #expect(
            throws: DomainError.invalid(
                field: "accessToken",
                message: "Paste an access token created in Mastodon (Preferences › Development › New application).")
        ) {
            try connector.validate(settings: ["baseURL": "https://mastodon.social"], credentials: [:])
        }
        #expect(throws: DomainError.invalid(field: "visibility", message: "Choose public, unlisted or private.")) {
            try connector.validate(
                settings: ["baseURL": "https://mastodon.social", "visibility": "direct"],
                credentials: ["accessToken": "t"])
        }
        #expect(throws: Never.self) {
            try connector.validate(settings: ["baseURL": "https://mastodon.social"], credentials: ["accessToken": "t"])
        }
        let strict = MastodonConnector(http: TestHTTP.connectorClient(platform: "Mastodon").withPolicy(NetworkPolicy()))
        #expect(throws: DomainError.self) {
            try strict.validate(settings: ["baseURL": "http://127.0.0.1:3000"], credentials: ["accessToken": "t"])
        }
    }

    @Test func ids_compareAsSnowflakes() {
        #expect(MastodonAPI.isNewer("10000", than: "9999"))
        #expect(!MastodonAPI.isNewer("9999", than: "10000"))
        #expect(MastodonAPI.isNewer("109382000000000002", than: "109382000000000001"))
    }

    @Test func linkHeader_isReadByRelation() {
        let links = MastodonAPI.links(
            #"<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel="next", <https://mastodon.example/api/v1/notifications?min_id=34975861>; rel="prev""#
        )
        #expect(links["next"].flatMap { MastodonAPI.queryValue("max_id", in: $0) } == "34975535")
        #expect(links["prev"].flatMap { MastodonAPI.queryValue("min_id", in: $0) } == "34975861")
        #expect(MastodonAPI.links("garbage <<>>; rel=").isEmpty)
        #expect(MastodonAPI.links(nil).isEmpty)
    }

    @Test func mentionAddressing() {
        #expect(MastodonReplier.addressing("Thanks!", to: "alice") == "@alice Thanks!")
        #expect(MastodonReplier.addressing("@alice thanks", to: "alice") == "@alice thanks")
        #expect(MastodonReplier.addressing("@alicette thanks", to: "alice") == "@alice @alicette thanks")
        #expect(MastodonReplier.addressing("hi @bob", to: "bob@remote.example") == "hi @bob")
        #expect(MastodonReplier.addressing("hi", to: nil) == "hi")
    }
}

extension ConnectorHTTPClient {
    /// The same client under another network policy.
    func withPolicy(_ policy: NetworkPolicy) -> ConnectorHTTPClient {
        var copy = self
        copy.policy = policy
        return copy
    }
}
