import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Messages (contract)")
struct MessageRepositoryContractTests {
    static func new(
        _ conversation: Conversation, _ externalID: String, _ body: String, at minutes: Double,
        direction: MessageDirection = .inbound, analysis: MessageAnalysis = .none
    ) -> NewMessage {
        let sentAt = Fixture.now.addingTimeInterval(minutes * 60)
        return NewMessage(
            channelID: conversation.channelID, conversationID: conversation.id, memberID: conversation.memberID,
            externalID: externalID, kind: .reply, direction: direction, authorName: "Someone", body: body,
            sentAt: sentAt, receivedAt: sentAt, analysis: analysis)
    }

    @Test(arguments: StorageFactory.all)
    func insert_storesEveryAnalysisField(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        let analysis = MessageAnalysis(
            language: "fr", languageConfidence: 0.9, sentiment: .negative, sentimentScore: -0.75, toxicityScore: 0.8,
            toxic: true, toxicityCategories: ["insult", "threat"], spamScore: 0.1, spam: false,
            intents: ["complaint", "question"])
        var message = Self.new(inbox.conversation, "m1", "Vous êtes nuls", at: 1, analysis: analysis)
        message.url = "https://example.org/m1"
        message.likeCount = 3
        message.shareCount = 2
        let stored = try #require(try await fixture.storage.messages.insert([message], in: inbox.id).first)
        #expect(stored.analysis == analysis)
        #expect(stored.url == "https://example.org/m1")
        #expect(stored.likeCount == 3)
        #expect(stored.shareCount == 2)
        #expect(try await fixture.storage.messages.find(stored.id, in: inbox.id) == stored)
    }

    @Test(arguments: StorageFactory.all)
    func insert_returnsExactlyWhatIsReadBack_evenWithSubMillisecondDates(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        var message = Self.new(inbox.conversation, "m1", "précis", at: 0.123_456_789)
        message.receivedAt = Date(timeIntervalSince1970: 1_768_471_200.987_654_321)
        message.analysis = MessageAnalysis(toxicityCategories: ["insult"], intents: [])
        let stored = try #require(try await fixture.storage.messages.insert([message], in: inbox.id).first)
        #expect(try await fixture.storage.messages.find(stored.id, in: inbox.id) == stored)
        #expect(try await fixture.storage.messages.thread(inbox.conversation.id, in: inbox.id) == [stored])
        #expect(abs(stored.sentAt.timeIntervalSince(message.sentAt)) < 0.001)
    }

    @Test(arguments: StorageFactory.all)
    func insert_skipsDuplicates_evenWithinOneBatch(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        let batch = [
            Self.new(inbox.conversation, "m1", "first", at: 1),
            Self.new(inbox.conversation, "m1", "redelivered", at: 1),
            Self.new(inbox.conversation, "m2", "second", at: 2),
        ]
        let stored = try await fixture.storage.messages.insert(batch, in: inbox.id)
        #expect(stored.map(\.body) == ["first", "second"])
        let again = try await fixture.storage.messages.insert(batch, in: inbox.id)
        #expect(again.isEmpty)
        #expect(try await fixture.storage.messages.count(in: inbox.id) == 2)
        #expect(try await fixture.storage.conversations.find(inbox.conversation.id, in: inbox.id)?.messageCount == 2)
    }

    @Test(arguments: StorageFactory.all)
    func insert_updatesConversationCountsTimesAndFirstResponse(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        let c = inbox.conversation
        // An outbound post before any inbound message is not a response.
        _ = try await fixture.storage.messages.insert(
            [Self.new(c, "o0", "Announcement", at: 5, direction: .outbound), Self.new(c, "i1", "Question?", at: 10)],
            in: inbox.id)
        var found = try #require(try await fixture.storage.conversations.find(c.id, in: inbox.id))
        #expect(found.messageCount == 2)
        #expect(found.firstMessageAt == Fixture.now.addingTimeInterval(5 * 60))
        #expect(found.lastMessageAt == Fixture.now.addingTimeInterval(10 * 60))
        #expect(found.firstResponseAt == nil)
        _ = try await fixture.storage.messages.insert(
            [
                Self.new(c, "o1", "Answer", at: 30, direction: .outbound),
                Self.new(c, "o2", "Another", at: 40, direction: .outbound),
            ],
            in: inbox.id)
        found = try #require(try await fixture.storage.conversations.find(c.id, in: inbox.id))
        #expect(found.messageCount == 4)
        #expect(found.firstResponseAt == Fixture.now.addingTimeInterval(30 * 60))
        #expect(found.lastMessageAt == Fixture.now.addingTimeInterval(40 * 60))
        // A late, older message moves the first time back but not the last.
        _ = try await fixture.storage.messages.insert([Self.new(c, "i0", "Earlier", at: 1)], in: inbox.id)
        found = try #require(try await fixture.storage.conversations.find(c.id, in: inbox.id))
        #expect(found.firstMessageAt == Fixture.now.addingTimeInterval(60))
        #expect(found.lastMessageAt == Fixture.now.addingTimeInterval(40 * 60))
        let thread = try await fixture.storage.messages.thread(c.id, in: inbox.id)
        #expect(thread.map(\.externalID) == ["i0", "o0", "i1", "o1", "o2"])
    }

    @Test(arguments: StorageFactory.all)
    func insert_intoAnotherWorkspacesConversation_throwsNotFoundAndStoresNothing(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        let globex = try await fixture.seed.inbox(named: "Globex", owner: "other@example.org", messages: [])
        await #expect {
            _ = try await fixture.storage.messages.insert(
                [Self.new(acme.conversation, "x1", "ok", at: 1), Self.new(globex.conversation, "x2", "sneaky", at: 1)],
                in: acme.id)
        } throws: { isNotFound($0) }
        #expect(try await fixture.storage.messages.count(in: acme.id) == 0)
        #expect(try await fixture.storage.messages.count(in: globex.id) == 0)
    }

    @Test(arguments: StorageFactory.all)
    func insert_withAMemberOfAnotherWorkspace_throwsNotFoundAndStoresNothing(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        let globex = try await fixture.seed.inbox(named: "Globex", owner: "other@example.org", messages: [])
        var message = Self.new(acme.conversation, "x1", "hello", at: 1)
        message.memberID = globex.member.id
        await #expect { _ = try await fixture.storage.messages.insert([message], in: acme.id) } throws: {
            isNotFound($0)
        }
        #expect(try await fixture.storage.messages.count(in: acme.id) == 0)
        #expect(try await fixture.storage.conversations.find(acme.conversation.id, in: acme.id)?.messageCount == 0)
    }

    @Test(arguments: StorageFactory.all)
    func list_searchesWithAccentsPrefixesAndFilters(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(
            named: "Acme", owner: "owner@example.org",
            messages: ["Un café à Paris", "Le CAFE était froid", "Thé glacé", "Cafeteria opening hours"])
        let search = { (text: String) in
            try await fixture.storage.messages.list(
                in: inbox.id, filter: MessageFilter(text: text), page: PageRequest()
            )
            .items.map(\.body)
        }
        #expect(try await search("café") == ["Cafeteria opening hours", "Le CAFE était froid", "Un café à Paris"])
        #expect(try await search("cafe paris") == ["Un café à Paris"])
        #expect(try await search("GLACE") == ["Thé glacé"])
        #expect(try await search("était") == ["Le CAFE était froid"])
        #expect(try await search("chocolat").isEmpty)
    }

    @Test(
        arguments: StorageFactory.all,
        ["\"", "*", "NEAR(", ")", "'; DROP TABLE messages; --", "a OR b", "body:x", "^", "-", "", "   ", "\"café"])
    func list_withHostileSearch_neverFails(factory: StorageFactory, query: String) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(
            named: "Acme", owner: "owner@example.org", messages: ["Un café à Paris"])
        let page = try await fixture.storage.messages.list(
            in: inbox.id, filter: MessageFilter(text: query), page: PageRequest())
        #expect(page.items.count <= 1)
        #expect(try await fixture.storage.messages.count(in: inbox.id) == 1)
    }

    @Test(arguments: StorageFactory.all)
    func list_filtersByLanguageSentimentChannelAndConversation(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        _ = try await fixture.storage.messages.insert(
            [
                Self.new(
                    inbox.conversation, "1", "Bonjour", at: 1,
                    analysis: MessageAnalysis(language: "fr", sentiment: .positive)),
                Self.new(
                    inbox.conversation, "2", "Hello", at: 2,
                    analysis: MessageAnalysis(language: "en", sentiment: .negative)),
            ], in: inbox.id)
        let list = { (filter: MessageFilter) in
            try await fixture.storage.messages.list(in: inbox.id, filter: filter, page: PageRequest()).items.map(\.body)
        }
        #expect(try await list(MessageFilter()) == ["Hello", "Bonjour"])
        #expect(try await list(MessageFilter(language: "fr")) == ["Bonjour"])
        #expect(try await list(MessageFilter(sentiment: .negative)) == ["Hello"])
        #expect(try await list(MessageFilter(channelID: inbox.channel.id)).count == 2)
        #expect(try await list(MessageFilter(conversationID: inbox.conversation.id)).count == 2)
        #expect(try await list(MessageFilter(conversationID: ConversationID(999))).isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func insert_movesTheMembersLastSeenForward(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        _ = try await fixture.seed.messages(
            ["later"], in: inbox.conversation, member: inbox.member.id, from: Fixture.now.addingTimeInterval(3600))
        #expect(
            try await fixture.storage.members.find(inbox.member.id, in: inbox.id)?.lastSeenAt
                == Fixture.now.addingTimeInterval(3600))
    }
}
