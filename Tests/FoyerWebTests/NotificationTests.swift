import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// @mentions in internal notes notify the workspace users they name, and each user sees and marks only their
/// own notifications.
@Suite struct NotificationTests {
    struct Board {
        let app: WebTestApp
        let inbox: SeededInbox
        /// "Alice Martin", handle `@AliceMartin`.
        let alice: User
        let bob: User
        let client: User
        var workspace: WorkspaceID { inbox.id }
        var notes: String { "/w/\(inbox.id)/inbox/\(inbox.conversation.id)/notes" }
        var page: String { "/w/\(inbox.id)/notifications" }

        static func make() async throws -> Board {
            let app = try await WebTestApp.make()
            let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org")
            try await app.user("owner@example.org")
            let alice = try await makeSignInUser("alice@example.org", name: "Alice Martin", dependencies: app.dependencies)
            _ = try await app.storage.memberships.add(user: alice.id, to: inbox.id, role: .moderator)
            let bob = try await makeSignInUser("bob@example.org", name: "Bob", dependencies: app.dependencies)
            _ = try await app.storage.memberships.add(user: bob.id, to: inbox.id, role: .analyst)
            let client = try await makeSignInUser("carol@example.org", name: "Carol", dependencies: app.dependencies)
            _ = try await app.storage.memberships.add(user: client.id, to: inbox.id, role: .client)
            return Board(app: app, inbox: inbox, alice: alice, bob: bob, client: client)
        }

        func notifications(of user: User) async throws -> [InboxNotification] {
            try await app.storage.notifications.list(
                for: user.id, in: workspace, unreadOnly: false, page: PageRequest()
            ).items
        }
    }

    @Test func mention_byHandle_notifiesTheMember_andTheBellAndPageShowIt() async throws {
        let board = try await Board.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let conversation = try await owner.get(client, "/w/\(board.workspace)/inbox/\(board.inbox.conversation.id)")
            #expect(conversation.html.contains("@AliceMartin"), "the note box suggests handles")
            let noted = try await owner.post(
                client, board.notes, form: ["body": "@alicemartin can you check? cc @Bob and @nobody"])
            #expect(noted.status == .seeOther)

            let alice = try await signIn(client, email: "alice@example.org")
            let home = try await alice.get(client, "/w/\(board.workspace)").html
            #expect(home.contains("Notifications, 1 unread"))
            let page = try await alice.get(client, board.page).html
            #expect(page.contains("Owner mentioned you in"))
            #expect(page.contains("href=\"/w/\(board.workspace)/inbox/\(board.inbox.conversation.id)\""))
        }
        let aliceNotes = try await board.notifications(of: board.alice)
        #expect(aliceNotes.map(\.kind) == [.mention])
        #expect(aliceNotes.first?.conversationID == board.inbox.conversation.id)
        #expect(aliceNotes.first?.actorID == board.inbox.owner.id)
        #expect(try await board.notifications(of: board.bob).count == 1, "an analyst reads the inbox")
        #expect(try await board.notifications(of: board.inbox.owner).isEmpty, "no notification for oneself")
    }

    @Test func mention_ofSomeoneOutsideTheWorkspace_orWhoCannotReadTheInbox_notifiesNobody() async throws {
        let board = try await Board.make()
        let stranger = try await makeSignInUser(
            "dave@example.org", name: "Dave Outsider", dependencies: board.app.dependencies)
        _ = try await board.app.seed.workspace(named: "Elsewhere", owner: "dave@example.org")
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            _ = try await owner.post(client, board.notes, form: ["body": "@DaveOutsider @Dave Outsider @Carol look"])
        }
        let elsewhere = try #require(try await board.app.storage.workspaces.list(for: stranger.id).first?.workspace.id)
        let theirs = try await board.app.storage.notifications.list(
            for: stranger.id, in: elsewhere, unreadOnly: false, page: PageRequest())
        #expect(theirs.items.isEmpty)
        #expect(try await board.notifications(of: board.client).isEmpty)
    }

    @Test func eachUser_seesAndMarksOnlyTheirOwn_onPagesAndInTheAPI() async throws {
        let board = try await Board.make()
        let workflow = InboxWorkflow(dependencies: board.app.dependencies)
        _ = try await workflow.addNote(
            "@AliceMartin first", to: board.inbox.conversation.id, in: board.workspace, by: board.inbox.owner)
        _ = try await workflow.addNote(
            "@AliceMartin @Bob second", to: board.inbox.conversation.id, in: board.workspace, by: board.inbox.owner)
        let aliceFirst = try #require(try await board.notifications(of: board.alice).last)
        let bobs = try await board.notifications(of: board.bob)
        #expect(bobs.count == 1)
        let aliceToken = try await board.app.apiToken(for: board.alice)
        let bobToken = try await board.app.apiToken(for: board.bob)
        let api = "/api/v1/workspaces/\(board.workspace)/notifications"
        try await board.app.run { client in
            let bobList = try await client.api(.get, api, token: bobToken)
            #expect(try bobList.list().ids == bobs.map(\.id.rawValue))
            // Bob cannot mark Alice's notification, by page or API.
            let bobMarks = try await client.api(.post, api + "/\(aliceFirst.id)/read", token: bobToken)
            #expect(bobMarks.status == .notFound)
            let bob = try await signIn(client, email: "bob@example.org")
            let bobForm = try await bob.post(client, board.page + "/\(aliceFirst.id)/read")
            #expect(bobForm.status == .notFound)

            let alice = try await signIn(client, email: "alice@example.org")
            let read = try await alice.post(client, board.page + "/\(aliceFirst.id)/read")
            #expect(read.status == .seeOther)
            let unread = try await client.api(.get, api + "?unread=true", token: aliceToken)
            #expect(try unread.list().count == 1)
            let all = try await client.api(.post, api + "/read", token: aliceToken)
            #expect(try all.object()["changed"] as? Int == 1)
            #expect(try await client.api(.get, api + "?unread=true", token: aliceToken).list().isEmpty)
            #expect(try await alice.get(client, board.page).html.contains("Notifications, 0 unread"))
        }
        #expect(try await board.app.storage.notifications.unreadCount(for: board.bob.id, in: board.workspace) == 1)
    }
}
