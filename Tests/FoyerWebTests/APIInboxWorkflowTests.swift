import Foundation
import HTTPTypes
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// The inbox workflow through `/api/v1`: every change the pages make, with the same rules.
@Suite struct APIInboxWorkflowTests {
    struct Setup {
        let harness: APIHarness
        let inbox: SeededInbox
        let moderator: User
        let ownerToken: String
        let moderatorToken: String
        let analystToken: String
        var base: String { "/api/v1/workspaces/\(inbox.id)" }
        var conversation: String { base + "/conversations/\(inbox.conversation.id)" }

        static func make() async throws -> Setup {
            let harness = try await APIHarness.make()
            let inbox = try await harness.seed.inbox(
                named: "Acme", owner: "owner@example.org", messages: ["My order never arrived"])
            let moderator = try await harness.seed.member("moderator@example.org", role: .moderator, of: inbox.id)
            let analyst = try await harness.seed.member("analyst@example.org", role: .analyst, of: inbox.id)
            return Setup(
                harness: harness, inbox: inbox, moderator: moderator,
                ownerToken: try await harness.token(for: inbox.owner),
                moderatorToken: try await harness.token(for: moderator),
                analystToken: try await harness.token(for: analyst))
        }
    }

    @Test func patch_changesStatusAssigneeAndPriority_afterValidatingAll() async throws {
        let setup = try await Setup.make()
        try await setup.harness.test { client in
            let token = setup.moderatorToken
            let changed = try await client.api(
                .patch, setup.conversation, token: token,
                body:
                    #"{"assignee": "me", "priority": "urgent", "status": "snoozed", "snoozedUntil": "2026-03-01T09:00:00Z"}"#
            )
            #expect(changed.status == .ok, "\(changed.text)")
            let object = try changed.object()
            #expect(object["assigneeId"] as? Int == Int(setup.moderator.id.rawValue))
            #expect(object["priority"] as? String == "urgent")
            #expect(object["status"] as? String == "snoozed")
            #expect(object["snoozedUntil"] as? String == "2026-03-01T09:00:00Z")
            let bad = try await client.api(
                .patch, setup.conversation, token: token, body: #"{"assignee": "nobody", "priority": "whenever"}"#)
            #expect(bad.status == .badRequest)
            #expect(try bad.errorField() == "priority")
            let noDate = try await client.api(.patch, setup.conversation, token: token, body: #"{"status": "snoozed"}"#)
            #expect(try noDate.errorField() == "snoozedUntil")
            let analyst = try await client.api(
                .patch, setup.conversation, token: setup.analystToken, body: #"{"status": "closed"}"#)
            #expect(analyst.status == .forbidden)
        }
        let stored = try await setup.harness.storage.conversations.find(setup.inbox.conversation.id, in: setup.inbox.id)
        #expect(stored?.assigneeID == setup.moderator.id && stored?.priority == .urgent)
    }

    @Test func tagsNotesAndReplies_workThroughTheAPI() async throws {
        let setup = try await Setup.make()
        try await setup.harness.test { client in
            let token = setup.moderatorToken
            let tagged = try await client.api(
                .post, setup.conversation + "/tags", token: token, body: #"{"name": "vip"}"#)
            #expect(try tagged.object()["tags"] as? [String] == ["vip"])
            let untagged = try await client.api(.delete, setup.conversation + "/tags/vip", token: token)
            #expect(try untagged.object()["tags"] as? [String] == [])
            let note = try await client.api(
                .post, setup.conversation + "/notes", token: token, body: #"{"body": "@Owner please look"}"#)
            #expect(note.status == .created)
            #expect(try note.object()["mentions"] as? [String] == ["Owner"])
            let notes = try await client.api(.get, setup.conversation + "/notes", token: setup.analystToken)
            #expect(try notes.list().count == 1)
            let reply = try await client.api(
                .post, setup.conversation + "/replies", token: token, body: #"{"body": "It ships today."}"#)
            #expect(reply.status == .accepted)
            #expect(try reply.object()["state"] as? String == "scheduled")
            let replies = try await client.api(.get, setup.conversation + "/replies", token: setup.analystToken)
            #expect(try replies.list().map { $0["body"] as? String } == ["It ships today."])
            let empty = try await client.api(
                .post, setup.conversation + "/replies", token: token, body: #"{"body": " "}"#)
            #expect(empty.status == .badRequest)
            let analyst = try await client.api(
                .post, setup.conversation + "/replies", token: setup.analystToken, body: #"{"body": "No"}"#)
            #expect(analyst.status == .forbidden)

            // A retried request with the same Idempotency-Key gets the reply it queued, not a second one.
            let keyed: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "3f1c9a7e-retry"]
            let once = try await client.api(
                .post, setup.conversation + "/replies", token: token, body: #"{"body": "On its way."}"#, headers: keyed)
            let again = try await client.api(
                .post, setup.conversation + "/replies", token: token, body: #"{"body": "On its way."}"#, headers: keyed)
            #expect(once.status == .accepted && again.status == .accepted)
            #expect(try once.object()["id"] as? Int == (try again.object()["id"] as? Int))
            let reused = try await client.api(
                .post, setup.conversation + "/replies", token: token, body: #"{"body": "Something else."}"#,
                headers: keyed)
            #expect(reused.status == .conflict)
        }
        let queued = try await setup.harness.storage.publications.list(
            conversation: setup.inbox.conversation.id, in: setup.inbox.id)
        #expect(queued.count == 2)
    }

    @Test func bulk_andListFilters() async throws {
        let setup = try await Setup.make()
        let other = try await setup.harness.seed.conversation(
            in: setup.inbox.id, channel: setup.inbox.channel.id, thread: "t2", subject: "Second")
        _ = try await setup.harness.seed.messages(
            ["This is awful"], in: other, from: Seed.defaultStart.addingTimeInterval(60),
            analysis: MessageAnalysis(sentiment: .negative, toxic: true, intents: ["complaint"]))
        try await setup.harness.test { client in
            let token = setup.moderatorToken
            let body = #"{"ids": [\#(setup.inbox.conversation.id), \#(other.id), 999999], "action": "assign"}"#
            let bulk = try await client.api(.post, setup.base + "/conversations/bulk", token: token, body: body)
            #expect(try bulk.object()["changed"] as? Int == 2)
            let mine = try await client.api(.get, setup.base + "/conversations?assignee=me", token: token)
            #expect(try mine.list().count == 2)
            let toxic = try await client.api(
                .get, setup.base + "/conversations?toxic=true&sentiment=negative&intent=complaint", token: token)
            #expect(try toxic.list().map { $0["subject"] as? String } == ["Second"])
            let spam = try await client.api(
                .post, setup.base + "/conversations/bulk", token: token,
                body: #"{"ids": [\#(other.id)], "action": "spam"}"#)
            #expect(spam.status == .ok)
            let flagged = try await client.api(.get, setup.base + "/conversations?spam=true", token: token)
            #expect(try flagged.list().map { $0["spam"] as? Bool } == [true])
            let sorted = try await client.api(.get, setup.base + "/conversations?sort=oldestWaiting", token: token)
            #expect(try sorted.list().first?["subject"] as? String == "My order never arrived")
            for query in ["sort=random", "toxic=maybe", "assignee=nobody-knows", "intent=rant"] {
                let bad = try await client.api(.get, setup.base + "/conversations?" + query, token: token)
                #expect(bad.status == .badRequest, "\(query) answered \(bad.status.code)")
            }
            let badAction = try await client.api(
                .post, setup.base + "/conversations/bulk", token: token, body: #"{"ids": [1], "action": "explode"}"#)
            #expect(try badAction.errorField() == "action")
        }
    }

    @Test func savedViewsRepliesAndSettings_CRUD() async throws {
        let setup = try await Setup.make()
        try await setup.harness.test { client in
            let token = setup.moderatorToken
            let view = try await client.api(
                .post, setup.base + "/saved-views", token: token,
                body: #"{"name": "Mine", "filters": {"assignee": "me", "status": "open"}}"#)
            #expect(view.status == .created)
            let viewID = try #require(try view.object()["id"] as? Int)
            #expect(try await client.api(.get, setup.base + "/saved-views", token: token).list().count == 1)
            let badView = try await client.api(
                .post, setup.base + "/saved-views", token: token, body: #"{"name": "X", "filters": {"drop": "table"}}"#)
            #expect(try badView.errorField() == "filters")
            #expect(
                try await client.api(.delete, setup.base + "/saved-views/\(viewID)", token: token).status == .noContent)

            let reply = try await client.api(
                .post, setup.base + "/saved-replies", token: token,
                body:
                    #"{"name": "Sorry", "intents": ["complaint"], "versions": [{"language": "en", "body": "Sorry {{member.name}}"}]}"#
            )
            #expect(reply.status == .created)
            let replyID = try #require(try reply.object()["id"] as? Int)
            let updated = try await client.api(
                .put, setup.base + "/saved-replies/\(replyID)", token: token,
                body: #"{"name": "Sorry!", "versions": [{"language": "fr", "body": "Désolé"}]}"#)
            #expect(try updated.object()["name"] as? String == "Sorry!")
            let analystCreate = try await client.api(
                .post, setup.base + "/saved-replies", token: setup.analystToken,
                body: #"{"name": "No", "versions": [{"language": "en", "body": "x"}]}"#)
            #expect(analystCreate.status == .forbidden)
            #expect(
                try await client.api(.delete, setup.base + "/saved-replies/\(replyID)", token: token).status
                    == .noContent)

            let settings = try await client.api(.get, setup.base + "/inbox-settings", token: setup.analystToken)
            #expect(try settings.object()["businessHours"] as? [Any] != nil)
            let put = try await client.api(
                .put, setup.base + "/inbox-settings", token: setup.ownerToken,
                body:
                    #"{"firstResponseMinutes": 30, "businessHours": [{"day": "mon", "start": "09:00", "end": "17:00"}]}"#
            )
            #expect(put.status == .ok, "\(put.text)")
            #expect(try put.object()["firstResponseMinutes"] as? Int == 30)
            let badHours = try await client.api(
                .put, setup.base + "/inbox-settings", token: setup.ownerToken,
                body:
                    #"{"firstResponseMinutes": 30, "businessHours": [{"day": "mon", "start": "17:00", "end": "09:00"}]}"#
            )
            #expect(try badHours.errorField() == "businessHours")
            let notAdmin = try await client.api(
                .put, setup.base + "/inbox-settings", token: token, body: #"{"businessHours": []}"#)
            #expect(notAdmin.status == .forbidden)
            let breached = try await client.api(.get, setup.base + "/conversations?sla=breached", token: token)
            #expect(breached.status == .ok)
        }
        let settings = try await setup.harness.storage.inboxSettings.find(in: setup.inbox.id)
        #expect(settings.businessHours.periods == [.init(weekday: .monday, start: 540, end: 1020)])
    }

    @Test func inboxWireTypes_matchTheirSchemas() throws {
        let now = Date(timeIntervalSince1970: 1_768_471_200)
        let note = Note(
            id: .init(1), workspaceID: .init(1), conversationID: .init(2), memberID: nil, authorID: .init(3),
            body: "@Ann hi", createdAt: now)
        let publication = Publication(
            id: .init(1), workspaceID: .init(1), channelID: .init(2), purpose: .reply, conversationID: .init(3),
            body: "b", threadID: "t", inReplyToExternalID: "e", idempotencyKey: "k", state: .failed, attempts: 1,
            dueAt: now, leaseExpiresAt: nil, externalID: "x", remoteURL: "https://x", lastError: "e", createdBy: nil,
            createdAt: now, updatedAt: now)
        let samples: [(String, any Encodable)] = [
            ("Note", APINote(note, names: ["Ann"])),
            ("Publication", APIPublication(publication)),
            (
                "SavedView",
                APISavedView(
                    SavedView(
                        id: .init(1), workspaceID: .init(1), name: "n", filters: ["q": "x"], createdBy: nil,
                        createdAt: now))
            ),
            (
                "SavedReply",
                APISavedReply(
                    SavedReply(
                        id: .init(1), workspaceID: .init(1), name: "n", intents: ["bug"],
                        versions: [.init(language: "en", body: "b")], createdAt: now, updatedAt: now))
            ),
            ("InboxSettings", APIInboxSettings(InboxSettings(firstResponseMinutes: 5, businessHours: .officeHours))),
            ("BulkResult", APIBulkResult(changed: 2)),
        ]
        let schemas = OpenAPISchemas.all
        for (name, sample) in samples {
            let data = try APIJSON.encoder.encode(sample)
            let keys = Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
            guard case .object(let schema)? = schemas[name], case .object(let properties)? = schema["properties"] else {
                Issue.record("no object schema for \(name)")
                continue
            }
            #expect(
                keys == Set(properties.keys),
                "\(name): written \(keys.sorted()), documented \(properties.keys.sorted())")
        }
    }
}
