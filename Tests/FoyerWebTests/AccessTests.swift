import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Tenant isolation: every workspace page answers 404 to people who are not members.
@Suite struct AccessTests {
    /// A workspace with one of everything, so a route cannot 404 only because its record is missing.
    struct Fixture {
        let inbox: SeededInbox
        let invitation: Invitation
        let colleague: User
        let item: ContentItem
        let media: ContentMedia

        /// The concrete path of a route in this workspace.
        func path(_ route: SiteRoute) -> String {
            let parameters = [
                "workspace": inbox.id.description, "conversation": inbox.conversation.id.description,
                "member": inbox.member.id.description, "user": colleague.id.description,
                "channel": inbox.channel.id.description,
                "id": invitation.id.description, "content": item.id.description, "media": media.id.description,
            ]
            return route.pattern.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? parameters[String(segment.dropFirst())] ?? "0" : String(segment)
            }.reduce("") { $0 + "/" + $1 }
        }
    }

    static func fixture(_ app: WebTestApp) async throws -> Fixture {
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org")
        let colleague = try await app.seed.member("colleague@example.org", role: .moderator, of: inbox.id)
        let invitation = try await app.storage.invitations.create(
            workspace: inbox.id, email: "new@example.org", role: .analyst, tokenHash: SecretToken.digest("x"),
            invitedBy: inbox.owner.id, expiresAt: testNow.addingTimeInterval(3600))
        try await app.user("owner@example.org")
        try await app.user("stranger@example.org")
        _ = try await app.seed.workspace(named: "Stranger's own", owner: "stranger@example.org")
        let item = try await app.storage.content.create(
            ContentDraft(title: "Spring launch"), createdBy: inbox.owner.id, in: inbox.id)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
        let digest = try await app.dependencies.media?.put(png) ?? ""
        let media = try await app.storage.content.addMedia(
            to: item.id, filename: "a.png", mimeType: "image/png", byteCount: png.count, sha256: digest, altText: nil,
            in: inbox.id)
        return Fixture(inbox: inbox, invitation: invitation, colleague: colleague, item: item, media: media)
    }

    @Test(arguments: SiteRoute.allCases.filter(\.isWorkspaceRoute))
    func workspaceRoute_forSignedInNonMember_answers404AndChangesNothing(route: SiteRoute) async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        let path = fixture.path(route)
        try await app.run { client in
            let stranger = try await signIn(client, email: "stranger@example.org")
            let response =
                route.method == .get
                ? try await stranger.get(client, path)
                : try await stranger.post(
                    client, path,
                    form: [
                        "name": "Taken over", "role": "owner", "email": "x@example.org", "timeZone": "UTC",
                        "defaultLocale": "en",
                    ])
            #expect(response.status == .notFound, "\(route.method) \(path) answered \(response.status.code)")
            #expect(!response.html.contains("Acme"), "\(path) leaks the workspace name")
        }
        #expect(try await app.storage.workspaces.find(fixture.inbox.id)?.name == "Acme")
        #expect(
            try await app.storage.memberships.find(user: fixture.colleague.id, in: fixture.inbox.id)?.role == .moderator
        )
    }

    @Test(arguments: SiteRoute.allCases.filter { $0.isWorkspaceRoute && $0.method == .get })
    func workspaceRoute_forOwner_isShown(route: SiteRoute) async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.get(client, fixture.path(route))
            #expect(response.status == .ok, "\(fixture.path(route)) answered \(response.status.code)")
            if !route.isDownload { #expect(response.html.contains("<html lang=\"en\">")) }
        }
    }

    @Test func unknownWorkspace_answers404() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            #expect(try await browser.get(client, "/w/999999").status == .notFound)
            #expect(try await browser.get(client, "/w/not-a-number/inbox").status == .notFound)
            #expect(try await browser.get(client, "/w/-1/settings").status == .notFound)
        }
    }

    @Test func workspaceRoute_withoutSession_redirectsToSignIn() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        try await app.run { client in
            let response = try await client.execute(uri: fixture.path(.inbox), method: .get)
            #expect(response.status == .seeOther)
            #expect(response.redirectPath == "/sign-in?next=/w/\(fixture.inbox.id)/inbox")
        }
    }

    @Test func recordOfAnotherWorkspace_isNotFoundThroughMyWorkspace() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        let mine = try await app.seed.workspace(named: "Mine", owner: "stranger@example.org")
        try await app.run { client in
            let stranger = try await signIn(client, email: "stranger@example.org")
            let conversation = "/w/\(mine.id)/inbox/\(fixture.inbox.conversation.id)"
            #expect(try await stranger.get(client, conversation).status == .notFound)
            let member = "/w/\(mine.id)/members/\(fixture.inbox.member.id)"
            #expect(try await stranger.get(client, member).status == .notFound)
        }
    }

    @Test func analyst_cannotChangeSettings_andNothingChanges() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        try await app.seed.member("analyst@example.org", role: .analyst, of: fixture.inbox.id)
        try await app.user("analyst@example.org")
        try await app.run { client in
            let analyst = try await signIn(client, email: "analyst@example.org")
            let page = try await analyst.get(client, fixture.path(.settings))
            #expect(page.status == .ok)
            #expect(page.html.contains("<fieldset disabled>"))
            let response = try await analyst.post(
                client, fixture.path(.settingsUpdate),
                form: ["name": "Renamed", "timeZone": "UTC", "defaultLocale": "en"])
            #expect(response.status == .forbidden)
        }
        #expect(try await app.storage.workspaces.find(fixture.inbox.id)?.name == "Acme")
    }

    @Test func client_cannotReadTheInbox() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        try await app.seed.member("client@example.org", role: .client, of: fixture.inbox.id)
        try await app.user("client@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "client@example.org")
            #expect(try await browser.get(client, fixture.path(.inbox)).status == .forbidden)
            #expect(try await browser.get(client, fixture.path(.conversation)).status == .forbidden)
            let home = try await browser.get(client, fixture.path(.workspaceHome))
            #expect(home.status == .ok)
            #expect(!home.html.contains("href=\"\(fixture.path(.inbox))\""), "clients get no link to the inbox")
        }
    }

    @Test func admin_changesARole_andTheChangeIsAudited() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(client, fixture.path(.settingsMemberRole), form: ["role": "analyst"])
            #expect(response.status == .seeOther)
        }
        #expect(
            try await app.storage.memberships.find(user: fixture.colleague.id, in: fixture.inbox.id)?.role == .analyst)
        let events = try await app.storage.audit.list(in: fixture.inbox.id, page: PageRequest()).items
        #expect(
            events.contains { $0.action == "member.role_changed" && $0.targetID == fixture.colleague.id.description })
    }

    @Test func admin_cannotMakeSomeoneOwner_orTouchTheOwner() async throws {
        let app = try await WebTestApp.make()
        let fixture = try await Self.fixture(app)
        try await app.seed.member("admin@example.org", role: .admin, of: fixture.inbox.id)
        try await app.user("admin@example.org")
        try await app.run { client in
            let admin = try await signIn(client, email: "admin@example.org")
            let promote = try await admin.post(client, fixture.path(.settingsMemberRole), form: ["role": "owner"])
            #expect(promote.status == .forbidden)
            let demoteOwner = try await admin.post(
                client, "/w/\(fixture.inbox.id)/settings/members/\(fixture.inbox.owner.id)/role",
                form: ["role": "client"])
            #expect(demoteOwner.status == .forbidden)
            let removeOwner = try await admin.post(
                client, "/w/\(fixture.inbox.id)/settings/members/\(fixture.inbox.owner.id)/remove")
            #expect(removeOwner.status == .forbidden)
        }
        #expect(
            try await app.storage.memberships.find(user: fixture.colleague.id, in: fixture.inbox.id)?.role == .moderator
        )
        #expect(
            try await app.storage.memberships.find(user: fixture.inbox.owner.id, in: fixture.inbox.id)?.role == .owner)
    }
}
