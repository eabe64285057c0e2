import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// Saved views are private to one person or shared with the workspace: nobody else ever sees a private view,
/// pages and API alike, and only the people allowed change one.
@Suite struct SavedViewVisibilityTests {
    struct Board {
        let app: WebTestApp
        let workspace: WorkspaceID
        let alice: User
        let bob: User
        let admin: User
        var inbox: String { "/w/\(workspace)/inbox" }
        var api: String { "/api/v1/workspaces/\(workspace)/saved-views" }

        static func make() async throws -> Board {
            let app = try await WebTestApp.make()
            let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org").workspace.id
            let alice = try await app.seed.member("alice@example.org", role: .moderator, of: workspace)
            let bob = try await app.seed.member("bob@example.org", role: .analyst, of: workspace)
            let admin = try await app.seed.member("admin@example.org", role: .admin, of: workspace)
            for email in ["alice@example.org", "bob@example.org", "admin@example.org"] { try await app.user(email) }
            return Board(app: app, workspace: workspace, alice: alice, bob: bob, admin: admin)
        }
    }

    @Test func privateView_isSeenByItsOwnerOnly_onPagesAndThroughTheAPIByID() async throws {
        let board = try await Board.make()
        let bobToken = try await board.app.apiToken(for: board.bob)
        let adminToken = try await board.app.apiToken(for: board.admin)
        let aliceToken = try await board.app.apiToken(for: board.alice)
        try await board.app.run { client in
            let alice = try await signIn(client, email: "alice@example.org")
            let saved = try await alice.post(
                client, board.inbox + "/views",
                form: ["name": "My secret queue", "status": "open", "private": "yes"])
            #expect(saved.status == .seeOther)
            let view = try #require(
                try await board.app.storage.savedViews.list(in: board.workspace, visibleTo: board.alice.id).first)
            #expect(view.visibility == .private)
            #expect(try await alice.get(client, board.inbox).html.contains("My secret queue"))

            let bob = try await signIn(client, email: "bob@example.org")
            #expect(!(try await bob.get(client, board.inbox).html.contains("My secret queue")))
            let deleted = try await bob.post(client, board.inbox + "/views/\(view.id)/delete")
            #expect(deleted.status == .notFound)
            let shared = try await bob.post(client, board.inbox + "/views/\(view.id)", form: ["visibility": "shared"])
            #expect(shared.status == .notFound)

            for token in [bobToken, adminToken] {
                let list = try await client.api(.get, board.api, token: token)
                #expect(try list.list().isEmpty)
                #expect(!list.text.contains("My secret queue"))
                let byID = try await client.api(.get, board.api + "/\(view.id)", token: token)
                #expect(byID.status == .notFound)
                #expect(!byID.text.contains("My secret queue"))
                let patch = try await client.api(
                    .patch, board.api + "/\(view.id)", token: token, body: #"{"visibility": "shared"}"#)
                #expect(patch.status == .notFound)
                #expect(try await client.api(.delete, board.api + "/\(view.id)", token: token).status == .notFound)
            }
            let mine = try await client.api(.get, board.api + "/\(view.id)", token: aliceToken)
            #expect(try mine.object()["visibility"] as? String == "private")
        }
        #expect(try await board.app.storage.savedViews.find(view: board, name: "My secret queue")?.ownerID == board.alice.id)
    }

    @Test func sharedView_isSeenByAll_andChangedByItsCreatorOrAnAdminOnly() async throws {
        let board = try await Board.make()
        let aliceToken = try await board.app.apiToken(for: board.alice)
        let bobToken = try await board.app.apiToken(for: board.bob)
        let adminToken = try await board.app.apiToken(for: board.admin)
        try await board.app.run { client in
            let created = try await client.api(
                .post, board.api, token: aliceToken, body: #"{"name": "Angry", "filters": {"sentiment": "negative"}}"#)
            #expect(created.status == .created)
            #expect(try created.object()["visibility"] as? String == "shared")
            let id = try #require(try created.object()["id"] as? Int)

            #expect(try await client.api(.get, board.api, token: bobToken).list().ids == [Int64(id)])
            let bobRename = try await client.api(
                .patch, board.api + "/\(id)", token: bobToken, body: #"{"name": "Mine now"}"#)
            #expect(bobRename.status == .forbidden)
            #expect(try await client.api(.delete, board.api + "/\(id)", token: bobToken).status == .forbidden)
            let bob = try await signIn(client, email: "bob@example.org")
            let page = try await bob.get(client, board.inbox).html
            #expect(page.contains("Angry"))
            #expect(!page.contains("/views/\(id)/delete"), "bob cannot delete it, so no button")

            // Only its creator takes a shared view back to private.
            let adminPrivate = try await client.api(
                .patch, board.api + "/\(id)", token: adminToken, body: #"{"visibility": "private"}"#)
            #expect(adminPrivate.status == .forbidden)
            let renamed = try await client.api(
                .patch, board.api + "/\(id)", token: adminToken, body: #"{"name": "Angry customers"}"#)
            #expect(try renamed.object()["name"] as? String == "Angry customers")
            let madePrivate = try await client.api(
                .patch, board.api + "/\(id)", token: aliceToken, body: #"{"visibility": "private"}"#)
            #expect(try madePrivate.object()["visibility"] as? String == "private")
            #expect(try await client.api(.get, board.api, token: bobToken).list().isEmpty)
            let shared = try await client.api(
                .patch, board.api + "/\(id)", token: aliceToken, body: #"{"visibility": "shared"}"#)
            #expect(try shared.object()["visibility"] as? String == "shared")
            #expect(try await client.api(.delete, board.api + "/\(id)", token: adminToken).status == .noContent)
        }
        #expect(try await board.app.storage.savedViews.list(in: board.workspace, visibleTo: board.alice.id).isEmpty)
    }

    @Test func privateNames_arePerPerson_sharedNamesPerWorkspace() async throws {
        let board = try await Board.make()
        let views = board.app.storage.savedViews
        _ = try await views.create(
            name: "Mine", filters: [:], createdBy: board.alice.id, owner: board.alice.id, in: board.workspace)
        _ = try await views.create(
            name: "MINE", filters: [:], createdBy: board.bob.id, owner: board.bob.id, in: board.workspace)
        _ = try await views.create(name: "Mine", filters: [:], createdBy: board.bob.id, owner: nil, in: board.workspace)
        await #expect(throws: DomainError.self) {
            _ = try await views.create(
                name: "mine", filters: [:], createdBy: board.alice.id, owner: nil, in: board.workspace)
        }
        await #expect(throws: DomainError.self) {
            _ = try await views.create(
                name: "mine", filters: [:], createdBy: board.alice.id, owner: board.alice.id, in: board.workspace)
        }
        #expect(try await views.list(in: board.workspace, visibleTo: board.alice.id).count == 2)
        #expect(try await views.list(in: board.workspace, visibleTo: board.admin.id).count == 1)
    }
}

extension SavedViewRepository {
    /// The view of `board`'s workspace with this name, whoever owns it (tests only: reads as its owner).
    fileprivate func find(view board: SavedViewVisibilityTests.Board, name: String) async throws -> SavedView? {
        for user in [board.alice, board.bob, board.admin] {
            if let view = try await list(in: board.workspace, visibleTo: user.id).first(where: { $0.name == name }) {
                return view
            }
        }
        return nil
    }
}
