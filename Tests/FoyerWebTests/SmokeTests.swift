import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct SmokeTests {
    @Test func home_forSignedInOwner_showsWorkspaceAndNavigation() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org", messages: ["Hello there"])
        try await app.user("owner@example.org")
        try await app.run { client in
            let browser = try await signIn(client, email: "owner@example.org")
            let response = try await browser.get(client, "/w/\(inbox.id)")
            #expect(response.status == .ok)
            #expect(response.html.contains("Acme"))
            #expect(response.html.contains("Hello there"))
            #expect(response.html.contains("/w/\(inbox.id)/inbox"))
        }
    }
}
