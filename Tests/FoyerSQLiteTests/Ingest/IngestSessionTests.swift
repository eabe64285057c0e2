import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Pipelined bulk ingest: every batch is stored once, in order, and its outcome reported once.
@Suite struct IngestSessionTests {
    /// A storage on a pinned clock, with a workspace and an import channel.
    static func archive() async throws -> (PinnedClock, Storage, SeededWorkspace, Channel) {
        let clock = PinnedClock(Seed.defaultStart)
        let storage = try await makeTestStorage(clock: clock)
        let seed = Seed(storage)
        let workspace = try await seed.workspace(named: "Cime", owner: "owner@example.org")
        let channel = try await seed.channel(in: workspace.id, kind: .import, name: "Archive")
        return (clock, storage, workspace, channel)
    }

    @Test func everyBatchIsStoredAndReportedOnce() async throws {
        let (clock, storage, workspace, channel) = try await Self.archive()
        let pipeline = IngestPipeline(
            storage: storage, analyzer: KeywordAnalyzer(), connectors: ConnectorRegistry([]), sealer: nil,
            live: LiveEventHub(), clock: clock)

        func item(_ index: Int) -> InboundItem {
            InboundItem(
                externalID: "m\(index)", threadID: "t\(index / 4)", kind: .comment,
                author: InboundAuthor(externalID: "u\(index % 7)", handle: "user\(index % 7)"),
                body: index.isMultiple(of: 3) ? "Bonjour, good idea?" : "bad delivery",
                sentAt: Seed.defaultStart.addingTimeInterval(Double(index)))
        }

        var session = IngestSession(pipeline: pipeline, channel: channel)
        var reported: [IngestOutcome] = []
        #expect(try await session.submit((0..<300).map(item)) == nil, "the first batch is still being stored")
        // The second batch repeats 50 messages of the first: they are duplicates, not new messages.
        if let done = try await session.submit((250..<600).map(item)) { reported.append(done) }
        if let done = try await session.submit((600..<601).map(item)) { reported.append(done) }
        if let done = try await session.finish() { reported.append(done) }
        #expect(try await session.finish() == nil, "finishing twice reports nothing more")

        #expect(reported.map(\.messages.count) == [300, 300, 1])
        #expect(reported.map(\.duplicates) == [0, 50, 0])
        #expect(try await storage.messages.count(in: workspace.id) == 601)
        let page = try await storage.conversations.list(
            in: workspace.id, filter: ConversationFilter(), page: PageRequest(limit: 200))
        #expect(page.items.count == 151)
        // Every third message (0, 3, … 600) was analysed as French and positive: 201 of them.
        var french: [Message] = []
        var cursor: String?
        repeat {
            let page = try await storage.messages.list(
                in: workspace.id, filter: MessageFilter(language: "fr"), page: PageRequest(limit: 200, cursor: cursor))
            french += page.items
            cursor = page.next
        } while cursor != nil
        #expect(french.count == 201)
        #expect(french.allSatisfy { $0.analysis.sentiment == .positive })
    }

    /// Batches are queued on the writer one behind the other: they are stored in the order they were queued,
    /// and one queued behind a failed batch is not stored at all.
    @Test func queuedBatches_keepTheirOrder_andNothingBehindAFailureIsStored() async throws {
        let (clock, storage, workspace, channel) = try await Self.archive()
        var ghost = channel
        ghost.id = ChannelID(9_999)

        func batch(_ range: Range<Int>) -> [PreparedItem] {
            range.map { index in
                PreparedItem(
                    item: InboundItem(
                        externalID: "m\(index)", threadID: "t\(index / 10)",
                        parentID: index % 10 == 0 ? nil : "m\(index / 10 * 10)",
                        kind: .comment, author: InboundAuthor(externalID: "u\(index % 3)", handle: "user\(index % 3)"),
                        body: "message \(index)", sentAt: Seed.defaultStart.addingTimeInterval(Double(index))),
                    analysis: .none)
            }
        }
        let ingest = storage.ingest
        // Replies in the second batch answer posts of the first: queued in order, they join their threads.
        let first = ingest.queue(batch(0..<20), channel: channel, receivedAt: clock.now(), after: nil)
        let second = ingest.queue(
            batch(20..<40).map { prepared in
                var prepared = prepared
                prepared.item.threadID = "reply-\(prepared.item.externalID)"
                prepared.item.parentID = "m0"
                return prepared
            }, channel: channel, receivedAt: clock.now(), after: first)
        let failing = ingest.queue(batch(40..<50), channel: ghost, receivedAt: clock.now(), after: second)
        let behind = ingest.queue(batch(50..<60), channel: channel, receivedAt: clock.now(), after: failing)

        #expect(try await first.outcome.messages.count == 20)
        let answers = try await second.outcome
        #expect(answers.createdConversations.isEmpty, "every reply joined the conversation of m0")
        await #expect(throws: DomainError.self) { try await failing.outcome }
        await #expect(throws: DomainError.self) { try await behind.outcome }
        #expect(failing.failure != nil && behind.failure != nil && first.failure == nil)
        #expect(try await storage.messages.count(in: workspace.id) == 40)
    }
}
