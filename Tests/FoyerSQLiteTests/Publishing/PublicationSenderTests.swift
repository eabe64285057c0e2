import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// The publish ledger end to end on a real database, with a platform that remembers idempotency keys the
/// way Matrix and Mastodon do: every reply reaches the platform once, whatever fails on the way.
@Suite struct PublicationSenderTests {
    struct Setup {
        let storage: Storage
        let clock: PinnedClock
        let platform: FakePlatform
        let sender: PublicationSender
        let inbox: SeededInbox

        static func make() async throws -> Setup {
            let clock = PinnedClock(Seed.defaultStart.addingTimeInterval(3600))
            let storage = try await makeTestStorage(clock: clock)
            let inbox = try await Seed(storage).inbox(named: "Cime", owner: "owner@example.org")
            let platform = FakePlatform()
            let sender = PublicationSender(
                storage: storage, ledger: storage.publications, connectors: ConnectorRegistry([FakeConnector(platform: platform)]),
                sealer: nil, live: LiveEventHub(), clock: clock, lease: 60, jitter: { 0.5 })
            return Setup(storage: storage, clock: clock, platform: platform, sender: sender, inbox: inbox)
        }

        func queueReply(_ body: String = "Merci, on regarde ça !") async throws -> Publication {
            try await storage.publications.create(
                NewPublication(
                    channelID: inbox.channel.id, purpose: .reply, conversationID: inbox.conversation.id, body: body,
                    threadID: inbox.conversation.externalThreadID, inReplyToExternalID: inbox.messages.last?.externalID,
                    dueAt: clock.now(), createdBy: inbox.owner.id),
                in: inbox.id, now: clock.now())
        }

        func state(_ publication: Publication) async throws -> Publication {
            try #require(try await storage.publications.find(publication.id, in: inbox.id))
        }
    }

    @Test func aReplyIsSentOnceAndJoinsItsConversation() async throws {
        let setup = try await Setup.make()
        let queued = try await setup.queueReply()
        #expect(try await setup.sender.runOnce() == 1)
        #expect(try await setup.sender.runOnce() == 0, "nothing is due any more")

        let sent = try await setup.state(queued)
        #expect(sent.state == .published)
        #expect(sent.externalID == "$sent-\(queued.idempotencyKey)")
        #expect(await setup.platform.deliveries == [queued.idempotencyKey])
        let request = try #require(await setup.platform.lastRequest)
        #expect(request.threadID == setup.inbox.conversation.externalThreadID)
        #expect(request.inReplyToExternalID == setup.inbox.messages.last?.externalID)

        let thread = try await setup.storage.messages.thread(setup.inbox.conversation.id, in: setup.inbox.id)
        let reply = try #require(thread.last)
        #expect(reply.direction == .outbound)
        #expect(reply.externalID == sent.externalID)
        #expect(reply.body == "Merci, on regarde ça !")
        let conversation = try await setup.storage.conversations.find(setup.inbox.conversation.id, in: setup.inbox.id)
        #expect(conversation?.firstResponseAt != nil)
    }

    @Test func aRateLimitWaitsForThePlatformsRetryTime() async throws {
        let setup = try await Setup.make()
        let retryAt = setup.clock.now().addingTimeInterval(90)
        await setup.platform.failNext(ConnectorError(.rateLimited, "Slow down", retryAfter: retryAt), delivering: false)
        let queued = try await setup.queueReply()
        try await setup.sender.runOnce()

        let waiting = try await setup.state(queued)
        #expect(waiting.state == .scheduled)
        #expect(waiting.dueAt == retryAt)
        setup.clock.advance(by: 60)
        #expect(try await setup.sender.runOnce() == 0, "not before the retry time")
        setup.clock.advance(by: 31)
        #expect(try await setup.sender.runOnce() == 1)
        #expect(try await setup.state(queued).state == .published)
        #expect(await setup.platform.deliveries.count == 1)
    }

    @Test func anUnansweredSendIsReconciledNotRepeated() async throws {
        let setup = try await Setup.make()
        // The platform stores the message but the answer never comes back (a timeout).
        await setup.platform.failNext(ConnectorError(.unavailable, "timed out"), delivering: true)
        let queued = try await setup.queueReply()
        try await setup.sender.runOnce()
        let unknown = try await setup.state(queued)
        #expect(unknown.state == .unknown)

        setup.clock.advance(by: 3600)
        try await setup.sender.runOnce()
        let published = try await setup.state(queued)
        #expect(published.state == .published)
        #expect(await setup.platform.deliveries == [queued.idempotencyKey], "delivered once")
        #expect(await setup.platform.reconciliations == 1)
    }

    @Test func aWorkerThatDiesMidSendIsTakenOverWithoutADuplicate() async throws {
        let setup = try await Setup.make()
        let queued = try await setup.queueReply()
        // A worker claims the entry, the platform receives the reply, then the worker dies before saving.
        let now = setup.clock.now()
        let claimed = try await setup.storage.publications.claimDue(now: now, leaseUntil: now.addingTimeInterval(60), limit: 10)
        #expect(claimed.map(\.id) == [queued.id])
        _ = try await FakeConnector(platform: setup.platform).replier?.send(
            claimed[0].outboundRequest, context: ChannelContext(channel: setup.inbox.channel, credentials: [:]))

        // While the lease holds, nobody else takes it.
        #expect(try await setup.sender.runOnce() == 0)
        setup.clock.advance(by: 61)
        #expect(try await setup.sender.runOnce() == 1)
        let published = try await setup.state(queued)
        #expect(published.state == .published)
        #expect(await setup.platform.deliveries.count == 1)
    }

    @Test func aPermanentErrorFailsWithTheConnectorsMessage() async throws {
        let setup = try await Setup.make()
        await setup.platform.failNext(ConnectorError(.unauthorized, "The token was refused; reconnect the channel."), delivering: false)
        let queued = try await setup.queueReply()
        try await setup.sender.runOnce()
        let failed = try await setup.state(queued)
        #expect(failed.state == .failed)
        #expect(failed.lastError == "The token was refused; reconnect the channel.")
        setup.clock.advance(by: 3600)
        #expect(try await setup.sender.runOnce() == 0, "a failed entry waits for a person")
    }

    @Test func concurrentWorkersSendEachReplyOnce() async throws {
        let setup = try await Setup.make()
        var queued: [Publication] = []
        for index in 0..<30 { queued.append(try await setup.queueReply("Réponse \(index)")) }
        async let first = setup.sender.runOnce(limit: 30)
        async let second = setup.sender.runOnce(limit: 30)
        async let third = setup.sender.runOnce(limit: 30)
        let handled = try await first + second + third
        #expect(handled == 30)
        #expect(await setup.platform.deliveries.count == 30)
        #expect(Set(await setup.platform.deliveries).count == 30)
    }
}

/// A platform that keeps what it received by idempotency key, like Matrix transaction ids.
actor FakePlatform {
    private(set) var deliveries: [String] = []
    private(set) var reconciliations = 0
    private(set) var lastRequest: OutboundRequest?
    private var failure: (error: ConnectorError, delivering: Bool)?

    func failNext(_ error: ConnectorError, delivering: Bool) { failure = (error, delivering) }

    func send(_ request: OutboundRequest) throws -> OutboundReceipt {
        lastRequest = request
        if let failure {
            self.failure = nil
            if failure.delivering { deliveries.append(request.idempotencyKey) }
            throw failure.error
        }
        if !deliveries.contains(request.idempotencyKey) { deliveries.append(request.idempotencyKey) }
        return OutboundReceipt(externalID: "$sent-\(request.idempotencyKey)")
    }

    func reconcile(_ request: OutboundRequest) -> OutboundReceipt? {
        reconciliations += 1
        return deliveries.contains(request.idempotencyKey) ? OutboundReceipt(externalID: "$sent-\(request.idempotencyKey)") : nil
    }

    /// Posts as the platform got them, by idempotency key, once each.
    private(set) var posts: [String: OutboundPost] = [:]

    func publish(_ post: OutboundPost) throws -> OutboundReceipt {
        try send(OutboundRequest(body: post.body, threadID: nil, inReplyToExternalID: nil, idempotencyKey: post.idempotencyKey))
        if posts[post.idempotencyKey] == nil { posts[post.idempotencyKey] = post }
        return OutboundReceipt(externalID: "$post-\(post.idempotencyKey)", url: "https://social.example/@acme/\(posts.count)")
    }

    func reconcile(_ post: OutboundPost) -> OutboundReceipt? {
        reconciliations += 1
        return posts[post.idempotencyKey] == nil ? nil : OutboundReceipt(externalID: "$post-\(post.idempotencyKey)")
    }
}

struct FakeConnector: Connector {
    let platform: FakePlatform
    var kind: ChannelKind { .matrix }
    var capabilities: ConnectorCapabilities { ConnectorCapabilities(ingest: .poll, reply: true, publish: true) }
    var replier: (any Replier)? { FakeReplier(platform: platform) }
    var publisher: (any Publisher)? { FakePublisher(platform: platform) }
}

struct FakePublisher: Publisher {
    let platform: FakePlatform
    func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt {
        try await platform.publish(post)
    }
    func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt? {
        await platform.reconcile(post)
    }
}

struct FakeReplier: Replier {
    let platform: FakePlatform
    func send(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt {
        try await platform.send(request)
    }
    func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt? {
        await platform.reconcile(request)
    }
}
