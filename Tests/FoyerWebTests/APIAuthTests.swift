import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

@Suite struct APIAuthTests {
    @Test func workspaces_withoutToken_answers401WithBearerChallenge() async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in try await client.api(.get, "/api/v1/workspaces", token: nil) }
        #expect(response.status == .unauthorized)
        #expect(try response.errorCode() == "unauthorized")
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
    }

    @Test func workspaces_withUnknownToken_answers401() async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in
            try await client.api(.get, "/api/v1/workspaces", token: "foyer_not-a-real-token")
        }
        #expect(response.status == .unauthorized)
        #expect(try response.errorCode() == "unauthorized")
        #expect(response.headers[.wwwAuthenticate] != nil)
    }

    @Test func workspaces_withRevokedToken_answers401() async throws {
        let harness = try await APIHarness.make()
        let owner = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org").owner
        let token = try await harness.token(for: owner)
        let stored = try #require(try await harness.storage.apiTokens.list(for: owner.id).first)
        try await harness.storage.apiTokens.revoke(stored.id, for: owner.id, at: harness.clock.now())

        let response = try await harness.test { client in try await client.api(.get, "/api/v1/workspaces", token: token)
        }
        #expect(response.status == .unauthorized)
    }

    @Test(arguments: [
        "Basic b3duZXI6cGFzc3dvcmQ=", "Bearer", "Bearer ", "Token abc", String(repeating: "Bearer x", count: 100),
    ])
    func workspaces_withMalformedAuthorization_answers401(header: String) async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in
            try await client.api(.get, "/api/v1/workspaces", token: nil, headers: [.authorization: header])
        }
        #expect(response.status == .unauthorized)
        #expect(try response.errorCode() == "unauthorized")
    }

    @Test func workspaces_withValidToken_answersAndRecordsLastUse() async throws {
        let harness = try await APIHarness.make()
        let owner = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org").owner
        let token = try await harness.token(for: owner)

        let response = try await harness.test { client in try await client.api(.get, "/api/v1/workspaces", token: token)
        }

        #expect(response.status == .ok)
        #expect(response.headers[.cacheControl] == "private, no-store")
        let stored = try #require(try await harness.storage.apiTokens.list(for: owner.id).first)
        #expect(stored.lastUsedAt == harness.clock.now())
    }

    @Test func workspaces_withSessionCookieOnly_answers401() async throws {
        // The API takes bearer tokens only: a browser cookie must not authenticate cross-site API calls.
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in
            try await client.api(.get, "/api/v1/workspaces", token: nil, headers: [.cookie: "foyer_session=anything"])
        }
        #expect(response.status == .unauthorized)
    }
}
