import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

@Suite struct APIChannelTests {
    @Test func listChannels_showsKindNameSettingsAndHealth_butNeverCredentials() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let secret = "xoxb-super-secret-slack-token"
        let sealed = Data("sealed:\(secret):nonce-and-tag".utf8)
        let channel = try await harness.seed.channel(
            in: acme.id, kind: .slack, name: "Support Slack", settings: ["team": "T123"], sealedCredentials: sealed)
        try await harness.storage.channels.updateHealth(
            channel.id, in: acme.id, health: ChannelHealth(lastSuccessAt: Seed.defaultStart))
        let token = try await harness.token(for: acme.owner)

        let response = try await harness.test { client in
            try await client.api(.get, "/api/v1/workspaces/\(acme.id)/channels", token: token)
        }

        #expect(response.status == .ok)
        let item = try #require(try response.list().first)
        #expect(item["kind"] as? String == "slack")
        #expect(item["name"] as? String == "Support Slack")
        #expect((item["settings"] as? [String: String])?["team"] == "T123")
        #expect((item["health"] as? [String: Any])?["status"] as? String == "healthy")
        #expect(item["hasCredentials"] as? Bool == true)
        let text = response.text
        #expect(!text.contains(secret))
        #expect(!text.contains(sealed.base64EncodedString()))
        #expect(!text.contains(sealed.base64URLEncodedString()))
        #expect(!text.lowercased().contains("credential\""))
        #expect(!text.contains("sealed"))
    }

    @Test func listChannels_paginates() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        for index in 1...3 { _ = try await harness.seed.channel(in: acme.id, name: "Room \(index)") }
        let token = try await harness.token(for: acme.owner)

        let first = try await harness.test { client in
            try await client.api(.get, "/api/v1/workspaces/\(acme.id)/channels?limit=2", token: token)
        }
        let cursor = try #require(try first.next())
        let second = try await harness.test { client in
            try await client.api(.get, "/api/v1/workspaces/\(acme.id)/channels?limit=2&cursor=\(cursor)", token: token)
        }

        let ids = try first.list().ids + second.list().ids
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3)
        #expect(try second.next() == nil)
    }
}
