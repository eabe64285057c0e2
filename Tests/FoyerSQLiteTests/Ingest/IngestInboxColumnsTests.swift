import Foundation
import FoyerCore
import FoyerTestSupport
import GRDB
import Testing

@testable import FoyerSQLite

/// Both writers of messages, the ingest store and the message repository, write the inbox columns and the
/// full-text rows themselves (migration `0013_inbox_columns_in_swift` dropped the insert triggers that did).
/// What they leave must be what those triggers left: the reference database gets the triggers of
/// `0012_ingest_batch` back and its messages are inserted with plain SQL.
@Suite("Ingest batches and the inbox columns (SQLite)")
struct IngestInboxColumnsTests {
    /// A store and one channel.
    struct Setup {
        let database: SQLiteDatabase
        let workspace: WorkspaceID
        let channel: Channel

        static func make() async throws -> Setup {
            let database = try await makeTestDatabase(clock: PinnedClock(Seed.defaultStart))
            let seed = Seed(database.storage)
            let workspace = try await seed.workspace(named: "Cime", owner: "owner@example.org")
            let channel = try await seed.channel(in: workspace.id, kind: .matrix)
            return Setup(database: database, workspace: workspace.id, channel: channel)
        }

        /// Through the ingest store: one batch, one transaction.
        func storeBatch(_ items: [PreparedItem]) async throws {
            _ = try await database.storage.ingest.store(items, channel: channel, receivedAt: Seed.defaultStart)
        }

        /// Through the message repository, one message after the other, in the same order.
        func storeRowByRow(_ items: [PreparedItem]) async throws {
            let storage = database.storage
            for prepared in items {
                let conversation = try await conversation(for: prepared.item)
                _ = try await storage.messages.insert([newMessage(prepared, in: conversation)], in: workspace)
            }
        }

        /// With plain SQL, followed by the insert triggers the schema had until `0013_inbox_columns_in_swift`.
        func storeThroughTheOldTriggers(_ items: [PreparedItem]) async throws {
            try await database.writer.write { db in
                // The table those triggers look at, empty: they always run.
                try db.execute(sql: IngestBatchSchema.statements[0])
                for statement in IngestBatchSchema.statements[4...6] { try db.execute(sql: statement) }
            }
            for prepared in items {
                let conversation = try await conversation(for: prepared.item)
                let message = newMessage(prepared, in: conversation)
                let analysis = message.analysis
                try await database.writer.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO messages (workspace_id, channel_id, conversation_id, external_id, kind,
                                direction, author_name, body, sent_at, received_at, language, sentiment, toxic, spam,
                                intents)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            workspace.rawValue, channel.id.rawValue, conversation.rawValue, message.externalID,
                            message.kind.rawValue, message.direction.rawValue, message.authorName, message.body,
                            message.sentAt, message.receivedAt, analysis.language, analysis.sentiment?.rawValue,
                            analysis.toxic, analysis.spam, StringList.encode(analysis.intents),
                        ])
                }
            }
        }

        private func conversation(for item: InboundItem) async throws -> ConversationID {
            let storage = database.storage
            if let found = try await storage.conversations.find(
                channel: channel.id, externalThreadID: item.threadID, in: workspace)
            {
                return found.id
            }
            return try await storage.conversations.create(
                NewConversation(
                    channelID: channel.id, externalThreadID: item.threadID, subject: "Thread", startedAt: item.sentAt),
                in: workspace
            ).id
        }

        private func newMessage(_ prepared: PreparedItem, in conversation: ConversationID) -> NewMessage {
            let item = prepared.item
            return NewMessage(
                channelID: channel.id, conversationID: conversation, memberID: nil, externalID: item.externalID,
                kind: item.kind, direction: item.direction, authorName: "A", body: item.body, sentAt: item.sentAt,
                receivedAt: Seed.defaultStart, analysis: prepared.analysis)
        }

        /// The inbox columns of every conversation, by thread.
        func inboxColumns() async throws -> [Row] {
            try await database.writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT external_thread_id, last_inbound_at, last_outbound_at, waiting_since, inbound_language,
                            inbound_sentiment, inbound_toxic, inbound_spam, inbound_intents
                        FROM conversations ORDER BY external_thread_id
                        """)
            }
        }

        /// FTS5's own check of the index against the `messages` table (throws on a mismatch).
        func checkFullTextIndex() async throws {
            try await database.writer.write { db in
                try db.execute(sql: "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")
            }
        }
    }

    /// A deterministic mix over six threads: inbound and outbound, times out of order and repeated (the
    /// triggers compare with `>=` and `>`), and analyses that differ or not from one message to the next.
    static func items(_ count: Int, seed: UInt64) -> [PreparedItem] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let languages: [String?] = [nil, "en", "fr"]
        let sentiments: [SentimentLabel?] = [nil, .negative, .neutral, .positive]
        let flags: [Bool?] = [nil, false, true]
        let intents: [[String]] = [[], ["question"], ["bug", "complaint"]]
        return (0..<count).map { index in
            let item = InboundItem(
                externalID: "m\(index)", threadID: "t\(next(6))", kind: .comment,
                direction: next(10) < 3 ? .outbound : .inbound,
                author: InboundAuthor(externalID: "u\(next(4))", handle: "user"),
                body: "message \(index)", sentAt: Seed.defaultStart.addingTimeInterval(Double(next(40)) * 60))
            let analysis = MessageAnalysis(
                language: languages[next(3)], sentiment: sentiments[next(4)], toxic: flags[next(3)],
                spam: flags[next(3)], intents: intents[next(3)])
            return PreparedItem(item: item, analysis: analysis)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func batchesAndTheRepository_leaveTheInboxColumnsTheTriggersLeft(seed: UInt64) async throws {
        let items = Self.items(120, seed: seed)
        let byTriggers = try await Setup.make()
        try await byTriggers.storeThroughTheOldTriggers(items)
        try await byTriggers.checkFullTextIndex()

        // New conversations, then existing ones, then conversations the repository kept before a batch.
        let mixed = try await Setup.make()
        try await mixed.storeBatch(Array(items[0..<30]))
        try await mixed.storeBatch(Array(items[30..<31]))
        try await mixed.storeRowByRow(Array(items[31..<60]))
        try await mixed.storeBatch(Array(items[60..<120]))

        let expected = try await byTriggers.inboxColumns()
        #expect(expected.count == 6)
        #expect(expected.contains { ($0["waiting_since"] as String?) != nil })
        #expect(try await mixed.inboxColumns() == expected)
        try await mixed.checkFullTextIndex()

        // The repository alone, one message at a time.
        let byRepository = try await Setup.make()
        try await byRepository.storeRowByRow(items)
        #expect(try await byRepository.inboxColumns() == expected)
    }

    @Test func batches_areFoundByFullTextSearch_andTheIndexFollowsUpdatesAndDeletes() async throws {
        let setup = try await Setup.make()
        let storage = setup.database.storage
        try await setup.storeBatch(
            (0..<300).map { index in
                PreparedItem(
                    item: InboundItem(
                        externalID: "m\(index)", threadID: "t\(index / 3)", kind: .comment,
                        author: InboundAuthor(externalID: "u\(index % 7)", handle: "user"),
                        body: index == 150 ? "Le téléphérique est en panne" : "message \(index)",
                        sentAt: Seed.defaultStart.addingTimeInterval(Double(index))),
                    analysis: .none)
            })
        try await setup.checkFullTextIndex()
        let found = try await storage.messages.list(
            in: setup.workspace, filter: MessageFilter(text: "telepherique"), page: PageRequest(limit: 10))
        #expect(found.items.map(\.externalID) == ["m150"])

        let message = try #require(found.items.first)
        try await setup.database.writer.write { db in
            try db.execute(
                sql: "UPDATE messages SET body = 'Plus de panne' WHERE id = ?", arguments: [message.id.rawValue])
            try db.execute(sql: "DELETE FROM conversations WHERE external_thread_id IN ('t0', 't1')")
        }
        try await setup.checkFullTextIndex()
        let gone = try await storage.messages.list(
            in: setup.workspace, filter: MessageFilter(text: "telepherique"), page: PageRequest(limit: 10))
        #expect(gone.items.isEmpty)
        let updated = try await storage.messages.list(
            in: setup.workspace, filter: MessageFilter(text: "panne"), page: PageRequest(limit: 10))
        #expect(updated.items.map(\.externalID) == ["m150"])
        #expect(try await storage.messages.count(in: setup.workspace) == 294)
    }

    @Test func aFailedBatch_leavesNothing_andOtherWritersStillKeepTheColumns() async throws {
        let setup = try await Setup.make()
        var gone = setup.channel
        gone.id = ChannelID(setup.channel.id.rawValue + 100)
        let item = PreparedItem(
            item: InboundItem(
                externalID: "x1", threadID: "tx", kind: .comment,
                author: InboundAuthor(externalID: "u1", handle: "user"), body: "lost", sentAt: Seed.defaultStart),
            analysis: .none)
        await #expect(throws: DomainError.self) {
            _ = try await setup.database.storage.ingest.store([item], channel: gone, receivedAt: Seed.defaultStart)
        }
        // Nothing of the failed batch is left: its member and identity were written before the conversation failed.
        let left = try await setup.database.writer.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM identities) + (SELECT count(*) FROM messages)"
            )
        }
        #expect(left == 0)

        try await setup.storeRowByRow(
            Self.items(1, seed: 9).map { prepared in
                var inbound = prepared
                inbound.item.direction = .inbound
                inbound.analysis.language = "fr"
                return inbound
            })
        let columns = try #require(try await setup.inboxColumns().first)
        #expect((columns["inbound_language"] as String?) == "fr")
        #expect((columns["waiting_since"] as String?) != nil)
        try await setup.checkFullTextIndex()
    }
}
