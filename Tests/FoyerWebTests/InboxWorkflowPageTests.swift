import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FoyerWeb

/// The inbox pages: filters, sorts, saved views, bulk actions, the conversation's actions, replies, SLA,
/// live updates and presence.
@Suite struct InboxWorkflowPageTests {
    /// A workspace (Europe/Paris) with an owner, a moderator, an analyst and three conversations.
    struct Board {
        let app: WebTestApp
        let inbox: SeededInbox
        let moderator: User
        let analyst: User
        /// Negative complaint, English: "Refund please".
        let angry: Conversation
        /// Positive praise, French: "Merci beaucoup".
        let happy: Conversation
        var quiet: Conversation { inbox.conversation }
        var base: String { "/w/\(inbox.id)/inbox" }

        static func make() async throws -> Board {
            let app = try await WebTestApp.make()
            let inbox = try await app.seed.inbox(
                named: "Acme", owner: "owner@example.org", messages: ["Where is my parcel?"])
            try await app.user("owner@example.org")
            let moderator = try await app.user("moderator@example.org")
            try await app.seed.member("moderator@example.org", role: .moderator, of: inbox.id)
            let analyst = try await app.user("analyst@example.org")
            try await app.seed.member("analyst@example.org", role: .analyst, of: inbox.id)
            let angry = try await app.seed.conversation(
                in: inbox.id, channel: inbox.channel.id, thread: "angry", subject: "Refund please",
                member: inbox.member.id)
            _ = try await app.seed.messages(
                ["I want a refund for this broken kettle"], in: angry, member: inbox.member.id,
                from: Seed.defaultStart.addingTimeInterval(600),
                analysis: MessageAnalysis(language: "en", sentiment: .negative, intents: ["complaint"]))
            let happy = try await app.seed.conversation(
                in: inbox.id, channel: inbox.channel.id, thread: "happy", subject: "Merci beaucoup")
            _ = try await app.seed.messages(
                ["Merci pour tout"], in: happy, from: Seed.defaultStart.addingTimeInterval(1200),
                analysis: MessageAnalysis(language: "fr", sentiment: .positive, intents: ["praise"]))
            return Board(app: app, inbox: inbox, moderator: moderator, analyst: analyst, angry: angry, happy: happy)
        }

        func conversationPath(_ conversation: Conversation, _ action: String = "") -> String {
            "\(base)/\(conversation.id)" + (action.isEmpty ? "" : "/\(action)")
        }
    }

    @Test func filters_combine_andSortsOrderTheList() async throws {
        let board = try await Board.make()
        try await board.app.storage.conversations.setPriority(board.quiet.id, in: board.inbox.id, priority: .urgent)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let negative = try await owner.get(client, board.base + "?sentiment=negative&intent=complaint").html
            #expect(negative.contains("Refund please"))
            #expect(!negative.contains("Merci beaucoup") && !negative.contains("Where is my parcel?"))
            let none = try await owner.get(client, board.base + "?sentiment=negative&intent=praise").html
            #expect(!none.contains("Refund please"))
            let newest = try await owner.get(client, board.base).html
            let byPriority = try await owner.get(client, board.base + "?sort=priority").html
            func order(_ html: String) -> [String] {
                ["Where is my parcel?", "Refund please", "Merci beaucoup"].sorted {
                    (html.range(of: $0)?.lowerBound ?? html.endIndex)
                        < (html.range(of: $1)?.lowerBound ?? html.endIndex)
                }
            }
            #expect(order(newest) == ["Merci beaucoup", "Refund please", "Where is my parcel?"])
            #expect(order(byPriority).first == "Where is my parcel?")
            let waiting = try await owner.get(client, board.base + "?sort=oldestWaiting").html
            #expect(order(waiting) == ["Where is my parcel?", "Refund please", "Merci beaucoup"])
            let bad = try await owner.get(client, board.base + "?sort=sideways&toxic=maybe")
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains("The filter “sort”"))
        }
    }

    @Test func savedView_isSavedListedAndDeleted() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let saved = try await owner.post(
                client, board.base + "/views", form: ["name": "Angry <b>ones</b>", "sentiment": "negative"])
            #expect(saved.status == .seeOther)
            #expect(saved.redirectPath == board.base + "?sentiment=negative&notice=view_saved")
            let views = try await board.app.storage.savedViews.list(in: board.inbox.id, visibleTo: board.inbox.owner.id)
            #expect(views.map(\.filters) == [["sentiment": "negative"]])
            let page = try await owner.get(client, board.base).html
            #expect(page.contains("Angry &lt;b&gt;ones&lt;/b&gt;"))
            #expect(page.contains("href=\"\(board.base)?sentiment=negative\""))
            let duplicate = try await owner.post(client, board.base + "/views", form: ["name": "ANGRY <B>ONES</B>"])
            #expect(duplicate.status == .badRequest)
            let deleted = try await owner.post(client, board.base + "/views/\(views[0].id)/delete")
            #expect(deleted.status == .seeOther)
            #expect(try await board.app.storage.savedViews.list(in: board.inbox.id, visibleTo: board.inbox.owner.id).isEmpty)
        }
    }

    @Test func bulkActions_assignTagCloseAndMarkSpam() async throws {
        let board = try await Board.make()
        let storage = board.app.storage
        let workspace = board.inbox.id
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let selection = ["select-\(board.angry.id)": "on", "select-\(board.happy.id)": "on"]
            let assigned = try await moderator.post(
                client, board.base + "/bulk",
                form: selection.merging(["action": "assign", "assignee": "me", "returnTo": board.base + "?status=open"])
                { a, _ in a })
            #expect(assigned.redirectPath == board.base + "?status=open&notice=bulk_done")
            _ = try await moderator.post(
                client, board.base + "/bulk", form: selection.merging(["action": "tag", "tag": "vip"]) { a, _ in a })
            _ = try await moderator.post(
                client, board.base + "/bulk", form: ["select-\(board.happy.id)": "on", "action": "spam"])
            let evil = try await moderator.post(
                client, board.base + "/bulk",
                form: ["select-1": "on", "action": "close", "returnTo": "https://evil.example"])
            #expect(evil.redirectPath == board.base + "?notice=bulk_done")
        }
        let angry = try #require(try await storage.conversations.find(board.angry.id, in: workspace))
        let happy = try #require(try await storage.conversations.find(board.happy.id, in: workspace))
        #expect(angry.assigneeID == board.moderator.id && happy.assigneeID == board.moderator.id)
        #expect(angry.tags == ["vip"] && happy.tags == ["vip"])
        #expect(happy.isSpam && happy.status == .closed)
        #expect(!angry.isSpam && angry.status == .open)
        #expect(try await storage.conversations.find(board.quiet.id, in: workspace)?.assigneeID == nil)
    }

    @Test func conversationActions_assignSnoozeTagAndPriority() async throws {
        let board = try await Board.make()
        let storage = board.app.storage
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let path = board.conversationPath(board.angry)
            #expect(try await moderator.post(client, path + "/assign", form: ["assignee": "me"]).status == .seeOther)
            // 09:30 in Paris in January is 08:30 UTC.
            let snoozed = try await moderator.post(
                client, path + "/status", form: ["status": "snoozed", "snoozedUntil": "2026-01-20T09:30"])
            #expect(snoozed.redirectPath == path + "?notice=saved")
            _ = try await moderator.post(client, path + "/tags", form: ["tag": "kettle"])
            _ = try await moderator.post(client, path + "/priority", form: ["priority": "high"])
            let past = try await moderator.post(
                client, path + "/status", form: ["status": "snoozed", "snoozedUntil": "2020-01-01T09:00"])
            #expect(past.status == .badRequest)
            #expect(past.html.contains("Choose a time in the future"))
            let page = try await moderator.get(client, path).html
            #expect(page.contains("kettle"))
            #expect(page.contains("value=\"2026-01-20T09:30\""))
        }
        let angry = try #require(try await storage.conversations.find(board.angry.id, in: board.inbox.id))
        #expect(angry.assigneeID == board.moderator.id)
        #expect(angry.status == .snoozed)
        #expect(angry.snoozedUntil == ISO8601DateFormatter().date(from: "2026-01-20T08:30:00Z"))
        #expect(angry.tags == ["kettle"])
        #expect(angry.priority == .high)
        let actions = try await storage.audit.list(in: board.inbox.id, page: PageRequest(limit: 50)).items.map(\.action)
        #expect(actions.contains("conversation.assigned") && actions.contains("conversation.status_changed"))
    }

    @Test func notes_highlightMentions_andEscapeEverythingElse() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let path = board.conversationPath(board.angry)
            _ = try await moderator.post(
                client, path + "/notes", form: ["body": "@owner can you check? <script>alert(1)</script>"])
            let html = try await moderator.get(client, path).html
            #expect(html.contains("<mark class=\"mention\">@owner</mark>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert(1)"))
        }
        let audit = try await board.app.storage.audit.list(in: board.inbox.id, page: PageRequest()).items
        #expect(audit.first { $0.action == "conversation.noted" }?.details["mentions"] == "owner")
    }

    @Test func reply_isQueuedOnce_forOneForm_inTheThread() async throws {
        let board = try await Board.make()
        let storage = board.app.storage
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let path = board.conversationPath(board.angry)
            let page = try await moderator.get(client, path).html
            let key = try #require(
                page.range(of: "name=\"replyKey\" value=\"").map { range in
                    String(page[range.upperBound...].prefix { $0 != "\"" })
                })
            let form = ["replyKey": key, "body": "Sorry, a new kettle is on its way."]
            let first = try await moderator.post(client, path + "/replies", form: form)
            let second = try await moderator.post(client, path + "/replies", form: form)
            #expect(first.redirectPath == path + "?notice=reply_queued")
            #expect(second.redirectPath == path + "?notice=reply_duplicate")
            let empty = try await moderator.post(
                client, path + "/replies", form: ["replyKey": String(repeating: "k", count: 20), "body": "  "])
            #expect(empty.status == .badRequest)
            #expect(empty.html.contains("Write the reply first."))
            let shown = try await moderator.get(client, path).html
            #expect(shown.contains("Queued"))
        }
        let publications = try await storage.publications.list(conversation: board.angry.id, in: board.inbox.id)
        #expect(publications.count == 1)
        let reply = try #require(publications.first)
        #expect(reply.purpose == .reply && reply.state == .scheduled)
        #expect(reply.threadID == "angry")
        let thread = try await storage.messages.thread(board.angry.id, in: board.inbox.id)
        #expect(reply.inReplyToExternalID == thread.last?.externalID)
        #expect(reply.createdBy == board.moderator.id)
    }

    /// A connector of the seeded channel's kind that cannot reply.
    struct InboxReadOnlyConnector: Connector {
        let kind = ChannelKind.matrix
        let capabilities = ConnectorCapabilities(ingest: .poll)
    }

    @Test func reply_isRefused_whenTheChannelCannotReply() async throws {
        let board = try await Board.make()
        var dependencies = board.app.dependencies
        dependencies.connectors = ConnectorRegistry([InboxReadOnlyConnector()])
        let app = WebTestApp(dependencies: dependencies, clock: board.app.clock)
        try await app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let path = board.conversationPath(board.angry)
            let page = try await moderator.get(client, path).html
            #expect(!page.contains("id=\"reply-form\""))
            #expect(page.contains("This channel cannot send replies from Foyer"))
            let refused = try await moderator.post(
                client, path + "/replies", form: ["replyKey": String(repeating: "k", count: 20), "body": "Hello"])
            #expect(refused.status == .badRequest)
        }
        #expect(try await app.storage.publications.list(conversation: board.angry.id, in: board.inbox.id).isEmpty)
    }

    @Test func savedReplies_areManaged_andSuggestedForTheIntent() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let settings = "/w/\(board.inbox.id)/settings/replies"
            let created = try await moderator.post(
                client, settings,
                form: [
                    "name": "Refund", "intent-complaint": "on", "language-1": "en",
                    "body-1": "Hello {{member.name}}, {{agent.name}} from {{workspace.name}} here.",
                    "language-2": "fr", "body-2": "Bonjour {{member.name}}",
                ])
            #expect(created.status == .seeOther)
            _ = try await moderator.post(
                client, settings,
                form: ["name": "Thanks", "intent-praise": "on", "language-1": "en", "body-1": "Thanks!"])
            let bad = try await moderator.post(client, settings, form: ["name": "Empty"])
            #expect(bad.status == .badRequest)
            let replies = try await board.app.storage.savedReplies.list(in: board.inbox.id)
            #expect(replies.map(\.name) == ["Refund", "Thanks"])
            let page = try await moderator.get(client, board.conversationPath(board.angry)).html
            let refund = try #require(page.range(of: ">Refund (en) ★<"))
            let thanks = try #require(page.range(of: ">Thanks (en)<"))
            #expect(refund.lowerBound < thanks.lowerBound)
            let filled = try await moderator.get(
                client, board.conversationPath(board.angry) + "?use=\(replies[0].id)"
            ).html
            #expect(filled.contains(">Hello Alice Martin, Moderator from Acme here.</textarea>"))
        }
    }

    @Test func slaBreaches_areCountedAndHighlighted() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let before = try await owner.get(client, board.base).html
            #expect(!before.contains("Waiting longer than the response target"))
            let saved = try await owner.post(
                client, "/w/\(board.inbox.id)/settings/inbox",
                form: ["firstResponseMinutes": "60", "businessHours": ""])
            #expect(saved.status == .seeOther)
            // A day later every conversation has waited more than an hour, except once answered.
            _ = try await board.app.seed.messages(
                ["On it"], in: board.happy, from: Seed.defaultStart.addingTimeInterval(1800), direction: .outbound)
            let after = try await owner.get(client, board.base).html
            #expect(after.contains("Waiting longer than the response target: <strong>2</strong>"))
            #expect(after.components(separatedBy: "inbox-row breached").count - 1 == 2)
            let bad = try await owner.post(
                client, "/w/\(board.inbox.id)/settings/inbox",
                form: ["firstResponseMinutes": "60", "businessHours": "monday"])
            #expect(bad.status == .badRequest)
            let moderator = try await signIn(client, email: "moderator@example.org")
            let refused = try await moderator.post(
                client, "/w/\(board.inbox.id)/settings/inbox", form: ["firstResponseMinutes": "5"])
            #expect(refused.status == .forbidden)
        }
        #expect(try await board.app.storage.inboxSettings.find(in: board.inbox.id).firstResponseMinutes == 60)
    }

    @Test func analyst_readsButCannotAct() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let analyst = try await signIn(client, email: "analyst@example.org")
            let path = board.conversationPath(board.angry)
            let page = try await analyst.get(client, path)
            #expect(page.status == .ok)
            #expect(!page.html.contains("id=\"reply-form\""))
            for (action, form) in [
                ("assign", ["assignee": "me"]), ("status", ["status": "closed"]), ("notes", ["body": "x"]),
                ("replies", ["body": "x", "replyKey": String(repeating: "k", count: 20)]), ("tags", ["tag": "x"]),
            ] {
                let response = try await analyst.post(client, path + "/" + action, form: form)
                #expect(response.status == .forbidden, "\(action) answered \(response.status.code)")
            }
            let bulk = try await analyst.post(
                client, board.base + "/bulk", form: ["select-\(board.angry.id)": "on", "action": "close"])
            #expect(bulk.status == .forbidden)
        }
        let angry = try await board.app.storage.conversations.find(board.angry.id, in: board.inbox.id)
        #expect(angry?.status == .open && angry?.assigneeID == nil)
        #expect(try await board.app.storage.publications.list(conversation: board.angry.id, in: board.inbox.id).isEmpty)
    }

    @Test func pages_renderInFrench() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let list = try await owner.get(client, board.base, headers: [.acceptLanguage: "fr"]).html
            #expect(list.contains("<html lang=\"fr\">"))
            #expect(list.contains("Enregistrer la vue"))
            #expect(list.contains("Raccourcis clavier"))
            let page = try await owner.get(
                client, board.conversationPath(board.angry), headers: [.acceptLanguage: "fr"]
            ).html
            #expect(page.contains("Envoyer la réponse"))
            #expect(page.contains("Notes internes"))
            let english = try await owner.get(client, board.conversationPath(board.angry)).html
            #expect(english.contains("Send reply"))
        }
    }

    @Test func hostileContent_isEscapedEverywhere() async throws {
        let board = try await Board.make()
        let hostile = "<img src=x onerror=alert(1)>\"'"
        let evil = try await board.app.seed.conversation(
            in: board.inbox.id, channel: board.inbox.channel.id, thread: "evil", subject: hostile)
        _ = try await board.app.seed.messages([hostile], in: evil, author: hostile)
        _ = try await board.app.storage.savedReplies.create(
            NewSavedReply(name: "Evil", intents: [], versions: [.init(language: "en", body: hostile)]),
            in: board.inbox.id)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            for path in [board.base, board.conversationPath(evil), "/w/\(board.inbox.id)/settings/replies"] {
                let html = try await owner.get(client, path).html
                #expect(!html.contains("<img src=x"), "\(path) lets markup through")
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(path) lost the text")
            }
        }
    }

    @Test func events_streamAnActionAsServerSentEvents() async throws {
        let board = try await Board.make()
        let hub = board.app.dependencies.liveEvents
        let workspace = board.inbox.id
        let text = try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let info = try await owner.get(client, "/w/\(workspace)/events")
            #expect(info.status == .ok && info.html.contains("<h1"))
            return try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    let response = try await owner.get(
                        client, "/w/\(workspace)/events?limit=1", headers: [.accept: "text/event-stream"])
                    #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
                    return response.html
                }
                group.addTask {
                    for _ in 0..<500 where hub.subscriberCount(in: workspace) == 0 {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    _ = try await owner.post(
                        client, board.conversationPath(board.angry, "status"), form: ["status": "closed"])
                    return nil
                }
                var stream: String?
                for try await value in group { if let value { stream = value } }
                return stream ?? ""
            }
        }
        #expect(text.hasPrefix("retry: 5000\n\n"))
        #expect(text.contains("event: conversation.changed\n"))
        #expect(text.contains("\"conversation\":\"\(board.angry.id)\""))
        #expect(hub.subscriberCount(in: workspace) == 0)
    }

    @Test func sseFrame_isOneEventWithJSONData() {
        let event = LiveEvent(
            kind: .presence, workspaceID: WorkspaceID(1), conversationID: ConversationID(2),
            data: ["name": "Ann\nEvil", "state": "typing"])
        let frame = InboxLivePages.frame(for: event)
        #expect(frame.hasPrefix("event: presence\ndata: {"))
        #expect(frame.hasSuffix("}\n\n"))
        #expect(frame.components(separatedBy: "\n").count == 4, "a newline in data must not split the frame")
    }

    @Test func presence_tellsWhoElseIsViewingOrWriting() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let moderator = try await signIn(client, email: "moderator@example.org")
            let path = board.conversationPath(board.angry, "presence")
            let first = try await owner.post(client, path, form: ["state": "viewing"])
            #expect(first.status == .ok)
            #expect(first.html == #"{"present":[]}"#)
            let second = try await moderator.post(client, path, form: ["state": "typing"])
            #expect(second.html.contains(#""name":"Owner""#) && second.html.contains(#""state":"viewing""#))
            let page = try await owner.get(client, board.conversationPath(board.angry)).html
            #expect(page.contains("Moderator · writing"))
            _ = try await moderator.post(client, path, form: ["state": "left"])
            let after = try await owner.post(client, path, form: ["state": "viewing"])
            #expect(after.html == #"{"present":[]}"#)
            let bad = try await owner.post(client, path, form: ["state": "dancing"])
            #expect(bad.status == .badRequest)
            let noToken = try await owner.post(client, path, form: ["state": "viewing"], csrf: .some(nil))
            #expect(noToken.status == .forbidden)
        }
    }
}
