import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Inbox workflow (contract)")
struct InboxWorkflowContractTests {
    /// A workspace with three conversations whose latest inbound messages differ in analysis.
    struct Board {
        let fixture: Fixture
        let inbox: SeededInbox
        let angry: Conversation
        let spammy: Conversation
        var quiet: Conversation { inbox.conversation }

        init(_ factory: StorageFactory) async throws {
            fixture = try await Fixture(factory)
            inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org", messages: ["Thanks a lot"])
            angry = try await fixture.seed.conversation(in: inbox.id, channel: inbox.channel.id, thread: "angry")
            spammy = try await fixture.seed.conversation(in: inbox.id, channel: inbox.channel.id, thread: "spammy")
            let start = Fixture.now
            // An early toxic question, then a later complaint: the later one is what the filters see.
            _ = try await fixture.seed.messages(
                ["You idiots"], in: angry, from: start.addingTimeInterval(300),
                analysis: MessageAnalysis(language: "en", sentiment: .negative, toxic: true, intents: ["question"]))
            _ = try await fixture.seed.messages(
                ["Still broken, I want a refund"], in: angry, from: start.addingTimeInterval(600),
                analysis: MessageAnalysis(
                    language: "en", sentiment: .negative, toxic: false, spam: false, intents: ["complaint", "bug"]))
            _ = try await fixture.seed.messages(
                ["Buy cheap followers"], in: spammy, from: start.addingTimeInterval(900),
                analysis: MessageAnalysis(language: "en", sentiment: .positive, toxic: false, spam: true))
        }

        func ids(_ filter: ConversationFilter, page: PageRequest = PageRequest()) async throws -> [ConversationID] {
            try await fixture.storage.conversations.list(in: inbox.id, filter: filter, page: page).items.map(\.id)
        }
    }

    @Test(arguments: StorageFactory.all)
    func filters_readTheLatestInboundAnalysis_andCombine(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        #expect(try await board.ids(ConversationFilter(sentiment: .negative)) == [board.angry.id])
        #expect(try await board.ids(ConversationFilter(intent: "complaint")) == [board.angry.id])
        #expect(try await board.ids(ConversationFilter(intent: "question")).isEmpty)
        #expect(try await board.ids(ConversationFilter(intent: "bug")) == [board.angry.id])
        #expect(try await board.ids(ConversationFilter(toxic: true)).isEmpty)
        #expect(try await board.ids(ConversationFilter(spam: true)) == [board.spammy.id])
        #expect(try await board.ids(ConversationFilter(spam: false)) == [board.angry.id, board.quiet.id])
        #expect(try await board.ids(ConversationFilter(text: "refund", sentiment: .negative)) == [board.angry.id])
        #expect(try await board.ids(ConversationFilter(text: "refund", sentiment: .positive)).isEmpty)
        #expect(try await board.ids(ConversationFilter(language: "en", spam: false)) == [board.angry.id])
    }

    @Test(arguments: StorageFactory.all)
    func assigneeFilter_meansUnassignedSomeoneOrAUser(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        let conversations = board.fixture.storage.conversations
        let owner = board.inbox.owner.id
        try await conversations.assign(board.angry.id, in: board.inbox.id, to: owner)
        #expect(try await board.ids(ConversationFilter(assignee: .user(owner))) == [board.angry.id])
        #expect(try await board.ids(ConversationFilter(assignee: .someone)) == [board.angry.id])
        #expect(try await board.ids(ConversationFilter(assignee: .unassigned)) == [board.spammy.id, board.quiet.id])
        #expect(
            try await conversations.count(in: board.inbox.id, filter: ConversationFilter(assignee: .unassigned)) == 2)
    }

    @Test(arguments: StorageFactory.all)
    func waitingSince_followsInboundAndOutboundMessages(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        let conversations = board.fixture.storage.conversations
        let id = board.angry.id
        let firstInbound = Fixture.now.addingTimeInterval(300)
        #expect(try await conversations.find(id, in: board.inbox.id)?.waitingSince == firstInbound)
        _ = try await board.fixture.seed.messages(
            ["We are on it"], in: board.angry, from: Fixture.now.addingTimeInterval(1200), direction: .outbound)
        #expect(try await conversations.find(id, in: board.inbox.id)?.waitingSince == nil)
        let again = Fixture.now.addingTimeInterval(1800)
        _ = try await board.fixture.seed.messages(["Any news?"], in: board.angry, from: again)
        #expect(try await conversations.find(id, in: board.inbox.id)?.waitingSince == again)
    }

    @Test(arguments: StorageFactory.all)
    func sorts_oldestWaitingAndPriority_pageWithoutGapsOrRepeats(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        let conversations = board.fixture.storage.conversations
        // quiet waits since 10:00, angry since 10:05, spammy since 10:15.
        #expect(
            try await board.ids(ConversationFilter(sort: .oldestWaiting))
                == [board.quiet.id, board.angry.id, board.spammy.id])
        _ = try await board.fixture.seed.messages(
            ["Answered"], in: board.inbox.conversation, from: Fixture.now.addingTimeInterval(60), direction: .outbound)
        #expect(try await board.ids(ConversationFilter(sort: .oldestWaiting)) == [board.angry.id, board.spammy.id])

        try await conversations.setPriority(board.quiet.id, in: board.inbox.id, priority: .urgent)
        try await conversations.setPriority(board.spammy.id, in: board.inbox.id, priority: .low)
        #expect(
            try await board.ids(ConversationFilter(sort: .priority))
                == [board.quiet.id, board.angry.id, board.spammy.id])
        var seen: [ConversationID] = []
        var cursor: String?
        repeat {
            let page = try await conversations.list(
                in: board.inbox.id, filter: ConversationFilter(sort: .priority),
                page: PageRequest(limit: 1, cursor: cursor))
            seen += page.items.map(\.id)
            cursor = page.next
        } while cursor != nil
        #expect(seen == [board.quiet.id, board.angry.id, board.spammy.id])
        await #expect {
            _ = try await conversations.list(
                in: board.inbox.id, filter: ConversationFilter(sort: .priority), page: PageRequest(cursor: "bad"))
        } throws: { isInvalid($0, field: "cursor") }
    }

    @Test(arguments: StorageFactory.all)
    func slaBreached_usesTheWorkspaceTargetAndBusinessHours(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        let conversations = board.fixture.storage.conversations
        let breached = ConversationFilter(slaBreached: true)
        // No target: nothing is breached.
        #expect(try await conversations.count(in: board.inbox.id, filter: breached) == 0)
        // Now is 11:00 in Paris; a 60-minute target around the clock breaches quiet (10:00 UTC = 11:00 Paris).
        board.fixture.clock.advance(by: 3600)
        try await board.fixture.storage.inboxSettings.save(InboxSettings(firstResponseMinutes: 60), in: board.inbox.id)
        #expect(try await board.ids(breached) == [board.quiet.id])
        board.fixture.clock.advance(by: 900)
        #expect(try await conversations.count(in: board.inbox.id, filter: breached) == 3)
        // Closed conversations are not waiting on the team any more.
        try await conversations.updateStatus(
            board.quiet.id, in: board.inbox.id, status: .closed, snoozedUntil: nil, at: Fixture.now)
        #expect(try await conversations.count(in: board.inbox.id, filter: breached) == 2)
        // Business hours that only open at 12:00 local time: no business time has passed.
        let noon = BusinessHours(periods: Weekday.allCases.map { .init(weekday: $0, start: 720, end: 1080) })
        try await board.fixture.storage.inboxSettings.save(
            InboxSettings(firstResponseMinutes: 60, businessHours: noon), in: board.inbox.id)
        #expect(try await board.fixture.storage.inboxSettings.find(in: board.inbox.id).businessHours == noon)
        #expect(try await conversations.count(in: board.inbox.id, filter: breached) == 0)
    }

    @Test(arguments: StorageFactory.all)
    func bulk_appliesInOneTransaction_withAuditEvents(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        let storage = board.fixture.storage
        let workspace = board.inbox.id
        let other = try await board.fixture.seed.inbox(named: "Other", owner: "other@example.org")
        let ids = [board.angry.id, board.spammy.id, other.conversation.id]
        let owner = board.inbox.owner.id
        #expect(
            try await storage.conversations.apply(.assign(owner), to: ids, in: workspace, by: owner, at: Fixture.now)
                == 2)
        #expect(try await storage.conversations.find(other.conversation.id, in: other.id)?.assigneeID == nil)
        #expect(
            try await storage.conversations.apply(.tag("Refund"), to: ids, in: workspace, by: owner, at: Fixture.now)
                == 2)
        #expect(try await board.ids(ConversationFilter(tag: "refund")) == [board.spammy.id, board.angry.id])
        #expect(
            try await storage.conversations.apply(
                .markSpam, to: [board.spammy.id], in: workspace, by: owner, at: Fixture.now) == 1)
        let spam = try #require(try await storage.conversations.find(board.spammy.id, in: workspace))
        #expect(spam.isSpam && spam.status == .closed && spam.closedAt == Fixture.now)
        #expect(
            try await storage.conversations.apply(
                .close, to: [board.angry.id], in: workspace, by: owner, at: Fixture.now) == 1)
        #expect(try await storage.conversations.find(board.angry.id, in: workspace)?.status == .closed)

        let stranger = try await board.fixture.seed.user("stranger@example.org")
        await #expect {
            _ = try await storage.conversations.apply(
                .assign(stranger.id), to: ids, in: workspace, by: owner, at: Fixture.now)
        } throws: { isInvalid($0, field: "assignee") }
        #expect(try await storage.conversations.find(board.angry.id, in: workspace)?.assigneeID == owner)
        await #expect {
            _ = try await storage.conversations.apply(.close, to: [], in: workspace, by: owner, at: Fixture.now)
        } throws: { isInvalid($0, field: "ids") }

        let actions = try await storage.audit.list(in: workspace, page: PageRequest(limit: 20)).items.map(\.action)
        #expect(actions.filter { $0 == "conversation.assigned" }.count == 2)
        #expect(actions.filter { $0 == "conversation.tagged" }.count == 2)
        #expect(actions.contains("conversation.marked_spam"))
        #expect(actions.contains("conversation.closed"))
        #expect(
            try await storage.audit.list(in: other.id, page: PageRequest()).items.allSatisfy {
                !$0.action.hasPrefix("conversation.")
            })
    }

    @Test(arguments: StorageFactory.all)
    func wakeSnoozed_reopensOnlyTheDueOnes(factory: StorageFactory) async throws {
        let board = try await Board(factory)
        let conversations = board.fixture.storage.conversations
        let workspace = board.inbox.id
        let soon = Fixture.now.addingTimeInterval(3600)
        try await conversations.updateStatus(
            board.angry.id, in: workspace, status: .snoozed, snoozedUntil: soon, at: Fixture.now)
        try await conversations.updateStatus(
            board.spammy.id, in: workspace, status: .snoozed, snoozedUntil: soon.addingTimeInterval(3600),
            at: Fixture.now)
        #expect(try await conversations.wakeSnoozed(now: soon.addingTimeInterval(-1)).isEmpty)
        let woken = try await conversations.wakeSnoozed(now: soon)
        #expect(woken.map(\.id) == [board.angry.id])
        #expect(woken.first?.status == .open && woken.first?.snoozedUntil == nil)
        #expect(try await conversations.find(board.spammy.id, in: workspace)?.status == .snoozed)
    }

    @Test(arguments: StorageFactory.all)
    func savedViews_areNamedOncePerWorkspace_andIsolated(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let other = try await fixture.seed.workspace(named: "Other", owner: "other@example.org")
        let me = acme.owner.id
        let views = fixture.storage.savedViews
        let view = try await views.create(
            name: "Angry", filters: ["sentiment": "negative", "status": "open", "q": ""], createdBy: me, owner: nil,
            in: acme.id)
        #expect(view.filters == ["sentiment": "negative", "status": "open"])
        #expect(view.visibility == .shared)
        await #expect {
            _ = try await views.create(name: "ANGRY", filters: [:], createdBy: nil, owner: nil, in: acme.id)
        } throws: { isConflict($0) }
        _ = try await views.create(name: "Angry", filters: [:], createdBy: nil, owner: nil, in: other.id)
        await #expect {
            _ = try await views.create(name: "Bad", filters: ["<script>": "1"], createdBy: nil, owner: nil, in: acme.id)
        } throws: { isInvalid($0, field: "filters") }
        #expect(try await views.list(in: acme.id, visibleTo: me) == [view])
        #expect(try await views.find(view.id, in: other.id, visibleTo: other.owner.id) == nil)
        await #expect { try await views.delete(view.id, in: other.id) } throws: { isNotFound($0) }
        try await views.delete(view.id, in: acme.id)
        #expect(try await views.list(in: acme.id, visibleTo: me).isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func privateSavedViews_areVisibleToTheirOwnerOnly(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let colleague = try await fixture.seed.member("colleague@example.org", role: .moderator, of: acme.id)
        let views = fixture.storage.savedViews
        let mine = try await views.create(
            name: "Mine", filters: ["status": "open"], createdBy: acme.owner.id, owner: acme.owner.id, in: acme.id)
        #expect(mine.visibility == .private)
        #expect(try await views.find(mine.id, in: acme.id, visibleTo: colleague.id) == nil)
        #expect(try await views.list(in: acme.id, visibleTo: colleague.id).isEmpty)
        #expect(try await views.find(mine.id, in: acme.id, visibleTo: acme.owner.id) == mine)
        let shared = try await views.update(
            mine.id, name: "Ours", filters: ["status": "pending"], owner: nil, in: acme.id)
        #expect(shared.visibility == .shared && shared.name == "Ours" && shared.filters == ["status": "pending"])
        #expect(try await views.list(in: acme.id, visibleTo: colleague.id) == [shared])
    }

    @Test(arguments: StorageFactory.all)
    func savedReplies_keepOneVersionPerLanguage(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let replies = fixture.storage.savedReplies
        let created = try await replies.create(
            NewSavedReply(
                name: "Refund", intents: ["complaint"],
                versions: [
                    .init(language: "fr", body: "Bonjour {{member.name}}"),
                    .init(language: "en", body: "Hi {{member.name}}"),
                ]),
            in: acme.id)
        #expect(created.versions.map(\.language) == ["en", "fr"])
        #expect(try await replies.find(created.id, in: acme.id) == created)
        await #expect {
            _ = try await replies.create(
                NewSavedReply(name: "refund", intents: [], versions: [.init(language: "en", body: "x")]), in: acme.id)
        } throws: { isConflict($0) }
        fixture.clock.advance(by: 60)
        let updated = try await replies.update(
            created.id,
            with: NewSavedReply(name: "Refunds", intents: [], versions: [.init(language: "de", body: "Hallo")]),
            in: acme.id)
        #expect(updated.name == "Refunds")
        #expect(updated.versions == [SavedReplyVersion(language: "de", body: "Hallo")])
        #expect(updated.updatedAt > created.updatedAt)
        #expect(try await replies.list(in: acme.id) == [updated])
        try await replies.delete(created.id, in: acme.id)
        #expect(try await replies.list(in: acme.id).isEmpty)
        await #expect { try await replies.delete(created.id, in: acme.id) } throws: { isNotFound($0) }
    }
}
