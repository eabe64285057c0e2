import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Publish ledger (contract)")
struct PublicationRepositoryContractTests {
    static func reply(_ inbox: SeededInbox, body: String = "Thanks, we are on it.", dueIn seconds: Double = 0)
        -> NewPublication
    {
        NewPublication(
            channelID: inbox.channel.id, purpose: .reply, conversationID: inbox.conversation.id, body: body,
            threadID: inbox.conversation.externalThreadID, inReplyToExternalID: nil,
            dueAt: Fixture.now.addingTimeInterval(seconds), createdBy: inbox.owner.id)
    }

    @Test(arguments: StorageFactory.all)
    func create_schedulesWithAFreshIdempotencyKey(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let ledger = fixture.storage.publications
        let first = try await ledger.create(Self.reply(inbox), in: inbox.id, now: Fixture.now)
        let second = try await ledger.create(Self.reply(inbox), in: inbox.id, now: Fixture.now)
        #expect(first.state == .scheduled)
        #expect(first.attempts == 0)
        #expect(first.idempotencyKey.count == 32)
        #expect(first.idempotencyKey.allSatisfy { $0.isHexDigit })
        #expect(first.idempotencyKey != second.idempotencyKey)
        #expect(first.createdBy == inbox.owner.id)
        #expect(try await ledger.find(first.id, in: inbox.id) == first)
        #expect(try await ledger.list(conversation: inbox.conversation.id, in: inbox.id).map(\.id) == [first.id, second.id])
        #expect(try await ledger.list(in: inbox.id, state: .scheduled, purpose: nil, limit: 10).map(\.id) == [second.id, first.id])
        #expect(try await ledger.list(in: inbox.id, state: .published, purpose: nil, limit: 10).isEmpty)

        await #expect { _ = try await ledger.create(Self.reply(inbox, body: "  "), in: inbox.id, now: Fixture.now) }
            throws: { isInvalid($0, field: "body") }
    }

    @Test(arguments: StorageFactory.all)
    func list_byPurpose_isNotCrowdedOutByTheOtherKind(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let ledger = fixture.storage.publications
        let item = try await fixture.storage.content.create(ContentDraft(title: "Launch"), createdBy: nil, in: inbox.id)
        let post = try await ledger.create(
            NewPublication(
                channelID: inbox.channel.id, purpose: .post, conversationID: nil, body: "Launch day", threadID: nil,
                inReplyToExternalID: nil, dueAt: Fixture.now, createdBy: inbox.owner.id,
                post: PostDetails(contentID: item.id, title: "Launch")),
            in: inbox.id, now: Fixture.now)
        // Two replies queued after the post: newer, so first in the ledger's order.
        let replies = [
            try await ledger.create(Self.reply(inbox), in: inbox.id, now: Fixture.now),
            try await ledger.create(Self.reply(inbox, body: "Sorted."), in: inbox.id, now: Fixture.now),
        ]
        #expect(try await ledger.list(in: inbox.id, state: nil, purpose: .post, limit: 1).map(\.id) == [post.id])
        #expect(try await ledger.list(in: inbox.id, state: .scheduled, purpose: .reply, limit: 10).map(\.id) == replies.reversed().map(\.id))
        #expect(try await ledger.list(in: inbox.id, state: nil, purpose: nil, limit: 1).map(\.id) == [replies[1].id])
    }

    @Test(arguments: StorageFactory.all)
    func create_withARequestKeyAlreadyUsed_returnsTheFirstEntry(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.inbox(named: "Globex", owner: "other@example.org")
        let ledger = fixture.storage.publications
        var keyed = Self.reply(acme)
        keyed.requestKey = "client-key-1"
        let first = try await ledger.create(keyed, in: acme.id, now: Fixture.now)
        let retried = try await ledger.create(keyed, in: acme.id, now: Fixture.now.addingTimeInterval(5))
        #expect(retried == first)
        #expect(try await ledger.list(conversation: acme.conversation.id, in: acme.id).count == 1)

        // The same key for another text is a mistake the client must hear about.
        var other = keyed
        other.body = "Something else"
        await #expect { _ = try await ledger.create(other, in: acme.id, now: Fixture.now) }
            throws: { ($0 as? DomainError).map { if case .conflict = $0 { true } else { false } } ?? false }
        // Keys belong to their workspace.
        var foreign = Self.reply(globex)
        foreign.requestKey = "client-key-1"
        let theirs = try await ledger.create(foreign, in: globex.id, now: Fixture.now)
        #expect(theirs.id != first.id)
    }

    @Test(arguments: StorageFactory.all)
    func create_refusesAChannelOrConversationOfAnotherWorkspace(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.inbox(named: "Globex", owner: "other@example.org")
        await #expect { _ = try await fixture.storage.publications.create(Self.reply(acme), in: globex.id, now: Fixture.now) }
            throws: { isNotFound($0) }
        var mixed = Self.reply(globex)
        mixed.conversationID = acme.conversation.id
        await #expect { _ = try await fixture.storage.publications.create(mixed, in: globex.id, now: Fixture.now) }
            throws: { isNotFound($0) }
        let created = try await fixture.storage.publications.create(Self.reply(acme), in: acme.id, now: Fixture.now)
        #expect(try await fixture.storage.publications.find(created.id, in: globex.id) == nil)
        #expect(try await fixture.storage.publications.list(in: globex.id, state: nil, purpose: nil, limit: 10).isEmpty)
        #expect(try await fixture.storage.publications.list(conversation: acme.conversation.id, in: globex.id).isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func claimDue_takesOnlyDueEntries_once(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let ledger = fixture.storage.publications
        let now = Fixture.now.addingTimeInterval(10)
        let due = try await ledger.create(Self.reply(inbox, dueIn: 5), in: inbox.id, now: Fixture.now)
        let later = try await ledger.create(Self.reply(inbox, dueIn: 3600), in: inbox.id, now: Fixture.now)
        let claimed = try await ledger.claimDue(now: now, leaseUntil: now.addingTimeInterval(30), limit: 10)
        #expect(claimed.map(\.id) == [due.id])
        #expect(claimed.first?.state == .sending)
        #expect(claimed.first?.attempts == 1)
        #expect(claimed.first?.leaseExpiresAt == now.addingTimeInterval(30))
        #expect(try await ledger.find(due.id, in: inbox.id) == claimed.first)
        // Claimed entries are not claimed again while the lease holds.
        #expect(try await ledger.claimDue(now: now.addingTimeInterval(1), leaseUntil: now.addingTimeInterval(31), limit: 10).isEmpty)
        #expect(try await ledger.find(later.id, in: inbox.id)?.state == .scheduled)
    }

    @Test(arguments: StorageFactory.all)
    func claimDue_aLapsedLeaseBecomesUnknown_andIsClaimedForReconciliation(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let ledger = fixture.storage.publications
        let entry = try await ledger.create(Self.reply(inbox), in: inbox.id, now: Fixture.now)
        _ = try await ledger.claimDue(now: Fixture.now, leaseUntil: Fixture.now.addingTimeInterval(30), limit: 10)
        // The worker died: at the next claim after the lease, the entry is moved to unknown, then claimed again.
        let after = Fixture.now.addingTimeInterval(31)
        let reclaimed = try await ledger.claimDue(now: after, leaseUntil: after.addingTimeInterval(30), limit: 10)
        let again = try #require(reclaimed.first)
        #expect(again.id == entry.id)
        #expect(again.state == .sending)
        #expect(again.attempts == 2)
        #expect(again.lastError != nil)
        #expect(again.needsReconciliation)
    }

    @Test(arguments: StorageFactory.all)
    func claimDue_withLimitZeroChangesNothing_andAnyLimitExpiresLeasesFirst(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let ledger = fixture.storage.publications
        let entry = try await ledger.create(Self.reply(inbox), in: inbox.id, now: Fixture.now)
        _ = try await ledger.claimDue(now: Fixture.now, leaseUntil: Fixture.now.addingTimeInterval(30), limit: 1)
        let after = Fixture.now.addingTimeInterval(31)
        #expect(try await ledger.claimDue(now: after, leaseUntil: after, limit: 0).isEmpty)
        #expect(try await ledger.find(entry.id, in: inbox.id)?.state == .sending)
        // A limit of one still expires the lease first.
        let claimed = try await ledger.claimDue(now: after, leaseUntil: after.addingTimeInterval(30), limit: 1)
        #expect(claimed.map(\.id) == [entry.id])
    }

    @Test(arguments: StorageFactory.all)
    func save_isACompareAndSetOnTheState(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let ledger = fixture.storage.publications
        _ = try await ledger.create(Self.reply(inbox), in: inbox.id, now: Fixture.now)
        let sending = try #require(
            try await ledger.claimDue(now: Fixture.now, leaseUntil: Fixture.now.addingTimeInterval(30), limit: 1).first)
        let published = try sending.applying(
            .confirmed(OutboundReceipt(externalID: "$event1", url: "https://example.org/e1"), at: Fixture.now))
        // A worker that believes the entry is still scheduled loses.
        await #expect { try await ledger.save(published, expecting: .scheduled) } throws: { isConflict($0) }
        try await ledger.save(published, expecting: .sending)
        let found = try #require(try await ledger.find(sending.id, in: inbox.id))
        #expect(found == published)
        #expect(found.externalID == "$event1")
        #expect(found.leaseExpiresAt == nil)
        // The second writer of the same transition is refused.
        await #expect { try await ledger.save(published, expecting: .sending) } throws: { isConflict($0) }
        // An entry cannot be moved from another workspace.
        var foreign = published
        foreign.workspaceID = globex.id
        await #expect { try await ledger.save(foreign, expecting: .published) } throws: { isNotFound($0) }
    }
}
