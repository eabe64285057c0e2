import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AccountTests {
    @Test func signIn_withRightPassword_setsASecureSessionCookieAndRedirects() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let form = try await anonymousForm(client, path: "/sign-in")
            let response = try await form.post(
                client, "/sign-in", form: ["email": "Ana@Example.org ", "password": testPassword])
            #expect(response.status == .seeOther)
            #expect(response.redirectPath == "/workspaces")
            let session = try #require(cookies(in: response).first { $0.name == "foyer_session" })
            #expect(session.attributes.contains("HttpOnly"))
            #expect(session.attributes.contains("SameSite=Lax"))
            #expect(session.attributes.contains("Path=/"))
            #expect(!session.attributes.contains("Secure"))
        }
    }

    @Test func signIn_overHTTPS_marksTheCookieSecure() async throws {
        let app = try await WebTestApp.make(
            settings: WebSettings(publicURL: try #require(URL(string: "https://foyer.example")), bcryptCost: 4))
        try await app.user("ana@example.org")
        try await app.run { client in
            let form = try await anonymousForm(client, path: "/sign-in")
            let response = try await form.post(
                client, "/sign-in", form: ["email": "ana@example.org", "password": testPassword])
            let session = try #require(cookies(in: response).first { $0.name == "foyer_session" })
            #expect(session.attributes.contains("Secure"))
            #expect(response.headers.contains { $0.name.canonicalName == "strict-transport-security" })
        }
    }

    @Test func signIn_withWrongPassword_showsErrorAndKeepsEmail() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let form = try await anonymousForm(client, path: "/sign-in")
            let response = try await form.post(
                client, "/sign-in", form: ["email": "ana@example.org", "password": "not the password"])
            #expect(response.status == .unauthorized)
            #expect(response.html.contains("value=\"ana@example.org\""))
            #expect(response.html.contains("The email or the password is not correct"))
            #expect(!cookies(in: response).contains { $0.name == "foyer_session" && !$0.value.isEmpty })
        }
    }

    @Test func signIn_afterTooManyFailures_isThrottledWith429EvenWithTheRightPassword() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let form = try await anonymousForm(client, path: "/sign-in")
            for _ in 0..<5 {
                let response = try await form.post(
                    client, "/sign-in", form: ["email": "ana@example.org", "password": "wrong password"])
                #expect(response.status == .unauthorized)
            }
            let blocked = try await form.post(
                client, "/sign-in", form: ["email": "ana@example.org", "password": testPassword])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
            #expect(blocked.html.contains("Too many failed attempts"))
            #expect(blocked.html.contains("value=\"ana@example.org\""))
        }
        // Once the window has passed, the right password works again.
        app.clock.advance(by: 16 * 60)
        try await app.run { client in
            _ = try await signIn(client, email: "ana@example.org")
        }
    }

    @Test func signIn_failuresForOtherEmailsFromOneAddress_areThrottledToo() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let form = try await anonymousForm(client, path: "/sign-in")
            for index in 0..<5 {
                _ = try await form.post(
                    client, "/sign-in", form: ["email": "guess\(index)@example.org", "password": "x"])
            }
            let blocked = try await form.post(
                client, "/sign-in", form: ["email": "another@example.org", "password": "x"])
            #expect(blocked.status == .tooManyRequests)
        }
    }

    @Test func signOut_endsTheSessionOnTheServer() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let out = try await browser.post(client, "/sign-out")
            #expect(out.status == .seeOther)
            let after = try await browser.get(client, "/account")
            #expect(after.status == .seeOther)
            #expect(after.redirectPath?.hasPrefix("/sign-in") == true)
        }
    }

    @Test func signOut_withGET_isNotARoute() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.get(client, "/sign-out")
            #expect(response.status != .seeOther)
            #expect(try await browser.get(client, "/account").status == .ok)
        }
    }

    @Test func expiredSession_redirectsToSignInAndComesBack() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            app.clock.advance(by: app.dependencies.settings.sessionLifetime + 1)
            let response = try await browser.get(client, "/workspaces")
            #expect(response.status == .seeOther)
            #expect(response.redirectPath == "/sign-in?next=/workspaces")
            #expect(cookies(in: response).contains { $0.name == "foyer_session" && $0.value.isEmpty })
        }
    }

    @Test func changePassword_signsOutOtherSessionsAndKeepsThisOne() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        try await app.run { client in
            let laptop = try await signIn(client, email: "ana@example.org")
            let phone = try await signIn(client, email: "ana@example.org")
            let response = try await laptop.post(
                client, "/account/password",
                form: [
                    "currentPassword": testPassword, "newPassword": "a brand new secret",
                    "confirmPassword": "a brand new secret",
                ])
            #expect(response.status == .seeOther)
            #expect(try await laptop.get(client, "/account").status == .ok)
            #expect(try await phone.get(client, "/account").status == .seeOther)
            _ = try await signIn(client, email: "ana@example.org", password: "a brand new secret")
        }
    }

    @Test func changePassword_withWrongCurrentPassword_changesNothing() async throws {
        let app = try await WebTestApp.make()
        let user = try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.post(
                client, "/account/password",
                form: [
                    "currentPassword": "wrong one!", "newPassword": "a brand new secret",
                    "confirmPassword": "a brand new secret",
                ])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("The current password is not correct."))
        }
        let stored = try #require(try await app.storage.users.find(user.id))
        #expect(stored.passwordHash == user.passwordHash)
    }

    @Test func apiToken_isShownOnceAndStoredHashed() async throws {
        let app = try await WebTestApp.make()
        let user = try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let created = try await browser.post(client, "/account/tokens", form: ["name": "Reporting script"])
            #expect(created.status == .ok)
            let token = try #require(Self.token(in: created.html))
            #expect(token.hasPrefix("foyer_"))
            let stored = try await app.storage.apiTokens.list(for: user.id)
            #expect(stored.count == 1)
            #expect(stored.first?.tokenHash == SecretToken.digest(token))
            #expect(stored.first?.tokenHash != token)
            #expect(stored.first?.prefix == String(token.prefix(12)))
            let later = try await browser.get(client, "/account")
            #expect(!later.html.contains(token))
            #expect(later.html.contains(String(token.prefix(12))))
            #expect(later.html.contains("Reporting script"))
        }
    }

    @Test func apiToken_revoke_stopsItFromWorking() async throws {
        let app = try await WebTestApp.make()
        let user = try await app.user("ana@example.org")
        let issued = try await AccountService(app.dependencies).issueAPIToken(for: user.id, name: "CI")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.post(client, "/account/tokens/\(issued.record.id)/revoke")
            #expect(response.status == .seeOther)
        }
        #expect(try await app.storage.apiTokens.findActive(tokenHash: SecretToken.digest(issued.token)) == nil)
        #expect(try await AccountService(app.dependencies).user(forAPIToken: issued.token) == nil)
    }

    @Test func apiToken_ofAnotherUser_cannotBeRevoked() async throws {
        let app = try await WebTestApp.make()
        let other = try await app.user("bob@example.org")
        try await app.user("ana@example.org")
        let issued = try await AccountService(app.dependencies).issueAPIToken(for: other.id, name: "Bob's")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.post(client, "/account/tokens/\(issued.record.id)/revoke")
            #expect(response.status == .notFound)
        }
        #expect(try await app.storage.apiTokens.findActive(tokenHash: SecretToken.digest(issued.token)) != nil)
    }

    @Test func profile_withEmptyName_keepsWhatWasTypedAndChangesNothing() async throws {
        let app = try await WebTestApp.make()
        let user = try await app.user("ana@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.post(client, "/account/profile", form: ["name": "   ", "locale": "fr"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("Enter a name."))
        }
        #expect(try await app.storage.users.find(user.id)?.preferredLocale == nil)
    }

    @Test func createUser_withInvalidFields_namesTheField() async throws {
        let app = try await WebTestApp.make()
        let service = AccountService(app.dependencies)
        await #expect(
            throws: DomainError.invalid(field: "email", message: "Enter an email address like name@example.org.")
        ) {
            _ = try await service.createUser(email: "nope", name: "A", password: testPassword, preferredLocale: nil)
        }
        await #expect(throws: DomainError.invalid(field: "password", message: "Use at least 10 characters.")) {
            _ = try await service.createUser(email: "a@example.org", name: "A", password: "short", preferredLocale: nil)
        }
        #expect(try await app.storage.users.count() == 0)
    }

    static func token(in html: String) -> String? {
        guard let range = html.range(of: "id=\"new-token\" readonly value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
