import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct InvitationTests {
    static func link(in html: String) -> String? {
        guard let range = html.range(of: "id=\"invite-link\" readonly value=\"http://foyer.test") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test func invitation_createdByAdmin_letsANewPersonCreateAnAccountOnce() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        let path = try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings/invitations",
                form: ["email": "New@Example.org", "role": "analyst"])
            #expect(response.status == .ok)
            let path = try #require(Self.link(in: response.html))
            // Shown once: the members page lists the invitation, never the link again.
            let later = try await owner.get(client, "/w/\(workspace.id)/settings/members")
            #expect(later.html.contains("new@example.org"))
            #expect(!later.html.contains(path))
            return path
        }
        try await app.run { client in
            let visitor = try await anonymousForm(client, path: path)
            let page = try await visitor.get(client, path)
            #expect(page.html.contains("Acme"))
            #expect(page.html.contains("new@example.org"))
            let joined = try await visitor.post(
                client, path, form: ["name": "Nadia", "password": "a long enough password"])
            #expect(joined.status == .seeOther)
            #expect(joined.redirectPath?.hasPrefix("/w/\(workspace.id)") == true)
            #expect(cookies(in: joined).contains { $0.name == "foyer_session" && !$0.value.isEmpty })
            let again = try await visitor.post(
                client, path, form: ["name": "Mallory", "password": "a long enough password"])
            #expect(again.html.contains("already been used"))
        }
        let user = try #require(try await app.storage.users.find(email: "new@example.org"))
        #expect(try await app.storage.memberships.find(user: user.id, in: workspace.id)?.role == .analyst)
        #expect(try await app.storage.users.count() == 2)
        let events = try await app.storage.audit.list(in: workspace.id, page: PageRequest()).items
        #expect(events.contains { $0.action == "invitation.created" })
    }

    @Test func invitation_afterItsLifetime_showsAClearExpiredPage() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        let issued = try await AccountService(app.dependencies).invite(
            email: "late@example.org", role: .moderator, to: workspace.id, by: workspace.owner.id, inviterRole: .owner)
        app.clock.advance(by: app.dependencies.settings.invitationLifetime + 1)
        try await app.run { client in
            let path = SiteURL.invitation(token: issued.token).path
            let visitor = try await anonymousForm(client, path: path)
            let page = try await visitor.get(client, path)
            #expect(page.status == .gone)
            #expect(page.html.contains("This invitation has expired"))
            let post = try await visitor.post(
                client, path, form: ["name": "Late", "password": "a long enough password"])
            #expect(post.html.contains("This invitation has expired"))
        }
        #expect(try await app.storage.users.find(email: "late@example.org") == nil)
    }

    @Test func invitation_withRoleAboveTheInviter_isRefused() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.seed.member("admin@example.org", role: .admin, of: workspace.id)
        try await app.user("admin@example.org")
        try await app.run { client in
            let admin = try await signIn(client, email: "admin@example.org")
            let response = try await admin.post(
                client, "/w/\(workspace.id)/settings/invitations", form: ["email": "boss@example.org", "role": "owner"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("You cannot give a role above your own."))
            #expect(response.html.contains("value=\"boss@example.org\""))
        }
        #expect(try await app.storage.invitations.listPending(in: workspace.id, now: testNow).isEmpty)
    }

    @Test func invitation_byAModerator_isForbidden() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.seed.member("mod@example.org", role: .moderator, of: workspace.id)
        try await app.user("mod@example.org")
        try await app.run { client in
            let moderator = try await signIn(client, email: "mod@example.org")
            let response = try await moderator.post(
                client, "/w/\(workspace.id)/settings/invitations",
                form: ["email": "friend@example.org", "role": "client"])
            #expect(response.status == .forbidden)
        }
        #expect(try await app.storage.invitations.listPending(in: workspace.id, now: testNow).isEmpty)
    }

    @Test func invitation_forASignedInPerson_addsThemToTheWorkspace() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        let existing = try await app.user("existing@example.org")
        let issued = try await AccountService(app.dependencies).invite(
            email: "existing@example.org", role: .manager, to: workspace.id, by: workspace.owner.id, inviterRole: .owner
        )
        try await app.run { client in
            let browser = try await signIn(client, email: "existing@example.org")
            let path = SiteURL.invitation(token: issued.token).path
            #expect(try await browser.get(client, path).html.contains("Join the workspace"))
            let response = try await browser.post(client, path)
            #expect(response.status == .seeOther)
        }
        #expect(try await app.storage.memberships.find(user: existing.id, in: workspace.id)?.role == .manager)
    }

    @Test func invitation_forSomeoneAlreadyMember_saysSoAndStaysUsable() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        let issued = try await AccountService(app.dependencies).invite(
            email: "owner@example.org", role: .analyst, to: workspace.id, by: workspace.owner.id, inviterRole: .owner)
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(client, SiteURL.invitation(token: issued.token).path)
            #expect(response.status == .badRequest)
            #expect(response.html.contains("You are already a member of this workspace."))
        }
        #expect(try await app.storage.invitations.listPending(in: workspace.id, now: testNow).count == 1)
        #expect(try await app.storage.memberships.find(user: workspace.owner.id, in: workspace.id)?.role == .owner)
    }

    @Test func invitation_withUnknownToken_showsUnavailable() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let response = try await client.execute(uri: "/invitations/nope", method: .get)
            #expect(response.status == .notFound)
            #expect(response.html.contains("already been used or does not exist"))
        }
    }
}
