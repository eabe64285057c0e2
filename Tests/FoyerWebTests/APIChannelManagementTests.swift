import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Creating, reading and deleting channels through `/api/v1`, and retrying their failed deliveries.
@Suite struct APIChannelManagementTests {
    struct Fixture {
        let app: WebTestApp
        let workspace: SeededWorkspace
        let ownerToken: String
        let moderatorToken: String
        let strangerToken: String

        var channelsPath: String { "/api/v1/workspaces/\(workspace.id)/channels" }
    }

    static func fixture(sealer: (any CredentialSealer)? = TestCredentialSealer()) async throws -> Fixture {
        let app = try await WebTestApp.make().withConnectors(sealer: sealer)
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        let moderator = try await app.seed.member("mod@example.org", role: .moderator, of: workspace.id)
        let stranger = try await app.seed.workspace(named: "Elsewhere", owner: "stranger@example.org").owner
        return Fixture(
            app: app, workspace: workspace, ownerToken: try await app.apiToken(for: workspace.owner),
            moderatorToken: try await app.apiToken(for: moderator), strangerToken: try await app.apiToken(for: stranger)
        )
    }

    @Test func createWebhookChannel_returnsWebhookURLAndTheGeneratedSecretOnce() async throws {
        let fixture = try await Self.fixture()
        let (created, detail) = try await fixture.app.run { client in
            let created = try await client.api(
                .post, fixture.channelsPath, token: fixture.ownerToken,
                body: #"{"kind": "webhook", "name": "Site form"}"#)
            let id = (try created.object()["id"] as? NSNumber)?.int64Value ?? 0
            let detail = try await client.api(.get, "\(fixture.channelsPath)/\(id)", token: fixture.ownerToken)
            return (created, detail)
        }
        #expect(created.status == .created)
        let body = try created.object()
        let secret = try #require(body["secret"] as? String)
        #expect(secret.count == 64)
        #expect(secret.allSatisfy { $0.isHexDigit })
        let url = try #require(body["webhookUrl"] as? String)
        #expect(url.hasPrefix("http://foyer.test/hooks/"))
        #expect(body["hasCredentials"] as? Bool == true)
        #expect(body["credentials"] == nil)
        let capabilities = try #require(body["capabilities"] as? [String: Any])
        #expect(capabilities["ingest"] as? String == "webhook")
        #expect(capabilities["reply"] as? Bool == false)

        // Stored sealed, under the token of the URL; readable back only through the sealer.
        let channel = try #require(try await fixture.app.storage.channels.list(in: fixture.workspace.id).first)
        #expect(url == "http://foyer.test/hooks/" + (channel.webhookToken ?? "-"))
        let sealed = try #require(channel.sealedCredentials)
        #expect(!String(decoding: sealed, as: UTF8.self).contains(secret))
        #expect(try fixture.app.dependencies.sealer?.openCredentials(sealed) == ["secret": secret])

        // The secret is shown once: reading the channel again does not return it.
        #expect(detail.status == .ok)
        #expect(!detail.text.contains(secret))
        #expect(try detail.object()["secret"] == nil)
        #expect(try detail.object()["webhookUrl"] as? String == url)

        let audit = try await fixture.app.storage.audit.list(in: fixture.workspace.id, page: PageRequest()).items
        #expect(audit.contains { $0.action == "channel.created" && $0.targetID == channel.id.description })
    }

    @Test func createWithGivenCredentials_neverReturnsThem() async throws {
        let fixture = try await Self.fixture()
        let responses = try await fixture.app.run { client in
            let created = try await client.api(
                .post, fixture.channelsPath, token: fixture.ownerToken,
                body: #"""
                    {"kind": "discourse", "name": "Forum", "settings": {"baseURL": "https://forum.example.org"},
                     "credentials": {"apiKey": "key-do-not-leak", "secret": "hook-do-not-leak"}}
                    """#)
            let id = (try created.object()["id"] as? NSNumber)?.int64Value ?? 0
            let detail = try await client.api(.get, "\(fixture.channelsPath)/\(id)", token: fixture.ownerToken)
            let list = try await client.api(.get, fixture.channelsPath, token: fixture.ownerToken)
            return [created, detail, list]
        }
        #expect(responses[0].status == .created)
        #expect(try responses[0].object()["secret"] is NSNull)
        let capabilities = try #require(try responses[0].object()["capabilities"] as? [String: Any])
        #expect(capabilities["reply"] as? Bool == true)
        #expect(capabilities["hide"] as? Bool == true)
        for response in responses {
            #expect(!response.text.contains("do-not-leak"), "\(response.text)")
        }
        #expect(try responses[1].object()["settings"] as? [String: String] == ["baseURL": "https://forum.example.org"])
    }

    @Test func pollingChannel_hasNoWebhookURL() async throws {
        let fixture = try await Self.fixture()
        let response = try await fixture.app.run { client in
            try await client.api(
                .post, fixture.channelsPath, token: fixture.ownerToken,
                body: #"{"kind": "feed", "name": "Blog", "settings": {"url": "https://blog.example.org/feed"}}"#)
        }
        #expect(response.status == .created)
        #expect(try response.object()["webhookUrl"] is NSNull)
        #expect(try response.object()["hasCredentials"] as? Bool == false)
        let channel = try #require(try await fixture.app.storage.channels.list(in: fixture.workspace.id).first)
        #expect(channel.webhookToken == nil)
        #expect(channel.sealedCredentials == nil)
    }

    @Test func unknownKind_answers422ListingTheKinds() async throws {
        let fixture = try await Self.fixture()
        let responses = try await fixture.app.run { client in
            [
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.ownerToken, body: #"{"kind": "myspace", "name": "X"}"#),
                // A real platform, but this build has no connector for it.
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.ownerToken, body: #"{"kind": "matrix", "name": "X"}"#),
            ]
        }
        for response in responses {
            #expect(response.status == .unprocessableContent)
            #expect(try response.errorField() == "kind")
            #expect(response.text.contains("discourse, feed, webhook"), "\(response.text)")
        }
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).isEmpty)
    }

    @Test func validationErrors_nameTheBadKey_andCreateNothing() async throws {
        let fixture = try await Self.fixture()
        let (setting, credential, name, unknownField) = try await fixture.app.run { client in
            (
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.ownerToken,
                    body:
                        #"{"kind": "discourse", "name": "Forum", "settings": {"baseURL": "ftp://x"}, "credentials": {"apiKey": "k"}}"#
                ),
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.ownerToken,
                    body:
                        #"{"kind": "discourse", "name": "Forum", "settings": {"baseURL": "https://forum.example.org"}}"#
                ),
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.ownerToken, body: #"{"kind": "webhook", "name": "  "}"#),
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.ownerToken,
                    body: #"{"kind": "webhook", "name": "X", "token": "mine"}"#)
            )
        }
        #expect(setting.status == .badRequest)
        #expect(try setting.errorField() == "settings.baseURL")
        #expect(setting.text.contains("https address"))
        #expect(try credential.errorField() == "credentials.apiKey")
        #expect(try name.errorField() == "name")
        #expect(try unknownField.errorField() == "token")
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).isEmpty)
    }

    @Test func withoutSealer_credentialsAreRefusedWith500() async throws {
        let fixture = try await Self.fixture(sealer: nil)
        let response = try await fixture.app.run { client in
            try await client.api(
                .post, fixture.channelsPath, token: fixture.ownerToken, body: #"{"kind": "webhook", "name": "Hooks"}"#)
        }
        #expect(response.status == .internalServerError)
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).isEmpty)
    }

    @Test func roles_moderatorCannotCreateOrDelete_andSeesNoWebhookURL() async throws {
        let fixture = try await Self.fixture()
        let token = webhookToken("role-test")
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: token)
        let (create, delete, detail) = try await fixture.app.run { client in
            (
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.moderatorToken,
                    body: #"{"kind": "webhook", "name": "X"}"#
                ),
                try await client.api(.delete, "\(fixture.channelsPath)/\(channel.id)", token: fixture.moderatorToken),
                try await client.api(.get, "\(fixture.channelsPath)/\(channel.id)", token: fixture.moderatorToken)
            )
        }
        #expect(create.status == .forbidden)
        #expect(delete.status == .forbidden)
        #expect(detail.status == .ok)
        #expect(try detail.object()["webhookUrl"] is NSNull)
        #expect(!detail.text.contains(token))
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).count == 1)
    }

    @Test func otherWorkspaces_cannotCreateReadDeleteOrRetry() async throws {
        let fixture = try await Self.fixture()
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: webhookToken("tenant"))
        let strangerWorkspace = try #require(
            try await fixture.app.storage.workspaces.find(slug: "elsewhere"))
        let responses = try await fixture.app.run { client in
            [
                try await client.api(
                    .post, fixture.channelsPath, token: fixture.strangerToken,
                    body: #"{"kind": "webhook", "name": "X"}"#),
                try await client.api(.get, "\(fixture.channelsPath)/\(channel.id)", token: fixture.strangerToken),
                try await client.api(.delete, "\(fixture.channelsPath)/\(channel.id)", token: fixture.strangerToken),
                // Their own workspace in the path, our channel id: still not found.
                try await client.api(
                    .get, "/api/v1/workspaces/\(strangerWorkspace.id)/channels/\(channel.id)",
                    token: fixture.strangerToken),
                try await client.api(
                    .delete, "/api/v1/workspaces/\(strangerWorkspace.id)/channels/\(channel.id)",
                    token: fixture.strangerToken),
            ]
        }
        for response in responses { #expect(response.status == .notFound, "\(response.text)") }
        #expect(try await fixture.app.storage.channels.find(channel.id, in: fixture.workspace.id) != nil)
    }

    @Test func delete_removesTheChannel_andAnswers204() async throws {
        let fixture = try await Self.fixture()
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: webhookToken("bye"))
        let (deleted, after) = try await fixture.app.run { client in
            (
                try await client.api(.delete, "\(fixture.channelsPath)/\(channel.id)", token: fixture.ownerToken),
                try await client.api(.get, "\(fixture.channelsPath)/\(channel.id)", token: fixture.ownerToken)
            )
        }
        #expect(deleted.status == .noContent)
        #expect(after.status == .notFound)
        #expect(try await fixture.app.storage.channels.find(webhookToken: webhookToken("bye")) == nil)
        let audit = try await fixture.app.storage.audit.list(in: fixture.workspace.id, page: PageRequest()).items
        #expect(audit.contains { $0.action == "channel.deleted" })
    }

    @Test func failures_areListed_andRetryQueuesThemAgain() async throws {
        let fixture = try await Self.fixture()
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: webhookToken("fails"))
        let events = fixture.app.storage.inboundEvents
        guard
            case .stored(let id) = try await events.append(
                NewInboundEvent(
                    channelID: channel.id, source: .webhook, deliveryID: "d1", payload: Data("{}".utf8),
                    receivedAt: testNow),
                in: fixture.workspace.id)
        else {
            Issue.record("the event was not stored")
            return
        }
        try await events.markFailed(id, error: "Decoding failed: no text", retryAt: testNow, maxAttempts: 1)

        let (failures, retried, moderatorRetry, after) = try await fixture.app.run { client in
            (
                try await client.api(.get, "\(fixture.channelsPath)/\(channel.id)/failures", token: fixture.ownerToken),
                try await client.api(
                    .post, "/api/v1/workspaces/\(fixture.workspace.id)/inbound-events/\(id)/retry",
                    token: fixture.ownerToken),
                try await client.api(
                    .post, "/api/v1/workspaces/\(fixture.workspace.id)/inbound-events/\(id)/retry",
                    token: fixture.moderatorToken),
                try await client.api(.get, "\(fixture.channelsPath)/\(channel.id)/failures", token: fixture.ownerToken)
            )
        }
        #expect(failures.status == .ok)
        let listed = try failures.list()
        #expect(listed.ids == [id.rawValue])
        #expect(listed.first?["lastError"] as? String == "Decoding failed: no text")
        #expect(listed.first?["payload"] == nil)
        #expect(retried.status == .ok)
        #expect(try retried.object()["status"] as? String == "pending")
        #expect(moderatorRetry.status == .forbidden)
        #expect(try after.list().isEmpty)
        #expect(try await events.count(in: fixture.workspace.id, status: .pending) == 1)
    }
}
