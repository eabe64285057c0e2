import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Ingest store (contract)")
struct IngestStoreContractTests {
    static func item(
        _ id: String, thread: String, author: String = "u-alice", name: String? = "Alice", body: String = "Hello",
        at minutes: Double = 0, direction: MessageDirection = .inbound, kind: MessageKind = .comment,
        parent: String? = nil, subject: String? = nil
    ) -> InboundItem {
        InboundItem(
            externalID: id, threadID: thread, parentID: parent, kind: kind, direction: direction,
            author: InboundAuthor(externalID: author, handle: "@\(author)", displayName: name), body: body,
            sentAt: Fixture.now.addingTimeInterval(minutes * 60), subject: subject)
    }

    static func prepared(_ items: [InboundItem], analysis: MessageAnalysis = .none) -> [PreparedItem] {
        items.map { PreparedItem(item: $0, analysis: analysis) }
    }

    /// A workspace with one channel, for each test.
    static func setUp(_ fixture: Fixture, kind: ChannelKind = .matrix) async throws -> (WorkspaceID, Channel) {
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await fixture.seed.channel(in: acme.id, kind: kind)
        return (acme.id, channel)
    }

    @Test(arguments: StorageFactory.all)
    func store_sameBatchTwice_storesItOnce(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        let batch = Self.prepared([
            Self.item("m1", thread: "t1", at: 1), Self.item("m2", thread: "t1", at: 2),
            Self.item("m1", thread: "t1", body: "redelivered", at: 1), Self.item("m3", thread: "t2", at: 3),
        ])
        let first = try await fixture.storage.ingest.store(batch, channel: channel, receivedAt: Fixture.now)
        #expect(first.messages.map(\.externalID) == ["m1", "m2", "m3"])
        #expect(first.messages.first?.body == "Hello")
        #expect(first.duplicates == 1)
        #expect(first.createdConversations.count == 2)
        #expect(first.createdMembers.count == 1)
        let second = try await fixture.storage.ingest.store(batch, channel: channel, receivedAt: Fixture.now)
        #expect(second.messages.isEmpty)
        #expect(second.duplicates == 4)
        #expect(second.createdConversations.isEmpty)
        #expect(second.createdMembers.isEmpty)
        #expect(try await fixture.storage.messages.count(in: workspace) == 3)
        let t1 = try #require(
            try await fixture.storage.conversations.find(channel: channel.id, externalThreadID: "t1", in: workspace))
        #expect(t1.messageCount == 2)
        // What the store returns is what reads give back.
        let stored = try #require(first.messages.first)
        #expect(try await fixture.storage.messages.find(stored.id, in: workspace) == stored)
    }

    @Test(arguments: StorageFactory.all)
    func store_reusesTheAuthorsIdentityAcrossBatches_andBumpsLastSeen(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        let existing = try await fixture.seed.communityMember(
            in: workspace, name: "Bob", platform: .matrix, externalID: "u-bob")
        let first = try await fixture.storage.ingest.store(
            Self.prepared([
                Self.item("m1", thread: "t1", author: "u-alice", at: 5),
                Self.item("m2", thread: "t1", author: "u-bob", name: "Bob", at: 6),
            ]), channel: channel, receivedAt: Fixture.now)
        #expect(first.createdMembers.count == 1)
        let alice = try #require(first.messages.first?.memberID)
        #expect(first.createdMembers == [alice])
        #expect(first.messages.last?.memberID == existing.id)
        #expect(first.messages.first?.authorName == "Alice")

        let second = try await fixture.storage.ingest.store(
            Self.prepared([Self.item("m3", thread: "t9", author: "u-alice", at: 90)]), channel: channel,
            receivedAt: Fixture.now)
        #expect(second.createdMembers.isEmpty)
        #expect(second.messages.first?.memberID == alice)
        let member = try #require(try await fixture.storage.members.find(alice, in: workspace))
        #expect(member.displayName == "Alice")
        #expect(member.firstSeenAt == Fixture.now.addingTimeInterval(5 * 60))
        #expect(member.lastSeenAt == Fixture.now.addingTimeInterval(90 * 60))
        let identities = try await fixture.storage.members.identities(of: alice, in: workspace)
        #expect(identities.map(\.externalID) == ["u-alice"])
        #expect(identities.first?.platform == .matrix)
        #expect(identities.first?.handle == "@u-alice")
        #expect(try await fixture.storage.members.find(platform: .matrix, externalID: "u-alice", in: workspace)?.id == alice)
    }

    @Test(arguments: StorageFactory.all)
    func store_outboundItems_haveNoMember(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (_, channel) = try await Self.setUp(fixture)
        let outcome = try await fixture.storage.ingest.store(
            Self.prepared([Self.item("o1", thread: "t1", author: "u-brand", name: "Acme", direction: .outbound)]),
            channel: channel, receivedAt: Fixture.now)
        #expect(outcome.messages.first?.memberID == nil)
        #expect(outcome.messages.first?.direction == .outbound)
        #expect(outcome.createdMembers.isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func store_threadsRepliesAndDirectMessages(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        let conversations = fixture.storage.conversations
        _ = try await fixture.storage.ingest.store(
            Self.prepared([
                Self.item("p1", thread: "p1", body: "Is the API down?\nSince this morning.", at: 1, kind: .post),
                Self.item("dm1", thread: "dm-alice", body: "Hi, a private question", at: 2, kind: .directMessage),
            ]), channel: channel, receivedAt: Fixture.now)
        _ = try await fixture.storage.ingest.store(
            Self.prepared([
                // Same thread id: joins the thread.
                Self.item("r1", thread: "p1", author: "u-bob", name: "Bob", at: 3, kind: .reply, parent: "p1"),
                // Unknown thread id, but its parent is stored: joins the parent's conversation.
                Self.item("r2", thread: "r1", author: "u-carol", name: "Carol", at: 4, kind: .reply, parent: "r1"),
                // The next message of the DM exchange.
                Self.item("dm2", thread: "dm-alice", body: "Are you there?", at: 5, kind: .directMessage),
                // A new post and its reply in the same batch.
                Self.item("p2", thread: "p2", body: "", at: 6, kind: .post, subject: "  Feature idea  "),
                Self.item("r3", thread: "r3-thread", at: 7, kind: .reply, parent: "p2"),
            ]), channel: channel, receivedAt: Fixture.now)
        let post = try #require(try await conversations.find(channel: channel.id, externalThreadID: "p1", in: workspace))
        #expect(post.subject == "Is the API down?")
        #expect(post.messageCount == 3)
        let postThread = try await fixture.storage.messages.thread(post.id, in: workspace)
        #expect(postThread.map(\.externalID) == ["p1", "r1", "r2"])
        let dm = try #require(
            try await conversations.find(channel: channel.id, externalThreadID: "dm-alice", in: workspace))
        #expect(dm.messageCount == 2)
        #expect(dm.subject == "Hi, a private question")
        let idea = try #require(try await conversations.find(channel: channel.id, externalThreadID: "p2", in: workspace))
        #expect(idea.subject == "Feature idea")
        #expect(idea.messageCount == 2)
        #expect(try await conversations.find(channel: channel.id, externalThreadID: "r1", in: workspace) == nil)
        #expect(try await conversations.count(in: workspace, status: nil) == 3)
    }

    @Test(arguments: StorageFactory.all)
    func store_newInboundReopensClosedAndSnoozed_outboundSetsTheFirstResponse(factory: StorageFactory)
        async throws
    {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        let conversations = fixture.storage.conversations
        let outcome = try await fixture.storage.ingest.store(
            Self.prepared([Self.item("a1", thread: "a", at: 1), Self.item("b1", thread: "b", at: 1)]),
            channel: channel, receivedAt: Fixture.now)
        let a = try #require(outcome.createdConversations.first)
        let b = try #require(outcome.createdConversations.last)
        try await conversations.updateStatus(a, in: workspace, status: .closed, snoozedUntil: nil, at: Fixture.now)
        try await conversations.updateStatus(
            b, in: workspace, status: .snoozed, snoozedUntil: Fixture.now.addingTimeInterval(86_400), at: Fixture.now)

        // An outbound answer neither reopens nor counts as inbound, but is the first response.
        _ = try await fixture.storage.ingest.store(
            Self.prepared([Self.item("a2", thread: "a", author: "u-brand", at: 10, direction: .outbound)]),
            channel: channel, receivedAt: Fixture.now)
        var closed = try #require(try await conversations.find(a, in: workspace))
        #expect(closed.status == .closed)
        #expect(closed.firstResponseAt == Fixture.now.addingTimeInterval(10 * 60))

        _ = try await fixture.storage.ingest.store(
            Self.prepared([Self.item("a3", thread: "a", at: 20), Self.item("b2", thread: "b", at: 20)]),
            channel: channel, receivedAt: Fixture.now)
        closed = try #require(try await conversations.find(a, in: workspace))
        #expect(closed.status == .open)
        #expect(closed.closedAt == nil)
        #expect(closed.messageCount == 3)
        #expect(closed.lastMessageAt == Fixture.now.addingTimeInterval(20 * 60))
        #expect(closed.firstResponseAt == Fixture.now.addingTimeInterval(10 * 60))
        let snoozed = try #require(try await conversations.find(b, in: workspace))
        #expect(snoozed.status == .open)
        #expect(snoozed.snoozedUntil == nil)
    }

    @Test(arguments: StorageFactory.all)
    func store_addsToTheDailyRollups(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        // Fixture.now is 2026-01-15 10:00 UTC; 14 hours later is the next UTC day.
        let negative = MessageAnalysis(sentiment: .negative, toxic: true, spam: false)
        let positive = MessageAnalysis(sentiment: .positive, toxic: false, spam: true)
        let items =
            Self.prepared(
                [Self.item("n1", thread: "t1", at: 1), Self.item("n2", thread: "t1", author: "u-bob", at: 2)],
                analysis: negative)
            + Self.prepared([Self.item("p1", thread: "t2", at: 14 * 60 + 1)], analysis: positive)
            + Self.prepared([Self.item("o1", thread: "t2", author: "u-brand", at: 14 * 60 + 2, direction: .outbound)])
        _ = try await fixture.storage.ingest.store(items, channel: channel, receivedAt: Fixture.now)
        var rollups = try await fixture.storage.rollups.daily(in: workspace, from: "2026-01-01", through: "2026-01-31")
        #expect(
            rollups == [
                DailyRollup(
                    channelID: channel.id, day: "2026-01-15", inbound: 2, outbound: 0, negative: 2, positive: 0,
                    toxic: 2, spam: 0, newMembers: 2, newConversations: 1),
                DailyRollup(
                    channelID: channel.id, day: "2026-01-16", inbound: 1, outbound: 1, negative: 0, positive: 1,
                    toxic: 0, spam: 1, newMembers: 0, newConversations: 1),
            ])
        // A later batch adds to the same rows; duplicates add nothing.
        _ = try await fixture.storage.ingest.store(
            items + Self.prepared([Self.item("n3", thread: "t1", at: 3)], analysis: negative), channel: channel,
            receivedAt: Fixture.now)
        rollups = try await fixture.storage.rollups.daily(in: workspace, from: "2026-01-15", through: "2026-01-15")
        #expect(rollups.map(\.inbound) == [3])
        #expect(rollups.map(\.newMembers) == [2])
        #expect(try await fixture.storage.rollups.daily(in: workspace, from: "2026-02-01", through: "2026-02-28").isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func store_indexesMessagesForSearch_andKeepsTheAnalysis(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        let analysis = MessageAnalysis(
            language: "fr", languageConfidence: 0.9, sentiment: .negative, sentimentScore: -0.5, toxicityScore: 0.1,
            toxic: false, toxicityCategories: [], spamScore: 0.2, spam: false, intents: ["complaint"])
        let outcome = try await fixture.storage.ingest.store(
            Self.prepared(
                [Self.item("m1", thread: "t1", body: "Le café était froid", kind: .review)], analysis: analysis),
            channel: channel, receivedAt: Fixture.now.addingTimeInterval(30))
        let stored = try #require(outcome.messages.first)
        #expect(stored.analysis == analysis)
        #expect(stored.kind == .review)
        #expect(stored.receivedAt == Fixture.now.addingTimeInterval(30))
        let found = try await fixture.storage.messages.list(
            in: workspace, filter: MessageFilter(text: "cafe"), page: PageRequest())
        #expect(found.items.map(\.id) == [stored.id])
    }

    @Test(arguments: StorageFactory.all)
    func store_cutsOverlongValues_andRefusesAnEmptyExternalID(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (workspace, channel) = try await Self.setUp(fixture)
        var long = Self.item("long", thread: "t1", body: String(repeating: "a", count: 100_010))
        long.author.displayName = String(repeating: "N", count: 600)
        long.url = "https://example.org/" + String(repeating: "x", count: 3000)
        // A date far in the future would pin the conversation at the top of the inbox for ever.
        long.sentAt = Date(timeIntervalSince1970: 32_503_680_000)
        let outcome = try await fixture.storage.ingest.store(
            Self.prepared([long]), channel: channel, receivedAt: Fixture.now)
        let stored = try #require(outcome.messages.first)
        #expect(stored.body.count == 100_000)
        #expect(stored.authorName.count == 500)
        #expect(stored.url == nil)
        #expect(stored.sentAt == Fixture.now.addingTimeInterval(86_400))
        let conversation = try #require(try await fixture.storage.conversations.find(stored.conversationID, in: workspace))
        #expect(conversation.subject.count <= 201)

        await #expect {
            _ = try await fixture.storage.ingest.store(
                Self.prepared([Self.item("ok", thread: "t2"), Self.item("", thread: "t2")]), channel: channel,
                receivedAt: Fixture.now)
        } throws: { isInvalid($0, field: "externalID") }
        #expect(try await fixture.storage.messages.count(in: workspace) == 1)
    }

    @Test(arguments: StorageFactory.all)
    func store_keepsWorkspacesApart(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let (acme, acmeChannel) = try await Self.setUp(fixture)
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let globexChannel = try await fixture.seed.channel(in: globex.id, kind: .matrix)
        let batch = Self.prepared([Self.item("m1", thread: "t1")])
        let inAcme = try await fixture.storage.ingest.store(batch, channel: acmeChannel, receivedAt: Fixture.now)
        let inGlobex = try await fixture.storage.ingest.store(batch, channel: globexChannel, receivedAt: Fixture.now)
        // The same platform account is a different member in each workspace; the same ids are different messages.
        #expect(inGlobex.messages.count == 1)
        #expect(inGlobex.createdMembers.count == 1)
        #expect(inAcme.createdMembers != inGlobex.createdMembers)
        #expect(inGlobex.messages.first?.workspaceID == globex.id)
        #expect(try await fixture.storage.messages.count(in: acme) == 1)
        #expect(try await fixture.storage.messages.count(in: globex.id) == 1)
        #expect(try await fixture.storage.conversations.find(channel: acmeChannel.id, externalThreadID: "t1", in: globex.id) == nil)
        let acmeRollups = try await fixture.storage.rollups.daily(in: acme, from: "2026-01-01", through: "2026-12-31")
        let globexRollups = try await fixture.storage.rollups.daily(in: globex.id, from: "2026-01-01", through: "2026-12-31")
        #expect(acmeRollups.map(\.channelID) == [acmeChannel.id])
        #expect(globexRollups.map(\.channelID) == [globexChannel.id])
        #expect(globexRollups.map(\.inbound) == [1])

        // A channel claiming another workspace is refused by the schema.
        var forged = acmeChannel
        forged.workspaceID = globex.id
        await #expect {
            _ = try await fixture.storage.ingest.store(
                Self.prepared([Self.item("m2", thread: "t-new")]), channel: forged, receivedAt: Fixture.now)
        } throws: { isNotFound($0) }
        #expect(try await fixture.storage.messages.count(in: globex.id) == 1)
    }
}
