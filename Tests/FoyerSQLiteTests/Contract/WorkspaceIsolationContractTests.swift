import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Ids from workspace A are invisible, and untouchable, from workspace B, in every repository.
@Suite("Workspace isolation (contract)")
struct WorkspaceIsolationContractTests {
    struct TwoWorkspaces {
        let fixture: Fixture
        let a: SeededInbox
        let b: SeededInbox
        let noteOnA: Note

        init(_ factory: StorageFactory) async throws {
            fixture = try await Fixture(factory)
            a = try await fixture.seed.inbox(named: "Acme", owner: "a@example.org", messages: ["secret plans of acme"])
            b = try await fixture.seed.inbox(named: "Globex", owner: "b@example.org", messages: ["globex hello"])
            noteOnA = try await fixture.storage.notes.add(
                body: "internal", author: a.owner.id, conversation: a.conversation.id, member: a.member.id, in: a.id)
            try await fixture.storage.conversations.addTag("vip", to: a.conversation.id, in: a.id)
            try await fixture.storage.audit.record(
                NewAuditEvent(workspaceID: a.id, actorID: a.owner.id, action: "workspace.updated"))
        }
    }

    @Test(arguments: StorageFactory.all)
    func reads_fromAnotherWorkspace_findNothing(factory: StorageFactory) async throws {
        let w = try await TwoWorkspaces(factory)
        let s = w.fixture.storage
        let b = w.b.id
        #expect(try await s.channels.find(w.a.channel.id, in: b) == nil)
        #expect(try await s.channels.list(in: b).map(\.id) == [w.b.channel.id])
        #expect(try await s.members.find(w.a.member.id, in: b) == nil)
        #expect(try await s.members.identities(of: w.a.member.id, in: b).isEmpty)
        // Both seeded members share a Matrix id: each workspace sees its own.
        #expect(
            try await s.members.find(platform: .matrix, externalID: "@alice-martin:example.org", in: b)?.id
                == w.b.member.id)
        #expect(try await s.members.list(in: b, query: nil, page: PageRequest()).items.map(\.id) == [w.b.member.id])
        #expect(try await s.conversations.find(w.a.conversation.id, in: b) == nil)
        #expect(
            try await s.conversations.list(in: b, filter: ConversationFilter(), page: PageRequest()).items.map(\.id)
                == [w.b.conversation.id])
        #expect(
            try await s.conversations.list(in: b, filter: ConversationFilter(text: "secret"), page: PageRequest()).items
                .isEmpty)
        #expect(
            try await s.conversations.list(in: b, filter: ConversationFilter(tag: "vip"), page: PageRequest()).items
                .isEmpty)
        #expect(try await s.conversations.count(in: b, status: nil) == 1)
        #expect(try await s.messages.find(w.a.messages[0].id, in: b) == nil)
        #expect(try await s.messages.thread(w.a.conversation.id, in: b).isEmpty)
        #expect(
            try await s.messages.list(in: b, filter: MessageFilter(text: "secret"), page: PageRequest()).items.isEmpty)
        #expect(
            try await s.messages.list(
                in: b, filter: MessageFilter(conversationID: w.a.conversation.id), page: PageRequest()
            ).items.isEmpty)
        #expect(try await s.messages.count(in: b) == 1)
        #expect(try await s.notes.list(conversation: w.a.conversation.id, in: b).isEmpty)
        #expect(try await s.notes.list(member: w.a.member.id, in: b).isEmpty)
        #expect(try await s.tags.list(in: b).isEmpty)
        #expect(try await s.audit.list(in: b, page: PageRequest()).items.isEmpty)
        #expect(try await s.memberships.find(user: w.a.owner.id, in: b) == nil)
        #expect(try await s.memberships.list(in: b).map(\.user.id) == [w.b.owner.id])
        #expect(try await s.workspaces.summary(b, now: Fixture.now).messages == 1)
    }

    @Test(arguments: StorageFactory.all)
    func writes_fromAnotherWorkspace_throwNotFoundAndChangeNothing(factory: StorageFactory) async throws {
        let w = try await TwoWorkspaces(factory)
        let s = w.fixture.storage
        let a = w.a
        let b = w.b.id
        await #expect {
            try await s.channels.updateHealth(a.channel.id, in: b, health: ChannelHealth(lastError: "x"))
        } throws: { isNotFound($0) }
        await #expect {
            try await s.conversations.updateStatus(
                a.conversation.id, in: b, status: .closed, snoozedUntil: nil, at: Fixture.now)
        } throws: { isNotFound($0) }
        await #expect { try await s.conversations.assign(a.conversation.id, in: b, to: nil) } throws: { isNotFound($0) }
        await #expect { try await s.conversations.addTag("stolen", to: a.conversation.id, in: b) } throws: {
            isNotFound($0)
        }
        await #expect { try await s.conversations.removeTag("vip", from: a.conversation.id, in: b) } throws: {
            isNotFound($0)
        }
        await #expect {
            _ = try await s.conversations.create(
                NewConversation(
                    channelID: a.channel.id, externalThreadID: "planted", subject: "x", startedAt: Fixture.now), in: b)
        } throws: { isNotFound($0) }
        await #expect {
            _ = try await s.conversations.create(
                NewConversation(
                    channelID: w.b.channel.id, externalThreadID: "planted", subject: "x", memberID: a.member.id,
                    startedAt: Fixture.now),
                in: b)
        } throws: { isNotFound($0) }
        await #expect {
            _ = try await w.fixture.seed.messages(
                ["planted"],
                in: Conversation(
                    id: a.conversation.id, workspaceID: b, channelID: a.channel.id, externalThreadID: "x", subject: "",
                    status: .open, priority: .normal, assigneeID: nil, memberID: nil, snoozedUntil: nil,
                    firstMessageAt: Fixture.now, lastMessageAt: Fixture.now, firstResponseAt: nil, closedAt: nil,
                    messageCount: 0, tags: []))
        } throws: { isNotFound($0) }
        await #expect {
            _ = try await s.notes.add(
                body: "x", author: w.b.owner.id, conversation: a.conversation.id, member: nil, in: b)
        } throws: { isNotFound($0) }
        await #expect {
            _ = try await s.notes.add(body: "x", author: w.b.owner.id, conversation: nil, member: a.member.id, in: b)
        } throws: { isNotFound($0) }
        // Workspace A is untouched.
        let conversation = try #require(try await s.conversations.find(a.conversation.id, in: a.id))
        #expect(conversation.status == .open)
        #expect(conversation.tags == ["vip"])
        #expect(conversation.messageCount == 1)
        #expect(try await s.channels.find(a.channel.id, in: a.id)?.health == ChannelHealth())
        #expect(try await s.notes.list(conversation: a.conversation.id, in: a.id) == [w.noteOnA])
        #expect(try await s.messages.count(in: a.id) == 1)
        #expect(try await s.conversations.count(in: b, status: nil) == 1)
    }
}
