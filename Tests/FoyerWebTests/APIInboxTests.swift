import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// A workspace with two channels, three community members, conversations in several statuses, languages,
/// tags and assignees, for the inbox endpoints.
struct InboxFixture {
    let harness: APIHarness
    let workspace: Workspace
    let owner: User
    let agent: User
    let token: String
    let matrix: Channel
    let mastodon: Channel
    let alice: Member
    let bruno: Member
    /// Open, on Matrix, assigned to `agent`, tagged `billing`, English, negative.
    let refund: Conversation
    /// Pending, on Mastodon, French, positive.
    let merci: Conversation
    /// Closed, on Matrix, Spanish, neutral.
    let hola: Conversation
    let messages: [Message]

    var base: String { "/api/v1/workspaces/\(workspace.id)" }

    static func make() async throws -> InboxFixture {
        let harness = try await APIHarness.make()
        let seed = harness.seed
        let acme = try await seed.workspace(named: "Acme", owner: "owner@example.org")
        let agent = try await seed.member("agent@example.org", role: .moderator, of: acme.id)
        let matrix = try await seed.channel(in: acme.id, kind: .matrix, name: "Matrix room")
        let mastodon = try await seed.channel(in: acme.id, kind: .mastodon, name: "Mastodon")
        let alice = try await seed.communityMember(in: acme.id, name: "Alice Martin", platform: .matrix)
        let bruno = try await seed.communityMember(
            in: acme.id, name: "Bruno Lefèvre", platform: .mastodon, handle: "@bruno@social.example")
        _ = try await seed.communityMember(in: acme.id, name: "Carmen Ruiz", platform: .matrix)

        let refund = try await seed.conversation(
            in: acme.id, channel: matrix.id, thread: "t-refund", subject: "Refund", status: .open, member: alice.id)
        try await harness.storage.conversations.assign(refund.id, in: acme.id, to: agent.id)
        try await harness.storage.conversations.addTag("billing", to: refund.id, in: acme.id)
        let merci = try await seed.conversation(
            in: acme.id, channel: mastodon.id, thread: "t-merci", subject: "Merci", status: .pending, member: bruno.id)
        let hola = try await seed.conversation(
            in: acme.id, channel: matrix.id, thread: "t-hola", subject: "Hola", status: .closed)

        var messages: [Message] = []
        messages += try await seed.messages(
            ["I want a refund for my broken kettle", "Still waiting for the refund"], in: refund, member: alice.id,
            analysis: MessageAnalysis(language: "en", sentiment: .negative))
        messages += try await seed.messages(
            ["Merci pour la livraison rapide", "Produit génial", "Je recommande"], in: merci, member: bruno.id,
            from: Seed.defaultStart.addingTimeInterval(3600),
            analysis: MessageAnalysis(language: "fr", sentiment: .positive))
        messages += try await seed.messages(
            ["Hola, ¿tienen tienda en Madrid?"], in: hola, from: Seed.defaultStart.addingTimeInterval(7200),
            analysis: MessageAnalysis(language: "es", sentiment: .neutral))
        let token = try await harness.token(for: acme.owner)
        return InboxFixture(
            harness: harness, workspace: acme.workspace, owner: acme.owner, agent: agent, token: token, matrix: matrix,
            mastodon: mastodon, alice: alice, bruno: bruno, refund: refund, merci: merci, hola: hola, messages: messages
        )
    }

    func get(_ path: String, token: String? = nil) async throws -> TestResponse {
        let token = token ?? self.token
        return try await harness.test { client in try await client.api(.get, path, token: token) }
    }

    /// Follows `next` from `path` (which has no query or ends with one) and returns every id, in order.
    func collect(_ path: String, limit: Int) async throws -> (ids: [Int64], pages: Int) {
        var ids: [Int64] = []
        var cursor: String?
        var pages = 0
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            let response = try await get(path + "\(separator)limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(response.status == .ok, "\(response.text)")
            ids += try response.list().ids
            cursor = try response.next()
            pages += 1
        } while cursor != nil && pages < 50
        return (ids, pages)
    }
}

@Suite struct APIInboxTests {
    // MARK: Conversations

    @Test func listConversations_returnsAllNewestActivityFirst() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/conversations")
        #expect(response.status == .ok)
        let data = try response.list()
        #expect(data.ids == [inbox.hola.id.rawValue, inbox.merci.id.rawValue, inbox.refund.id.rawValue])
        let refund = try #require(data.last)
        #expect(refund["status"] as? String == "open")
        #expect(refund["tags"] as? [String] == ["billing"])
        #expect(refund["assigneeId"] as? Int == Int(inbox.agent.id.rawValue))
        #expect(refund["channelId"] as? Int == Int(inbox.matrix.id.rawValue))
        #expect(refund["messageCount"] as? Int == 2)
    }

    @Test(arguments: [
        ("status=pending", ["merci"]),
        ("status=closed", ["hola"]),
        ("status=snoozed", []),
        ("channel=MASTODON", ["merci"]),
        ("language=fr", ["merci"]),
        ("language=es", ["hola"]),
        ("q=refund", ["refund"]),
        ("q=livraison", ["merci"]),
        ("assignee=AGENT", ["refund"]),
        ("tag=billing", ["refund"]),
        ("status=open&language=fr", []),
        ("channel=MATRIX&status=closed", ["hola"]),
    ])
    func listConversations_filters(query: String, expected: [String]) async throws {
        let inbox = try await InboxFixture.make()
        let names = [
            "refund": inbox.refund.id.rawValue, "merci": inbox.merci.id.rawValue, "hola": inbox.hola.id.rawValue,
        ]
        let resolved =
            query
            .replacingOccurrences(of: "MASTODON", with: inbox.mastodon.id.description)
            .replacingOccurrences(of: "MATRIX", with: inbox.matrix.id.description)
            .replacingOccurrences(of: "AGENT", with: inbox.agent.id.description)

        let response = try await inbox.get("\(inbox.base)/conversations?\(resolved)")

        #expect(response.status == .ok, "\(response.text)")
        #expect(Set(try response.list().ids) == Set(expected.compactMap { names[$0] }))
    }

    @Test func listConversations_pagesVisitEveryConversationOnce() async throws {
        let inbox = try await InboxFixture.make()
        let (ids, pages) = try await inbox.collect("\(inbox.base)/conversations", limit: 1)
        #expect(pages == 3)
        #expect(ids == [inbox.hola.id.rawValue, inbox.merci.id.rawValue, inbox.refund.id.rawValue])
    }

    @Test func getConversation_includesTheThreadOldestFirst() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/conversations/\(inbox.merci.id)")
        #expect(response.status == .ok)
        let object = try response.object()
        #expect(object["subject"] as? String == "Merci")
        let messages = try #require(object["messages"] as? [[String: Any]])
        #expect(
            messages.map { $0["body"] as? String } == [
                "Merci pour la livraison rapide", "Produit génial", "Je recommande",
            ])
        #expect((messages.first?["analysis"] as? [String: Any])?["language"] as? String == "fr")
    }

    @Test func getConversation_unknownID_answers404() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/conversations/999999")
        #expect(response.status == .notFound)
        #expect(try response.errorCode() == "not_found")
    }

    // MARK: Messages

    @Test(arguments: [
        ("", 6),
        ("language=fr", 3),
        ("sentiment=negative", 2),
        ("sentiment=neutral", 1),
        ("channel=MASTODON", 3),
        ("conversation=HOLA", 1),
        ("q=kettle", 1),
        ("q=refund", 2),
        ("language=en&sentiment=positive", 0),
    ])
    func listMessages_filters(query: String, count: Int) async throws {
        let inbox = try await InboxFixture.make()
        let resolved =
            query
            .replacingOccurrences(of: "MASTODON", with: inbox.mastodon.id.description)
            .replacingOccurrences(of: "HOLA", with: inbox.hola.id.description)

        let response = try await inbox.get("\(inbox.base)/messages?\(resolved)")

        #expect(response.status == .ok, "\(response.text)")
        #expect(try response.list().count == count)
    }

    @Test func listMessages_pagesVisitEveryMessageOnceNewestFirst() async throws {
        let inbox = try await InboxFixture.make()
        let (ids, pages) = try await inbox.collect("\(inbox.base)/messages", limit: 4)
        #expect(pages == 2)
        #expect(ids.count == 6)
        #expect(Set(ids) == Set(inbox.messages.map(\.id.rawValue)))
        let (one, onePages) = try await inbox.collect("\(inbox.base)/messages?language=fr", limit: 1)
        #expect(onePages == 3)
        #expect(Set(one).count == 3)
    }

    @Test func listMessages_camelCaseWithISODates() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/messages?conversation=\(inbox.hola.id)")
        let message = try #require(try response.list().first)
        #expect(message["conversationId"] as? Int == Int(inbox.hola.id.rawValue))
        #expect(message["authorName"] as? String == "Alice Martin")
        let sentAt = try #require(message["sentAt"] as? String)
        #expect(ISO8601DateFormatter().date(from: sentAt) == Seed.defaultStart.addingTimeInterval(7200))
    }

    // MARK: Members

    @Test func listMembers_filtersByNameOrHandle() async throws {
        let inbox = try await InboxFixture.make()
        let all = try await inbox.get("\(inbox.base)/members")
        #expect(try all.list().count == 3)
        let byName = try await inbox.get("\(inbox.base)/members?q=Bruno")
        #expect(try byName.list().ids == [inbox.bruno.id.rawValue])
        let byHandle = try await inbox.get("\(inbox.base)/members?q=social.example")
        #expect(try byHandle.list().ids == [inbox.bruno.id.rawValue])
        let (ids, _) = try await inbox.collect("\(inbox.base)/members", limit: 2)
        #expect(Set(ids).count == 3 && ids.count == 3)
    }

    @Test func getMember_includesIdentities() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/members/\(inbox.bruno.id)")
        #expect(response.status == .ok)
        let object = try response.object()
        #expect(object["displayName"] as? String == "Bruno Lefèvre")
        let identities = try #require(object["identities"] as? [[String: Any]])
        #expect(identities.count == 1)
        #expect(identities.first?["platform"] as? String == "mastodon")
        #expect(identities.first?["handle"] as? String == "@bruno@social.example")
    }

    // MARK: Roles

    @Test(arguments: ["members", "conversations", "messages", "members/MEMBER", "conversations/CONVERSATION"])
    func inboxRoutes_forAClient_answer403(path: String) async throws {
        let inbox = try await InboxFixture.make()
        let client = try await inbox.harness.seed.member("client@example.org", role: .client, of: inbox.workspace.id)
        let token = try await inbox.harness.token(for: client)
        let resolved =
            path
            .replacingOccurrences(of: "MEMBER", with: inbox.alice.id.description)
            .replacingOccurrences(of: "CONVERSATION", with: inbox.refund.id.description)

        let response = try await inbox.get("\(inbox.base)/\(resolved)", token: token)

        #expect(response.status == .forbidden)
        #expect(try response.errorCode() == "forbidden")
        #expect(!response.text.contains("refund"))
    }

    @Test func inboxRoutes_forAnAnalyst_answer200() async throws {
        let inbox = try await InboxFixture.make()
        let analyst = try await inbox.harness.seed.member("analyst@example.org", role: .analyst, of: inbox.workspace.id)
        let token = try await inbox.harness.token(for: analyst)
        for path in ["members", "conversations", "messages", "channels"] {
            #expect(try await inbox.get("\(inbox.base)/\(path)", token: token).status == .ok)
        }
    }

    // MARK: Bad input

    @Test(
        arguments: [
            ("conversations?status=archived", "status"),
            ("conversations?status=", nil),
            ("conversations?channel=abc", "channel"),
            ("conversations?channel=-3", "channel"),
            ("conversations?assignee=1.5", "assignee"),
            ("conversations?language=english", "language"),
            ("conversations?limit=0", "limit"),
            ("conversations?limit=201", "limit"),
            ("conversations?limit=ten", "limit"),
            ("conversations?cursor=not-a-cursor", "cursor"),
            ("conversations?q=\(String(repeating: "a", count: 501))", "q"),
            ("conversations?tag=\(String(repeating: "t", count: 101))", "tag"),
            ("conversations?stauts=open", "stauts"),
            ("messages?sentiment=angry", "sentiment"),
            ("messages?conversation=0", "conversation"),
            ("messages?cursor=%%%", "cursor"),
            ("messages?limit=-1", "limit"),
            ("members?q=\(String(repeating: "a", count: 501))", "q"),
            ("members?cursor=bm9wZQ", "cursor"),
            ("channels?cursor=bm9wZQ", "cursor"),
            ("channels?limit=1000", "limit"),
            ("members/abc", "memberID"),
            ("conversations/0", "conversationID"),
        ] as [(String, String?)])
    func badInput_answers400NamingTheParameter(path: String, parameter: String?) async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/\(path)")
        if let parameter {
            #expect(response.status == .badRequest, "\(path): \(response.text)")
            #expect(try response.errorCode() == "invalid_parameter")
            #expect(try response.errorField() == parameter)
        } else {
            // An empty value is the same as no value.
            #expect(response.status == .ok)
        }
    }

    @Test func badWorkspaceID_answers400() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("/api/v1/workspaces/acme/conversations")
        #expect(response.status == .badRequest)
        #expect(try response.errorField() == "workspaceID")
    }

    @Test func q_atTheLimit_isAccepted() async throws {
        let inbox = try await InboxFixture.make()
        let response = try await inbox.get("\(inbox.base)/messages?q=\(String(repeating: "a", count: 500))")
        #expect(response.status == .ok)
    }
}

@Suite struct APIQueryEncodingTests {
    @Test func q_withPlusForSpaceOrPercentEscapes_findsTheSameMessages() async throws {
        let inbox = try await InboxFixture.make()
        for query in ["q=broken+kettle", "q=broken%20kettle", "q=%62roken+kettle"] {
            let response = try await inbox.get("\(inbox.base)/messages?\(query)")
            #expect(response.status == .ok)
            #expect(try response.list().count == 1, "\(query)")
        }
    }

    @Test func parse_decodesPlusAsSpaceAndEscapedPlusAsPlus() {
        let pairs = APIQuery.parse("q=a+b%2Bc&tag=caf%C3%A9&empty=&flag")
        #expect(pairs.map(\.name) == ["q", "tag", "empty", "flag"])
        #expect(pairs.map(\.value) == ["a b+c", "café", "", ""])
    }
}
