import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct RenderingTests {
    @Test func hostileContent_isEscapedEverywhere() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(
            named: "\"><img src=x>", owner: "owner@example.org", messages: ["<script>alert(1)</script>"])
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let pages = [
                "/w/\(inbox.id)", "/w/\(inbox.id)/inbox", "/w/\(inbox.id)/inbox/\(inbox.conversation.id)",
                "/workspaces", "/w/\(inbox.id)/settings",
            ]
            for path in pages {
                let html = try await owner.get(client, path).html
                #expect(!html.contains("<script>alert(1)</script>"), "\(path) shows the script unescaped")
                #expect(!html.contains("\"><img src=x>"), "\(path) shows the name unescaped")
                #expect(!html.contains("<img src=x>"), "\(path) shows the image tag")
            }
            let thread = try await owner.get(client, "/w/\(inbox.id)/inbox/\(inbox.conversation.id)").html
            #expect(thread.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let home = try await owner.get(client, "/w/\(inbox.id)").html
            #expect(home.contains("&quot;&gt;&lt;img src=x&gt;"))
        }
    }

    @Test func everyResponse_carriesTheSecurityHeaders() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            for path in ["/sign-in", "/does-not-exist", "/static/app.css", "/api/v1/nothing-here"] {
                let response = try await client.execute(uri: path, method: .get)
                let headers = Dictionary(
                    response.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first })
                #expect(
                    headers["content-security-policy"]
                        == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'",
                    "\(path)")
                #expect(headers["x-content-type-options"] == "nosniff", "\(path)")
                #expect(headers["referrer-policy"] == "same-origin", "\(path)")
                #expect(headers["x-frame-options"] == "DENY", "\(path)")
                #expect(headers["cross-origin-opener-policy"] == "same-origin", "\(path)")
                #expect(headers["permissions-policy"] != nil, "\(path)")
                #expect(headers["x-request-id"] != nil, "\(path)")
                #expect(headers["strict-transport-security"] == nil, "no HSTS over http")
            }
        }
    }

    @Test func notFoundPage_isLocalisedAndLeaksNothing() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let response = try await client.execute(uri: "/nowhere/../etc", method: .get)
            #expect(response.status == .notFound)
            #expect(response.html.contains("Page not found"))
            let requestID = try #require(response.headers.first { $0.name.canonicalName == "x-request-id" }?.value)
            #expect(response.html.contains(requestID))
            // No source location: neither this package's folder nor a Swift file name.
            let packageFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().path
            #expect(!response.html.contains(packageFolder))
            #expect(!response.html.contains(".swift"))
            #expect(!response.html.contains("HTTPError"))
        }
    }

    @Test func apiPath_unknown_getsTheJSONEnvelope() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let response = try await client.execute(uri: "/api/v1/nothing-here", method: .get)
            #expect(response.status == .notFound || response.status == .unauthorized)
            #expect(response.html.hasPrefix("{"))
            #expect(response.html.contains("\"error\""))
        }
    }

    @Test func acceptLanguageFrench_showsTheFrenchInterface() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let response = try await client.execute(
                uri: "/sign-in", method: .get, headers: [.acceptLanguage: "fr-CA,fr;q=0.9,en;q=0.5"])
            #expect(response.html.contains("<html lang=\"fr\">"))
            #expect(response.html.contains("Se connecter"))
            #expect(response.html.contains("Mot de passe"))
            let english = try await client.execute(uri: "/sign-in", method: .get, headers: [.acceptLanguage: "de"])
            #expect(english.html.contains("<html lang=\"en\">"))
            #expect(english.html.contains("Password"))
        }
    }

    @Test func homeInFrench_countsConversationsWithPluralStatusLabels() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org", messages: ["Bonjour !"])
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let html = try await owner.get(client, "/w/\(inbox.id)", headers: [.acceptLanguage: "fr"]).html
            #expect(html.contains("<html lang=\"fr\">"))
            for label in ["ouvertes", "en attente", "en pause", "fermées"] {
                #expect(html.contains("<span class=\"stat-label\">\(label)</span>"), "missing \(label)")
            }
            #expect(!html.contains(">Ouverte<"))
        }
    }

    @Test func languageSwitch_savesThePreferenceOverTheBrowserLanguage() async throws {
        let app = try await WebTestApp.make()
        let user = try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.post(client, "/locale", form: ["locale": "fr", "returnTo": "/account"])
            #expect(response.status == .seeOther)
            #expect(response.redirectPath == "/account")
            let page = try await browser.get(client, "/account", headers: [.acceptLanguage: "en"])
            #expect(page.html.contains("<html lang=\"fr\">"))
            #expect(page.html.contains("Votre compte"))
            let escape = try await browser.post(
                client, "/locale", form: ["locale": "en", "returnTo": "//evil.example"])
            #expect(escape.redirectPath == "/")
        }
        #expect(try await app.storage.users.find(user.id)?.preferredLocale == .en)
    }

    @Test func languageSwitch_beforeSignIn_usesACookie() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let visitor = try await anonymousForm(client, path: "/sign-in")
            let response = try await visitor.post(client, "/locale", form: ["locale": "fr", "returnTo": "/sign-in"])
            let cookie = try #require(cookies(in: response).first { $0.name == "foyer_locale" })
            #expect(cookie.value == "fr")
            let page = try await client.execute(
                uri: "/sign-in", method: .get, headers: [.cookie: "\(visitor.cookie); foyer_locale=fr"])
            #expect(page.html.contains("<html lang=\"fr\">"))
        }
    }

    @Test func dates_areShownInTheWorkspaceTimeZone() async throws {
        let app = try await WebTestApp.make()
        // Seeded messages are sent at 2026-01-15 10:00 UTC; Tokyo is UTC+9, so 19:00 there.
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org", messages: ["Konnichiwa"])
        try await app.storage.workspaces.update(inbox.id, name: "Acme", timeZone: "Asia/Tokyo", defaultLocale: .en)
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let thread = try await owner.get(client, "/w/\(inbox.id)/inbox/\(inbox.conversation.id)").html
            #expect(thread.contains("19:00"))
            #expect(thread.contains("datetime=\"2026-01-15T19:00:00+09:00\""))
            #expect(!thread.contains("10:00"))
        }
    }

    @Test func conversation_showsEachMessagesAnalysisPlainly() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org", messages: [])
        _ = try await app.seed.messages(
            ["Votre appli plante encore, c'est nul"], in: inbox.conversation,
            from: Seed.defaultStart.addingTimeInterval(600),
            analysis: MessageAnalysis(
                language: "fr", sentiment: .negative, sentimentScore: -0.6, toxic: false, spam: false,
                intents: ["complaint", "bug"]))
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let html = try await owner.get(client, "/w/\(inbox.id)/inbox/\(inbox.conversation.id)").html
            #expect(html.contains("French"))
            #expect(html.contains("negative"))
            #expect(html.contains("complaint, bug"))
            let french = try await owner.get(
                client, "/w/\(inbox.id)/inbox/\(inbox.conversation.id)", headers: [.acceptLanguage: "fr"])
            #expect(french.html.contains("réclamation, bogue"))
        }
    }

    @Test func inbox_filtersAndRefusesUnknownValuesClearly() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(
            named: "Acme", owner: "owner@example.org", messages: ["Where is my parcel?"])
        let closed = try await app.seed.conversation(
            in: inbox.id, channel: inbox.channel.id, thread: "thread-2", subject: "Thanks, solved", status: .closed)
        _ = try await app.seed.messages(["All good now"], in: closed)
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let open = try await owner.get(client, "/w/\(inbox.id)/inbox?status=open").html
            #expect(open.contains("Where is my parcel?"))
            #expect(!open.contains("Thanks, solved"))
            let search = try await owner.get(client, "/w/\(inbox.id)/inbox?q=good").html
            #expect(search.contains("Thanks, solved"))
            #expect(!search.contains("Where is my parcel?"))
            let bad = try await owner.get(client, "/w/\(inbox.id)/inbox?status=exploded")
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains("This status is unknown"))
        }
    }

    @Test func staticFiles_areServedWithCacheHeaders() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl]?.contains("max-age") == true)
            let etag = try #require(css.headers[.eTag])
            let again = try await client.execute(uri: "/static/app.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(try await client.execute(uri: "/static/app.js", method: .get).status == .ok)
            let icon = try await client.execute(uri: "/static/favicon.svg", method: .get)
            #expect(icon.headers[.contentType] == "image/svg+xml")
            #expect(
                try await client.execute(uri: "/static/..%2FTemplates%2Flayout.mustache", method: .get).status
                    == .notFound)
        }
    }

    @Test func layout_hasLandmarksSkipLinkAndEveryArea() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let html = try await owner.get(client, "/w/\(workspace.id)").html
            #expect(html.contains("class=\"skip-link\" href=\"#main\""))
            #expect(html.contains("<main id=\"main\""))
            #expect(html.contains("<header"))
            for area in ["inbox", "publishing", "listening", "moderation", "members", "analytics", "ideas", "settings"]
            {
                #expect(html.contains("href=\"/w/\(workspace.id)/\(area)\""), "no link to \(area)")
            }
            let listening = try await owner.get(
                client, "/w/\(workspace.id)/listening", headers: [.acceptLanguage: "fr"])
            #expect(listening.status == .ok)
            #expect(listening.html.contains("arrivent bientôt"))
        }
    }

    @Test func workspaceCreation_makesTheCreatorOwner_andRefusesAnEmptyName() async throws {
        let app = try await WebTestApp.make()
        let user = try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let empty = try await browser.post(client, "/workspaces", form: ["name": "  "])
            #expect(empty.status == .badRequest)
            #expect(empty.html.contains("Enter a name."))
            let created = try await browser.post(client, "/workspaces", form: ["name": "Café Lumière"])
            #expect(created.status == .seeOther)
        }
        let list = try await app.storage.workspaces.list(for: user.id)
        #expect(list.count == 1)
        #expect(list.first?.role == .owner)
        #expect(list.first?.workspace.name == "Café Lumière")
    }

    @Test func root_sendsVisitorsToSignIn_andSingleWorkspaceMembersToTheirWorkspace() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        try await app.run { client in
            #expect(try await client.execute(uri: "/", method: .get).redirectPath == "/sign-in")
            let owner = try await signIn(client, email: "owner@example.org")
            #expect(try await owner.get(client, "/").redirectPath == "/w/\(workspace.id)")
        }
    }

    @Test func membersPages_listCommunityMembersAndTheirIdentities() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let list = try await owner.get(client, "/w/\(inbox.id)/members").html
            #expect(list.contains("Alice Martin"))
            let detail = try await owner.get(client, "/w/\(inbox.id)/members/\(inbox.member.id)").html
            #expect(detail.contains("@alice-martin"))
            #expect(detail.contains("Matrix"))
        }
    }
}
