import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Conversations (contract)")
struct ConversationRepositoryContractTests {
    @Test(arguments: StorageFactory.all)
    func create_withSameThreadOnSameChannel_throwsConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        await #expect {
            _ = try await fixture.seed.conversation(
                in: inbox.id, channel: inbox.channel.id, thread: inbox.conversation.externalThreadID)
        } throws: { isConflict($0) }
        #expect(try await fixture.storage.conversations.count(in: inbox.id, status: nil) == 1)
    }

    @Test(arguments: StorageFactory.all)
    func updateStatus_setsClosedAtAndSnoozeAndClearsThem(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let conversations = fixture.storage.conversations
        let id = inbox.conversation.id
        let later = Fixture.now.addingTimeInterval(3600)
        try await conversations.updateStatus(id, in: inbox.id, status: .snoozed, snoozedUntil: later, at: Fixture.now)
        #expect(try await conversations.find(id, in: inbox.id)?.snoozedUntil == later)
        try await conversations.updateStatus(id, in: inbox.id, status: .closed, snoozedUntil: later, at: later)
        let closed = try #require(try await conversations.find(id, in: inbox.id))
        #expect(closed.status == .closed)
        #expect(closed.closedAt == later)
        #expect(closed.snoozedUntil == nil)
        try await conversations.updateStatus(id, in: inbox.id, status: .open, snoozedUntil: nil, at: later)
        #expect(try await conversations.find(id, in: inbox.id)?.closedAt == nil)
        #expect(try await conversations.count(in: inbox.id, status: .open) == 1)
        #expect(try await conversations.count(in: inbox.id, status: .closed) == 0)
    }

    @Test(arguments: StorageFactory.all)
    func snooze_withoutADate_isInvalidAndChangesNothing(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        await #expect {
            try await fixture.storage.conversations.updateStatus(
                inbox.conversation.id, in: inbox.id, status: .snoozed, snoozedUntil: nil, at: Fixture.now)
        } throws: { isInvalid($0, field: "snoozedUntil") }
        #expect(try await fixture.storage.conversations.find(inbox.conversation.id, in: inbox.id)?.status == .open)
    }

    @Test(arguments: StorageFactory.all)
    func assign_toAMember_works_andToANonMember_isInvalid(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let stranger = try await fixture.seed.user("stranger@example.org")
        let conversations = fixture.storage.conversations
        try await conversations.assign(inbox.conversation.id, in: inbox.id, to: inbox.owner.id)
        #expect(try await conversations.find(inbox.conversation.id, in: inbox.id)?.assigneeID == inbox.owner.id)
        await #expect { try await conversations.assign(inbox.conversation.id, in: inbox.id, to: stranger.id) } throws: {
            isInvalid($0, field: "assignee")
        }
        #expect(try await conversations.find(inbox.conversation.id, in: inbox.id)?.assigneeID == inbox.owner.id)
        try await conversations.assign(inbox.conversation.id, in: inbox.id, to: nil)
        #expect(try await conversations.find(inbox.conversation.id, in: inbox.id)?.assigneeID == nil)
    }

    @Test(arguments: StorageFactory.all)
    func tags_areCreatedOnce_caseInsensitively_andRemoved(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let conversations = fixture.storage.conversations
        let id = inbox.conversation.id
        try await conversations.addTag("Bug", to: id, in: inbox.id)
        try await conversations.addTag("bug", to: id, in: inbox.id)
        try await conversations.addTag(" Billing ", to: id, in: inbox.id)
        #expect(try await conversations.find(id, in: inbox.id)?.tags == ["Billing", "Bug"])
        #expect(try await fixture.storage.tags.list(in: inbox.id).map(\.name) == ["Billing", "Bug"])
        let tagged = try await conversations.list(
            in: inbox.id, filter: ConversationFilter(tag: "BUG"), page: PageRequest())
        #expect(tagged.items.map(\.id) == [id])
        try await conversations.removeTag("BUG", from: id, in: inbox.id)
        #expect(try await conversations.find(id, in: inbox.id)?.tags == ["Billing"])
        await #expect { try await conversations.addTag("", to: id, in: inbox.id) } throws: {
            isInvalid($0, field: "tag")
        }
    }

    @Test(arguments: StorageFactory.all)
    func list_filtersByStatusChannelAssigneeLanguageAndText(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(
            named: "Acme", owner: "owner@example.org", messages: ["Bonjour, le café est froid"])
        let other = try await fixture.seed.conversation(
            in: inbox.id, channel: inbox.channel.id, thread: "t2", status: .pending)
        _ = try await fixture.seed.messages(
            ["Hello, my order is late"], in: other, from: Fixture.now.addingTimeInterval(600),
            analysis: MessageAnalysis(language: "en"))
        let list = { (filter: ConversationFilter) in
            try await fixture.storage.conversations.list(in: inbox.id, filter: filter, page: PageRequest()).items.map(
                \.id)
        }
        #expect(try await list(ConversationFilter()) == [other.id, inbox.conversation.id])
        #expect(try await list(ConversationFilter(status: .pending)) == [other.id])
        #expect(try await list(ConversationFilter(channelID: inbox.channel.id)).count == 2)
        #expect(try await list(ConversationFilter(language: "en")) == [other.id])
        #expect(try await list(ConversationFilter(language: "de")).isEmpty)
        // A conversation's language is the one its member last wrote in.
        _ = try await fixture.seed.messages(
            ["Entschuldigung, noch eine Frage"], in: other, from: Fixture.now.addingTimeInterval(900),
            analysis: MessageAnalysis(language: "de"))
        #expect(try await list(ConversationFilter(language: "de")) == [other.id])
        #expect(try await list(ConversationFilter(language: "en")).isEmpty)
        #expect(try await list(ConversationFilter(text: "cafe")) == [inbox.conversation.id])
        #expect(try await list(ConversationFilter(text: "ord")) == [other.id])
        #expect(try await list(ConversationFilter(status: .open, text: "order")).isEmpty)
        #expect(try await list(ConversationFilter(text: "\"*)")).isEmpty)
    }
}
