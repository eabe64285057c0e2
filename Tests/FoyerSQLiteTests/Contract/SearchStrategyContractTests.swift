import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Search gives the same answers whether the term is rare or common (the SQLite backend plans them
/// differently above a couple of thousand matches).
@Suite("Full-text search with many matches (contract)")
struct SearchStrategyContractTests {
    @Test(arguments: StorageFactory.all)
    func commonAndRareTerms_findExactlyTheMatchingRows(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        let other = try await fixture.seed.conversation(
            in: inbox.id, channel: inbox.channel.id, thread: "t-other", status: .closed)
        var new: [NewMessage] = []
        for index in 0..<2_500 {
            let conversation: ConversationID = index % 2 == 0 ? inbox.conversation.id : other.id
            let body: String = index % 500 == 0 ? "livraison rare numéro \(index)" : "livraison commune \(index)"
            let sentAt = Fixture.now.addingTimeInterval(Double(index))
            new.append(
                NewMessage(
                    channelID: inbox.channel.id, conversationID: conversation, memberID: nil, externalID: "m\(index)",
                    kind: .comment, authorName: "A", body: body, sentAt: sentAt, receivedAt: Fixture.now))
        }
        _ = try await fixture.storage.messages.insert(new, in: inbox.id)
        let messages = { (text: String) in
            try await PaginationContractTests.all(limit: 200) { page in
                try await fixture.storage.messages.list(in: inbox.id, filter: MessageFilter(text: text), page: page)
            }
        }
        #expect(try await messages("livraison").count == 2_500)
        #expect(try await messages("rare").map(\.externalID) == ["m2000", "m1500", "m1000", "m500", "m0"])
        let conversations = { (filter: ConversationFilter) in
            try await fixture.storage.conversations.list(in: inbox.id, filter: filter, page: PageRequest()).items.map(
                \.id)
        }
        #expect(try await conversations(ConversationFilter(text: "livraison")) == [other.id, inbox.conversation.id])
        #expect(try await conversations(ConversationFilter(text: "rare")) == [inbox.conversation.id])
        #expect(try await conversations(ConversationFilter(status: .closed, text: "livraison")) == [other.id])
        #expect(try await conversations(ConversationFilter(status: .closed, text: "rare")).isEmpty)
        #expect(
            try await fixture.storage.conversations.count(in: inbox.id, filter: ConversationFilter(text: "livraison"))
                == 2)
        #expect(
            try await fixture.storage.conversations.count(in: inbox.id, filter: ConversationFilter(text: "rare")) == 1)
        // Two common words together match the rows that have both.
        #expect(try await messages("livraison commune").count == 2_495)
        let firstPage = try await fixture.storage.conversations.list(
            in: inbox.id, filter: ConversationFilter(text: "commune"), page: PageRequest(limit: 1))
        #expect(firstPage.items.map(\.id) == [other.id])
        let secondPage = try await fixture.storage.conversations.list(
            in: inbox.id, filter: ConversationFilter(text: "commune"),
            page: PageRequest(limit: 1, cursor: firstPage.next))
        #expect(secondPage.items.map(\.id) == [inbox.conversation.id])
    }
}
