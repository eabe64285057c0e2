import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// Settings › Channels: the connect forms, the channel page with its webhook URL and failures.
@Suite struct ChannelPagesTests {
    struct Fixture {
        let app: WebTestApp
        let workspace: SeededWorkspace

        var channelsPath: String { "/w/\(workspace.id)/settings/channels" }
    }

    static func fixture() async throws -> Fixture {
        let app = try await WebTestApp.make().withConnectors()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        _ = try await app.seed.member("mod@example.org", role: .moderator, of: workspace.id)
        try await app.user("owner@example.org")
        try await app.user("mod@example.org")
        return Fixture(app: app, workspace: workspace)
    }

    @Test func channelsPage_offersAFormPerConnector_toOwnersOnly() async throws {
        let fixture = try await Self.fixture()
        let (owner, moderator) = try await fixture.app.run { client in
            (
                try await signIn(client, email: "owner@example.org").get(client, fixture.channelsPath),
                try await signIn(client, email: "mod@example.org").get(client, fixture.channelsPath)
            )
        }
        #expect(owner.status == .ok)
        #expect(owner.html.contains("Connect a channel"))
        #expect(owner.html.contains(#"name="settings.baseURL""#))
        #expect(owner.html.contains(#"name="credentials.apiKey" type="password""#))
        #expect(owner.html.contains(#"value="webhook""#))
        #expect(moderator.status == .ok)
        #expect(!moderator.html.contains("Connect a channel"))
    }

    @Test func channelsList_showsWhatEachChannelDoes() async throws {
        let fixture = try await Self.fixture()
        _ = try await fixture.app.webhookChannel(in: fixture.workspace.id, kind: .discourse, token: webhookToken("f"))
        _ = try await fixture.app.seed.channel(in: fixture.workspace.id, kind: .matrix, name: "Room")
        let page = try await fixture.app.run { client in
            try await signIn(client, email: "mod@example.org").get(client, fixture.channelsPath)
        }
        #expect(page.html.contains("Receives by webhook · Replies · Hides"))
        // No connector for Matrix in this app: nothing is claimed for it.
        #expect(page.html.contains(">Room</a>"))
        #expect(!page.html.contains("Checks for new messages"))
    }

    @Test func connectWebhookChannel_showsTheURLAndTheSecretOnce() async throws {
        let fixture = try await Self.fixture()
        let (created, again) = try await fixture.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let created = try await owner.post(
                client, fixture.channelsPath, form: ["kind": "webhook", "name": "Site form"])
            let channel = try await fixture.app.storage.channels.list(in: fixture.workspace.id).first
            let again = try await owner.get(client, "\(fixture.channelsPath)/\(channel?.id.description ?? "0")")
            return (created, again)
        }
        #expect(created.status == .created)
        let channel = try #require(try await fixture.app.storage.channels.list(in: fixture.workspace.id).first)
        let token = try #require(channel.webhookToken)
        #expect(created.html.contains("http://foyer.test/hooks/\(token)"))
        let sealed = try #require(channel.sealedCredentials)
        let secret = try #require(try fixture.app.dependencies.sealer?.openCredentials(sealed)["secret"])
        #expect(created.html.contains(secret))
        #expect(created.html.contains("Receives by webhook"))
        #expect(again.status == .ok)
        #expect(again.html.contains("http://foyer.test/hooks/\(token)"))
        #expect(!again.html.contains(secret))
    }

    @Test func connectForm_withBadSetting_namesTheField_keepsValues_andEchoesNoSecret() async throws {
        let fixture = try await Self.fixture()
        let response = try await fixture.app.run { client in
            try await signIn(client, email: "owner@example.org").post(
                client, fixture.channelsPath,
                form: [
                    "kind": "discourse", "name": "Forum", "settings.baseURL": "ftp://forum.example.org",
                    "credentials.apiKey": "key-never-echoed",
                ])
        }
        #expect(response.status == .badRequest)
        #expect(response.html.contains("Site address — Enter the forum"))
        #expect(response.html.contains(#"value="ftp://forum.example.org""#))
        #expect(!response.html.contains("key-never-echoed"))
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).isEmpty)
    }

    @Test func connectForm_forKindWithoutConnector_isRefused() async throws {
        let fixture = try await Self.fixture()
        let response = try await fixture.app.run { client in
            try await signIn(client, email: "owner@example.org").post(
                client, fixture.channelsPath, form: ["kind": "matrix", "name": "Room"])
        }
        #expect(response.status == .badRequest)
        #expect(response.html.contains("cannot be connected"))
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).isEmpty)
    }

    @Test func moderator_cannotConnectDisconnectOrRetry() async throws {
        let fixture = try await Self.fixture()
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: webhookToken("mod"))
        let (connect, delete, page) = try await fixture.app.run { client in
            let moderator = try await signIn(client, email: "mod@example.org")
            return (
                try await moderator.post(client, fixture.channelsPath, form: ["kind": "webhook", "name": "X"]),
                try await moderator.post(client, "\(fixture.channelsPath)/\(channel.id)/delete"),
                try await moderator.get(client, "\(fixture.channelsPath)/\(channel.id)")
            )
        }
        #expect(connect.status == .forbidden)
        #expect(delete.status == .forbidden)
        #expect(page.status == .ok)
        #expect(!page.html.contains(webhookToken("mod")))
        #expect(!page.html.contains("Disconnect this channel"))
        #expect(try await fixture.app.storage.channels.list(in: fixture.workspace.id).count == 1)
    }

    @Test func channelPage_listsFailures_andRetryQueuesThemAgain() async throws {
        let fixture = try await Self.fixture()
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: webhookToken("retry"))
        let events = fixture.app.storage.inboundEvents
        guard
            case .stored(let id) = try await events.append(
                NewInboundEvent(
                    channelID: channel.id, source: .webhook, deliveryID: nil, payload: Data("{}".utf8),
                    receivedAt: testNow),
                in: fixture.workspace.id)
        else {
            Issue.record("the event was not stored")
            return
        }
        try await events.markFailed(id, error: "Unreadable payload", retryAt: testNow, maxAttempts: 1)
        let (page, retry) = try await fixture.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let page = try await owner.get(client, "\(fixture.channelsPath)/\(channel.id)")
            let retry = try await owner.post(client, "\(fixture.channelsPath)/\(channel.id)/events/\(id)/retry")
            return (page, retry)
        }
        #expect(page.html.contains("Unreadable payload"))
        #expect(page.html.contains("/events/\(id)/retry"))
        #expect(retry.status == .seeOther)
        #expect(retry.redirectPath == "\(fixture.channelsPath)/\(channel.id)?notice=retried")
        #expect(try await events.count(in: fixture.workspace.id, status: .pending) == 1)
    }

    @Test func disconnect_deletesTheChannel() async throws {
        let fixture = try await Self.fixture()
        let channel = try await fixture.app.webhookChannel(in: fixture.workspace.id, token: webhookToken("gone"))
        let response = try await fixture.app.run { client in
            try await signIn(client, email: "owner@example.org").post(
                client, "\(fixture.channelsPath)/\(channel.id)/delete")
        }
        #expect(response.status == .seeOther)
        #expect(response.redirectPath == "\(fixture.channelsPath)?notice=channel_deleted")
        #expect(try await fixture.app.storage.channels.find(channel.id, in: fixture.workspace.id) == nil)
    }

    @Test func everyFormField_andCapability_hasALabelInEveryLanguage() {
        let localizer = Renderer.bundled.localizer
        let keys =
            ChannelFields.allKeys.map { "channels.field.\($0)" }
            + IngestMode.allCases.map { "channels.capability.\($0.rawValue)" }
            + ["reply", "publish", "hide", "delete", "ban"].map { "channels.capability.\($0)" }
        #expect(ChannelFields.allKeys.count >= 10)
        for locale in AppLocale.allCases {
            for key in keys {
                #expect(localizer.catalogs[locale]?[key] != nil, "\(locale) lacks \(key)")
            }
        }
    }
}
