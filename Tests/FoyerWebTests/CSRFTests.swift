import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CSRFTests {
    static func setUp() async throws -> (WebTestApp, SeededWorkspace) {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        return (app, workspace)
    }

    static let rename = ["name": "Renamed", "timeZone": "UTC", "defaultLocale": "en"]

    @Test func settingsChange_withoutCSRFToken_is403AndChangesNothing() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: Self.rename, csrf: .some(nil))
            #expect(response.status == .forbidden)
            #expect(response.html.contains("nothing was changed"))
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }

    @Test func settingsChange_withWrongCSRFToken_is403AndChangesNothing() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: Self.rename, csrf: "forged")
            #expect(response.status == .forbidden)
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }

    @Test func settingsChange_withAnotherSessionsToken_is403() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.user("other@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let other = try await signIn(client, email: "other@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: Self.rename, csrf: other.csrf)
            #expect(response.status == .forbidden)
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }

    @Test func settingsChange_fromAnotherOrigin_is403EvenWithTheToken() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: Self.rename, headers: [.origin: "https://evil.example"])
            #expect(response.status == .forbidden)
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }

    @Test func settingsChange_markedCrossSiteByTheBrowser_is403EvenWithTheToken() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let headers = rawHeaders([("Sec-Fetch-Site", "cross-site")])
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: Self.rename, headers: headers)
            #expect(response.status == .forbidden)
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }

    @Test func settingsChange_fromOurOrigin_withToken_isSavedAndAudited() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: Self.rename, headers: [.origin: "http://foyer.test"])
            #expect(response.status == .seeOther)
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Renamed")
        let events = try await app.storage.audit.list(in: workspace.id, page: PageRequest()).items
        #expect(events.contains { $0.action == "workspace.updated" })
    }

    @Test func settingsChange_withBadTimeZone_keepsWhatWasTyped() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings",
                form: ["name": "New name", "timeZone": "Mars/Olympus", "defaultLocale": "en"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("Choose a time zone such as Europe/Paris."))
            #expect(response.html.contains("value=\"New name\""))
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }

    @Test func signIn_withoutCSRFToken_is403() async throws {
        let (app, _) = try await Self.setUp()
        try await app.run { client in
            let form = try await anonymousForm(client, path: "/sign-in")
            let response = try await form.post(
                client, "/sign-in", form: ["email": "owner@example.org", "password": testPassword], csrf: .some(nil))
            #expect(response.status == .forbidden)
            #expect(!cookies(in: response).contains { $0.name == "foyer_session" })
        }
    }

    @Test func signOut_withoutCSRFToken_keepsTheSession() async throws {
        let (app, _) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            #expect(try await owner.post(client, "/sign-out", csrf: .some(nil)).status == .forbidden)
            #expect(try await owner.get(client, "/account").status == .ok)
        }
    }

    @Test func form_largerThanTheLimit_isRefused() async throws {
        let (app, workspace) = try await Self.setUp()
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings", form: ["name": String(repeating: "a", count: 70_000)])
            #expect(response.status == .contentTooLarge)
        }
        #expect(try await app.storage.workspaces.find(workspace.id)?.name == "Acme")
    }
}
