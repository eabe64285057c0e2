import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// Moderation from the conversation page and the API: through the channel's connector, within its
/// capabilities, for moderators and above, audited, and nothing changed when the platform refuses.
@Suite struct ModerationTests {
    /// A Matrix channel with sealed credentials, a conversation with an inbound message from a known member,
    /// and users of every role.
    struct Board {
        let app: WebTestApp
        let recorder: RecordingModerator
        let workspace: WorkspaceID
        let conversation: Conversation
        let message: Message
        let author: Identity
        let moderator: User

        var page: String { "/w/\(workspace)/inbox/\(conversation.id)" }
        func form(_ message: Message) -> String { page + "/messages/\(message.id)/moderation" }
        func api(_ message: Message) -> String { "/api/v1/workspaces/\(workspace)/messages/\(message.id)/moderation" }

        static func make(
            capabilities: ConnectorCapabilities = ConnectorCapabilities(ingest: .poll, hide: true, delete: true, ban: true)
        ) async throws -> Board {
            let recorder = RecordingModerator()
            var app = try await WebTestApp.make()
            var dependencies = app.dependencies
            dependencies.connectors = ConnectorRegistry([
                ModeratingConnector(kind: .matrix, capabilities: capabilities, recorder: recorder)
            ])
            let sealer = TestCredentialSealer()
            dependencies.sealer = sealer
            app = WebTestApp(dependencies: dependencies, clock: app.clock)

            let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org").workspace.id
            try await app.user("owner@example.org")
            for role in [Role.admin, .manager, .moderator, .analyst, .client] {
                try await app.seed.member("\(role.rawValue)@example.org", role: role, of: workspace)
                try await app.user("\(role.rawValue)@example.org")
            }
            let channel = try await app.seed.channel(
                in: workspace, sealedCredentials: try sealer.seal(credentials: ["accessToken": "syt_secret"]))
            let member = try await app.seed.communityMember(in: workspace, name: "Troll King")
            let conversation = try await app.seed.conversation(
                in: workspace, channel: channel.id, thread: "!room:example.org", member: member.id)
            let message = try #require(
                try await app.seed.messages(["Buy cheap followers"], in: conversation, member: member.id).first)
            let author = try #require(try await app.storage.members.identities(of: member.id, in: workspace).first)
            let moderator = try #require(try await app.storage.users.find(email: "moderator@example.org"))
            return Board(
                app: app, recorder: recorder, workspace: workspace, conversation: conversation, message: message,
                author: author, moderator: moderator)
        }

        func stored() async throws -> Message {
            try #require(try await app.storage.messages.find(message.id, in: workspace))
        }

        func audit() async throws -> [AuditEvent] {
            try await app.storage.audit.list(in: workspace, page: PageRequest(limit: 50)).items
                .filter { $0.targetType == "message" }
        }
    }

    @Test func moderator_hidesAMessage_throughTheConnector_andThePageShowsIt() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let before = try await moderator.get(client, board.page).html
            #expect(before.contains("action=\"\(board.form(board.message))\""))
            #expect(before.contains("value=\"hide\"") && before.contains("value=\"delete\""))
            #expect(before.contains("value=\"ban\""))

            let response = try await moderator.post(
                client, board.form(board.message),
                form: ["action": "hide", "reason": "Spam <script>", "confirm": "yes"])
            #expect(response.status == .seeOther)
            #expect(response.redirectPath == board.page + "?notice=moderated_hide")

            let after = try await moderator.get(client, board.page).html
            #expect(after.contains("Hidden on the platform"))
            #expect(!after.contains("value=\"hide\""), "a hidden message cannot be hidden again")
            #expect(after.contains("value=\"delete\""))
        }
        let requests = await board.recorder.requests
        #expect(
            requests == [
                ModerationRequest(
                    action: .hide, externalMessageID: board.message.externalID, threadID: "!room:example.org",
                    externalAuthorID: nil, reason: "Spam <script>",
                    idempotencyKey: "foyer-moderation-\(board.message.id)-hide")
            ])
        #expect(await board.recorder.credentials == [["accessToken": "syt_secret"]])
        let moderation = try #require(try await board.stored().moderation)
        #expect(moderation.state == .hidden)
        #expect(moderation.by == board.moderator.id)
        #expect(moderation.at == testNow)

        let events = try await board.audit()
        #expect(events.count == 1)
        #expect(events.first?.action == "message.moderated")
        #expect(events.first?.actorID == board.moderator.id)
        #expect(events.first?.targetID == board.message.id.description)
        #expect(events.first?.details["action"] == "hide")
        #expect(events.first?.details["reason"] == "Spam <script>")
        #expect(events.first?.details["platformAnswer"] == "accepted")
    }

    @Test func ban_marksTheAuthorsIdentity_andSendsTheirAccount() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, board.form(board.message), form: ["action": "ban", "confirm": "yes"])
            #expect(response.status == .seeOther)
            let page = try await owner.get(client, board.page).html
            #expect(page.contains("Author banned"))
            #expect(!page.contains("value=\"ban\""))
        }
        let requests = await board.recorder.requests
        #expect(requests.map(\.action) == [.ban])
        #expect(requests.first?.externalAuthorID == board.author.externalID)
        let identity = try await board.app.storage.members.identities(of: board.author.memberID, in: board.workspace)
        #expect(identity.first?.bannedAt == testNow)
        #expect(try await board.stored().moderation == nil, "a ban leaves the message as it is")
        #expect(try await board.audit().first?.details["identity"] == board.author.id.description)
    }

    @Test(arguments: [ModerationAction.hide, .delete, .ban])
    func action_thatTheChannelCannotDo_isNotOfferedAndIsRefused(action: ModerationAction) async throws {
        // Every capability but the one under test.
        let board = try await Board.make(
            capabilities: ConnectorCapabilities(
                ingest: .poll, hide: action != .hide, delete: action != .delete, ban: action != .ban))
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let page = try await moderator.get(client, board.page).html
            #expect(!page.contains("value=\"\(action.rawValue)\""))
            #expect(page.contains("value=\"\(action == .hide ? "delete" : "hide")\""))
            let response = try await moderator.post(
                client, board.form(board.message), form: ["action": action.rawValue, "confirm": "yes"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("This channel cannot do this to this message."))
        }
        #expect(await board.recorder.requests.isEmpty)
        #expect(try await board.stored().moderation == nil)
    }

    @Test func channelThatCanDoNone_offersNothing() async throws {
        let board = try await Board.make(capabilities: ConnectorCapabilities(ingest: .poll))
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let page = try await owner.get(client, board.page).html
            #expect(!page.contains(board.form(board.message)))
            #expect(!page.contains("value=\"hide\""))
        }
    }

    @Test(arguments: Role.allCases)
    func onlyModeratorsAndAbove_canModerate(role: Role) async throws {
        let board = try await Board.make()
        let allowed = [Role.owner, .admin, .manager, .moderator].contains(role)
        try await board.app.run { client in
            let user = try await signIn(client, email: "\(role.rawValue)@example.org")
            if role.canReadInbox {
                let page = try await user.get(client, board.page).html
                #expect(page.contains("value=\"delete\"") == allowed)
            }
            let response = try await user.post(
                client, board.form(board.message), form: ["action": "delete", "confirm": "yes"])
            #expect(response.status == (allowed ? .seeOther : .forbidden))
        }
        #expect(await board.recorder.requests.count == (allowed ? 1 : 0))
        #expect(try await board.stored().moderation?.state == (allowed ? .deleted : nil))
    }

    @Test func unconfirmedForm_changesNothing() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let response = try await moderator.post(client, board.form(board.message), form: ["action": "delete"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("Tick the box to confirm the action."))
        }
        #expect(await board.recorder.requests.isEmpty)
    }

    @Test func platformError_isShownWithItsMessage_andChangesNothing() async throws {
        let board = try await Board.make()
        await board.recorder.fail(
            with: ConnectorError(.forbidden, "The bot lacks the power level to redact events in this room."))
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            let response = try await moderator.post(
                client, board.form(board.message), form: ["action": "delete", "confirm": "yes", "reason": "spam"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("The bot lacks the power level to redact events in this room."))
            #expect(!response.html.contains("Deleted on the platform"))

            let token = try await board.app.apiToken(for: board.moderator)
            let api = try await client.api(
                .post, board.api(board.message), token: token, body: #"{"action": "ban"}"#)
            #expect(api.status == .unprocessableContent)
            #expect(try api.errorCode() == "unprocessable")
            #expect(api.text.contains("The bot lacks the power level"))
        }
        #expect(try await board.stored().moderation == nil)
        let identities = try await board.app.storage.members.identities(of: board.author.memberID, in: board.workspace)
        #expect(identities.first?.bannedAt == nil)
        let events = try await board.audit()
        #expect(events.map(\.action) == ["message.moderation_refused", "message.moderation_refused"])
        #expect(events.last?.details["platformAnswer"] == "The bot lacks the power level to redact events in this room.")
        #expect(events.last?.details["reason"] == "spam")
    }

    @Test func api_deletesAMessage_andAnswersWithItsState() async throws {
        let board = try await Board.make()
        let token = try await board.app.apiToken(for: board.moderator)
        let response = try await board.app.run { client in
            try await client.api(
                .post, board.api(board.message), token: token, body: #"{"action": "delete", "reason": "scam"}"#)
        }
        #expect(response.status == .ok, "\(response.text)")
        let object = try response.object()
        #expect(object["action"] as? String == "delete")
        #expect(object["authorBanned"] as? Bool == false)
        let message = try #require(object["message"] as? [String: Any])
        let moderation = try #require(message["moderation"] as? [String: Any])
        #expect(moderation["state"] as? String == "deleted")
        #expect((moderation["by"] as? NSNumber)?.int64Value == board.moderator.id.rawValue)
        #expect(await board.recorder.requests.map(\.reason) == ["scam"])
        #expect(try await board.audit().first?.details["reason"] == "scam")
    }

    @Test func api_refusesWhatTheChannelCannotDo_andRolesThatOnlyRead() async throws {
        let board = try await Board.make(capabilities: ConnectorCapabilities(ingest: .poll, hide: true))
        let analyst = try #require(try await board.app.storage.users.find(email: "analyst@example.org"))
        let moderatorToken = try await board.app.apiToken(for: board.moderator)
        let analystToken = try await board.app.apiToken(for: analyst)
        try await board.app.run { client in
            let delete = try await client.api(
                .post, board.api(board.message), token: moderatorToken, body: #"{"action": "delete"}"#)
            #expect(delete.status == .badRequest)
            #expect(try delete.errorField() == "action")
            let unknown = try await client.api(
                .post, board.api(board.message), token: moderatorToken, body: #"{"action": "shout"}"#)
            #expect(unknown.status == .badRequest)
            let analystHide = try await client.api(
                .post, board.api(board.message), token: analystToken, body: #"{"action": "hide"}"#)
            #expect(analystHide.status == .forbidden)
        }
        #expect(await board.recorder.requests.isEmpty)
    }

    @Test func messageOfAnotherWorkspace_isNotFound_onThePageAndInTheAPI() async throws {
        let board = try await Board.make()
        // The owner of Acme also owns another workspace, whose message they try to reach through Acme.
        let other = try await board.app.seed.inbox(named: "Other", owner: "owner@example.org", messages: ["Hi"])
        let foreign = other.messages[0]
        let owner = try #require(try await board.app.storage.users.find(email: "owner@example.org"))
        let token = try await board.app.apiToken(for: owner)
        try await board.app.run { client in
            let browser = try await signIn(client, email: "owner@example.org")
            let page = try await browser.post(
                client, board.form(foreign), form: ["action": "delete", "confirm": "yes"])
            #expect(page.status == .notFound)
            let api = try await client.api(.post, board.api(foreign), token: token, body: #"{"action": "delete"}"#)
            #expect(api.status == .notFound)
            // A stranger to Acme gets 404 for Acme's own message.
            _ = try await board.app.seed.workspace(named: "Elsewhere", owner: "stranger@example.org")
            let stranger = try #require(try await board.app.storage.users.find(email: "stranger@example.org"))
            let strangerToken = try await board.app.apiToken(for: stranger)
            let theirs = try await client.api(
                .post, board.api(board.message), token: strangerToken, body: #"{"action": "delete"}"#)
            #expect(theirs.status == .notFound)
        }
        #expect(await board.recorder.requests.isEmpty)
        #expect(try await board.app.storage.messages.find(foreign.id, in: other.id)?.moderation == nil)
    }
}
