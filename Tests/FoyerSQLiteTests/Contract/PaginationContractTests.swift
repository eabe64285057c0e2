import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Keyset pagination visits every row exactly once, newest first, even with equal sort keys.
@Suite("Pagination (contract)")
struct PaginationContractTests {
    /// Follows `next` cursors until the last page; fails after too many pages.
    static func all<Item>(limit: Int, _ fetch: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var items: [Item] = []
        var cursor: String?
        for _ in 0..<1000 {
            let page = try await fetch(PageRequest(limit: limit, cursor: cursor))
            #expect(page.items.count <= limit)
            items += page.items
            guard let next = page.next else { return items }
            cursor = next
        }
        Issue.record("Pagination did not end")
        return items
    }

    @Test(arguments: StorageFactory.all, [1, 3, 7, 50])
    func messages_everyRowOnce_inOrder(factory: StorageFactory, limit: Int) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        // Pairs of messages share a sending time, so the id must break ties.
        let new = (0..<23).map { index in
            NewMessage(
                channelID: inbox.channel.id, conversationID: inbox.conversation.id, memberID: nil,
                externalID: "m\(index)",
                kind: .comment, authorName: "A", body: "message \(index)",
                sentAt: Fixture.now.addingTimeInterval(Double(index / 2) * 0.001 + Double(index / 2)),
                receivedAt: Fixture.now)
        }
        let stored = try await fixture.storage.messages.insert(new, in: inbox.id)
        let visited = try await Self.all(limit: limit) { page in
            try await fixture.storage.messages.list(in: inbox.id, filter: MessageFilter(), page: page)
        }
        #expect(visited.map(\.id) == stored.sorted { ($0.sentAt, $0.id) > ($1.sentAt, $1.id) }.map(\.id))
        #expect(Set(visited.map(\.id)).count == 23)
    }

    @Test(arguments: StorageFactory.all, [1, 4, 50])
    func conversations_everyRowOnce_withFilters(factory: StorageFactory, limit: Int) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await fixture.seed.channel(in: acme.id)
        var open: [ConversationID] = []
        for index in 0..<13 {
            let conversation = try await fixture.seed.conversation(
                in: acme.id, channel: channel.id, thread: "t\(index)", status: index % 3 == 0 ? .closed : .open)
            _ = try await fixture.seed.messages(
                ["hello \(index)"], in: conversation, from: Fixture.now.addingTimeInterval(Double(index % 4) * 60))
            if index % 3 != 0 { open.append(conversation.id) }
        }
        let visited = try await Self.all(limit: limit) { page in
            try await fixture.storage.conversations.list(
                in: acme.id, filter: ConversationFilter(status: .open, text: "hello"), page: page)
        }
        #expect(Set(visited.map(\.id)) == Set(open))
        #expect(visited.count == open.count)
        let keys = visited.map { ($0.lastMessageAt, $0.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test(arguments: StorageFactory.all)
    func membersAndAudit_everyRowOnce(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        for index in 0..<9 {
            _ = try await fixture.seed.communityMember(in: acme.id, name: "Member \(index)")
            try await fixture.storage.audit.record(
                NewAuditEvent(
                    workspaceID: acme.id, actorID: acme.owner.id, action: "test.event", details: ["n": "\(index)"]))
        }
        let members = try await Self.all(limit: 2) { page in
            try await fixture.storage.members.list(in: acme.id, query: nil, page: page)
        }
        #expect(Set(members.map(\.id)).count == 9)
        let events = try await Self.all(limit: 4) { page in
            try await fixture.storage.audit.list(in: acme.id, page: page)
        }
        #expect(events.map { $0.details["n"] } == (0..<9).reversed().map { "\($0)" })
    }

    @Test(
        arguments: StorageFactory.all,
        [
            "not a cursor", "AAAA", "fA", "MjAyNi0wMS0wMSAwMDowMDowMC4wMDB8LTE", "!!!",
            String(repeating: "A", count: 500),
        ])
    func malformedCursor_isInvalid(factory: StorageFactory, cursor: String) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let page = PageRequest(cursor: cursor)
        await #expect {
            _ = try await fixture.storage.messages.list(in: inbox.id, filter: MessageFilter(), page: page)
        } throws: { isInvalid($0, field: "cursor") }
        await #expect {
            _ = try await fixture.storage.conversations.list(in: inbox.id, filter: ConversationFilter(), page: page)
        } throws: { isInvalid($0, field: "cursor") }
        await #expect { _ = try await fixture.storage.members.list(in: inbox.id, query: nil, page: page) } throws: {
            isInvalid($0, field: "cursor")
        }
        await #expect { _ = try await fixture.storage.audit.list(in: inbox.id, page: page) } throws: {
            isInvalid($0, field: "cursor")
        }
    }
}
