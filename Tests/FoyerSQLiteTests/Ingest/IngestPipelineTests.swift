import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import Testing

/// A small deterministic analyser: words in the text decide the result.
struct KeywordAnalyzer: MessageAnalyzer {
    func analyze(_ text: String) -> MessageAnalysis {
        let lowered = text.lowercased()
        let sentiment: SentimentLabel =
            lowered.contains("bad") ? .negative : lowered.contains("good") ? .positive : .neutral
        return MessageAnalysis(
            language: lowered.contains("bonjour") ? "fr" : "en", languageConfidence: 1, sentiment: sentiment,
            sentimentScore: sentiment == .negative ? -0.5 : sentiment == .positive ? 0.5 : 0,
            toxicityScore: lowered.contains("idiot") ? 0.9 : 0, toxic: lowered.contains("idiot"),
            spamScore: lowered.contains("buy now") ? 1 : 0, spam: lowered.contains("buy now"),
            intents: lowered.contains("?") ? ["question"] : [])
    }
}

/// Seals by prefixing a marker, so a test can tell opened credentials from sealed ones.
struct MarkerSealer: CredentialSealer {
    static let marker = Data("sealed:".utf8)
    func seal(_ plaintext: Data) throws -> Data { Self.marker + plaintext }
    func open(_ sealed: Data) throws -> Data {
        guard sealed.starts(with: Self.marker) else { throw IngestFailure("not sealed by this key") }
        return sealed.dropFirst(Self.marker.count)
    }
}

/// Decodes `{"messages": [{"id", "thread", "user", "text", "ts"}]}` and needs the channel's `token` credential.
struct TinyWebhookReceiver: WebhookReceiver {
    struct Payload: Decodable {
        struct Entry: Decodable {
            var id: String
            var thread: String
            var user: String
            var text: String
            var ts: Double
        }
        var messages: [Entry]
    }

    func verify(_ delivery: WebhookDelivery, for context: ChannelContext) throws -> WebhookVerdict {
        .store(deliveryID: delivery.header("x-delivery"))
    }

    func decode(_ payload: Data, for context: ChannelContext) throws -> [InboundItem] {
        guard context.credential("token") == "s3cret" else {
            throw ConnectorError(.unauthorized, "The tiny platform needs its token.")
        }
        return try JSONDecoder().decode(Payload.self, from: payload).messages.map { entry in
            InboundItem(
                externalID: entry.id, threadID: entry.thread, kind: .comment,
                author: InboundAuthor(externalID: entry.user, handle: entry.user), body: entry.text,
                sentAt: Date(timeIntervalSince1970: entry.ts))
        }
    }
}

struct TinyConnector: Connector {
    var kind: ChannelKind { .webhook }
    var capabilities: ConnectorCapabilities { ConnectorCapabilities(ingest: .webhook) }
    var webhook: (any WebhookReceiver)? { TinyWebhookReceiver() }
}

/// Keeps every published live event.
final class RecordingLiveEvents: LiveEventPublisher, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [LiveEvent] = []
    func publish(_ event: LiveEvent) { lock.withLock { stored.append(event) } }
    var events: [LiveEvent] { lock.withLock { stored } }
}

@Suite("Ingest pipeline")
struct IngestPipelineTests {
    struct Setup {
        let pipeline: IngestPipeline
        let storage: Storage
        let clock: PinnedClock
        let live: RecordingLiveEvents
        let workspace: WorkspaceID
        let channel: Channel
    }

    static let start = Seed.defaultStart

    static func setUp(maxAttempts: Int = 10) async throws -> Setup {
        let clock = PinnedClock(start)
        let storage = try await makeTestStorage(clock: clock)
        let acme = try await Seed(storage).workspace(named: "Acme", owner: "owner@example.org")
        let sealed = try MarkerSealer().seal(credentials: ["token": "s3cret"])
        let channel = try await storage.channels.create(
            NewChannel(kind: .webhook, name: "Tiny", sealedCredentials: sealed), in: acme.id)
        let live = RecordingLiveEvents()
        let pipeline = IngestPipeline(
            storage: storage, analyzer: KeywordAnalyzer(), connectors: ConnectorRegistry([TinyConnector()]),
            sealer: MarkerSealer(), live: live, clock: clock, maxAttempts: maxAttempts)
        return Setup(pipeline: pipeline, storage: storage, clock: clock, live: live, workspace: acme.id, channel: channel)
    }

    static func payload(_ entries: [(id: String, thread: String, user: String, text: String)]) -> Data {
        let messages = entries.enumerated().map { index, entry in
            [
                "id": entry.id, "thread": entry.thread, "user": entry.user, "text": entry.text,
                "ts": start.timeIntervalSince1970 + Double(index),
            ] as [String: Any]
        }
        return (try? JSONSerialization.data(withJSONObject: ["messages": messages])) ?? Data()
    }

    @discardableResult
    static func append(_ setup: Setup, _ payload: Data, delivery: String?, source: InboundSource = .webhook)
        async throws -> InboundEventID
    {
        let result = try await setup.storage.inboundEvents.append(
            NewInboundEvent(
                channelID: setup.channel.id, source: source, deliveryID: delivery, payload: payload,
                receivedAt: setup.clock.now()),
            in: setup.workspace)
        switch result {
        case .stored(let id), .duplicate(let id): return id
        }
    }

    @Test func processDue_decodesWithOpenedCredentials_analysesStoresAndPublishes() async throws {
        let setup = try await Self.setUp()
        try await Self.append(
            setup,
            Self.payload([
                ("m1", "t1", "alice", "This is bad, any news?"), ("m2", "t1", "bob", "Good question"),
                ("m3", "t2", "alice", "Bonjour"),
            ]), delivery: "d1")
        #expect(try await setup.pipeline.processDue() == 1)
        #expect(try await setup.pipeline.processDue() == 0)

        let messages = try await setup.storage.messages.list(
            in: setup.workspace, filter: MessageFilter(), page: PageRequest()
        ).items
        #expect(Set(messages.map(\.externalID)) == ["m1", "m2", "m3"])
        let m1 = try #require(messages.first { $0.externalID == "m1" })
        #expect(m1.analysis == KeywordAnalyzer().analyze("This is bad, any news?"))
        #expect(m1.analysis.sentiment == .negative)
        #expect(try await setup.storage.inboundEvents.count(in: setup.workspace, status: .processed) == 1)
        #expect(try await setup.storage.conversations.count(in: setup.workspace, status: nil) == 2)
        // One live event per touched conversation, in the channel's workspace.
        let events = setup.live.events
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.kind == .conversationUpdated && $0.workspaceID == setup.workspace })
        #expect(Set(events.compactMap(\.conversationID)) == Set(messages.map(\.conversationID)))
    }

    @Test func processDue_pollPagesAreStoredItems_andARedeliveryStoresNothingTwice() async throws {
        let setup = try await Self.setUp()
        let items = [
            InboundItem(
                externalID: "p1", threadID: "p1", kind: .post,
                author: InboundAuthor(externalID: "carol", handle: "@carol"), body: "Buy now, good deal",
                sentAt: Self.start.addingTimeInterval(0.5))
        ]
        let page = try InboundItem.encodeBatch(items)
        #expect(try InboundItem.decodeBatch(page) == items)
        try await Self.append(setup, page, delivery: nil, source: .poll)
        try await Self.append(setup, page, delivery: nil, source: .poll)
        #expect(try await setup.pipeline.processDue() == 2)
        #expect(try await setup.storage.messages.count(in: setup.workspace) == 1)
        #expect(try await setup.storage.inboundEvents.count(in: setup.workspace, status: .processed) == 2)
        let rollups = try await setup.storage.rollups.daily(in: setup.workspace, from: "2026-01-15", through: "2026-01-15")
        #expect(rollups.map(\.spam) == [1])
        #expect(rollups.map(\.positive) == [1])
    }

    @Test func processDue_aBadEventIsRetriedWithBackoffThenDead_andDoesNotHoldBackTheOthers() async throws {
        let setup = try await Self.setUp(maxAttempts: 3)
        let bad = try await Self.append(setup, Data("{not json".utf8), delivery: "bad")
        try await Self.append(setup, Self.payload([("m1", "t1", "alice", "fine")]), delivery: "good")
        // An event whose items cannot be stored (empty id) fails alone too.
        let invalid = try await Self.append(setup, Self.payload([("", "t1", "alice", "no id")]), delivery: "invalid")
        try await Self.append(setup, Self.payload([("m2", "t1", "bob", "also fine")]), delivery: "good2")
        #expect(try await setup.pipeline.processDue() == 4)
        #expect(try await setup.storage.messages.count(in: setup.workspace) == 2)

        var failures = try await setup.storage.inboundEvents.failures(in: setup.workspace, channel: nil, limit: 10)
        #expect(Set(failures.map(\.id)) == [bad, invalid])
        #expect(failures.allSatisfy { $0.status == .failed && $0.attempts == 1 })
        let invalidFailure = try #require(failures.first { $0.id == invalid })
        #expect(invalidFailure.lastError?.contains("external id") == true)
        let badFailure = try #require(failures.first { $0.id == bad })
        #expect(badFailure.nextAttemptAt == Self.start.addingTimeInterval(IngestPipeline.retryDelay(afterAttempts: 1)))
        let channel = try #require(try await setup.storage.channels.find(setup.channel.id))
        #expect(channel.health.status == .failing)

        // Not due before the backoff; then retried until dead, never dropped.
        #expect(try await setup.pipeline.processDue() == 0)
        for _ in 0..<5 {
            setup.clock.advance(by: 3600)
            try await setup.pipeline.processDue()
        }
        failures = try await setup.storage.inboundEvents.failures(in: setup.workspace, channel: nil, limit: 10)
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.status == .dead && $0.attempts == 3 })
        #expect(IngestPipeline.retryDelay(afterAttempts: 2) == 2 * IngestPipeline.retryDelay(afterAttempts: 1))
        #expect(IngestPipeline.retryDelay(afterAttempts: 40) == 3600)
    }

    @Test func processDue_unopenableCredentialsOrAMissingDecoder_failWithAClearReason() async throws {
        let setup = try await Self.setUp()
        var pipeline = setup.pipeline
        pipeline.sealer = nil
        let id = try await Self.append(setup, Self.payload([("m1", "t1", "alice", "hi")]), delivery: "d1")
        try await pipeline.processDue()
        var failure = try #require(try await setup.storage.inboundEvents.failures(in: setup.workspace, channel: nil, limit: 1).first)
        #expect(failure.id == id)
        #expect(failure.lastError?.contains("secret key") == true)

        pipeline = setup.pipeline
        pipeline.connectors = ConnectorRegistry([])
        setup.clock.advance(by: 3600)
        try await pipeline.processDue()
        failure = try #require(try await setup.storage.inboundEvents.failures(in: setup.workspace, channel: nil, limit: 1).first)
        #expect(failure.lastError?.contains("no webhook decoder") == true)
        #expect(failure.attempts == 2)

        // With everything in place, a person's retry goes through.
        try await setup.storage.inboundEvents.requeue(id, in: setup.workspace, now: setup.clock.now())
        try await setup.pipeline.processDue()
        #expect(try await setup.storage.messages.count(in: setup.workspace) == 1)
        #expect(try await setup.storage.channels.find(setup.channel.id)?.health.status == .healthy)
    }

    @Test func ingest_analysesLargeBatchesInParallel_keepingEachItemsOwnAnalysis() async throws {
        let setup = try await Self.setUp()
        let words = ["good", "bad", "idiot", "buy now", "bonjour", "neutral?"]
        let items = (0..<1000).map { index in
            InboundItem(
                externalID: "m\(index)", threadID: "t\(index % 37)", kind: .comment,
                author: InboundAuthor(externalID: "u\(index % 11)", handle: "u\(index % 11)"),
                body: "\(index) \(words[index % words.count])", sentAt: Self.start.addingTimeInterval(Double(index)))
        }
        let prepared = await setup.pipeline.analyse(items)
        #expect(prepared.map(\.item) == items)
        #expect(prepared.map(\.analysis) == items.map { KeywordAnalyzer().analyze($0.body) })

        let outcome = try await setup.pipeline.ingest(items, channel: setup.channel)
        #expect(outcome.messages.count == 1000)
        #expect(outcome.createdConversations.count == 37)
        #expect(outcome.createdMembers.count == 11)
        #expect(outcome.messages.map(\.analysis) == prepared.map(\.analysis))
        #expect(Set(setup.live.events.compactMap(\.conversationID)).count == 37)
        let again = try await setup.pipeline.ingest(items, channel: setup.channel)
        #expect(again.messages.isEmpty)
        #expect(again.duplicates == 1000)
    }
}
