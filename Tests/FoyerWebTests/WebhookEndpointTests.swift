import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

/// `POST /hooks/:token`: verified deliveries are stored once, refused ones leave nothing behind.
@Suite struct WebhookEndpointTests {
    struct Fixture {
        let app: WebTestApp
        let workspace: SeededWorkspace
        let channel: Channel
        let token: String

        func stored() async throws -> Int {
            try await app.storage.inboundEvents.count(in: workspace.id, status: nil)
        }
    }

    static func fixture() async throws -> Fixture {
        let app = try await WebTestApp.make().withConnectors()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = webhookToken("acme-hooks")
        let channel = try await app.webhookChannel(in: workspace.id, token: token)
        return Fixture(app: app, workspace: workspace, channel: channel, token: token)
    }

    @Test func goodDelivery_isStoredOnce_evenWhenDeliveredTwice() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            let first = try await client.deliver(fixture.token, deliveryID: "evt-1")
            #expect(first.status == .ok)
            #expect(first.html == #"{"ok":true}"#)
            let again = try await client.deliver(fixture.token, deliveryID: "evt-1")
            #expect(again.status == .ok)
            #expect(again.html == #"{"ok":true}"#)
        }
        #expect(try await fixture.stored() == 1)
        let due = try await fixture.app.storage.inboundEvents.due(now: testNow.addingTimeInterval(60), limit: 10)
        let event = try #require(due.first)
        #expect(event.channelID == fixture.channel.id)
        #expect(event.source == .webhook)
        #expect(event.deliveryID == "evt-1")
        #expect(event.payload == Data(#"{"hello":"world"}"#.utf8))
    }

    @Test func deliveriesWithoutID_areEachStored() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            let first = try await client.deliver(fixture.token, body: #"{"n":1}"#)
            let second = try await client.deliver(fixture.token, body: #"{"n":2}"#)
            #expect(first.status == .ok)
            #expect(second.status == .ok)
        }
        #expect(try await fixture.stored() == 2)
    }

    @Test func badOrMissingSignature_answers401_andStoresNothing() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            let bad = try await client.deliver(fixture.token, signature: "wrong")
            #expect(bad.status == .unauthorized)
            #expect(bad.html.contains(#""code":"bad_signature""#))
            let missing = try await client.deliver(fixture.token, signature: nil)
            #expect(missing.status == .unauthorized)
            #expect(missing.html.contains(#""code":"missing_signature""#))
            let stale = try await client.deliver(fixture.token, extra: rawHeaders([("X-Test-Stale", "1")]))
            #expect(stale.status == .unauthorized)
            #expect(stale.html.contains(#""code":"stale""#))
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func malformedDelivery_answers400_andStoresNothing() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            let response = try await client.deliver(fixture.token, body: "not json")
            #expect(response.status == .badRequest)
            #expect(response.html.contains("The body is not JSON."))
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func unknownToken_answers404() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            let unknown = try await client.deliver(webhookToken("somebody-else"))
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/json") == true)
            // Not a token shape at all: refused the same way.
            #expect(try await client.deliver("short").status == .notFound)
            #expect(try await client.deliver(String(repeating: "a", count: 200)).status == .notFound)
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func channelWhoseKindHasNoConnector_answers404() async throws {
        let fixture = try await Self.fixture()
        let token = webhookToken("matrix-room")
        _ = try await fixture.app.webhookChannel(in: fixture.workspace.id, kind: .matrix, token: token)
        try await fixture.app.run { client in
            let response = try await client.deliver(token)
            #expect(response.status == .notFound)
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func tooLargeDelivery_answers413_andStoresNothing() async throws {
        let fixture = try await Self.fixture()
        let body = "{\"text\":\"" + String(repeating: "a", count: 1024 * 1024 + 1) + "\"}"
        try await fixture.app.run { client in
            let response = try await client.deliver(fixture.token, body: body)
            #expect(response.status == .contentTooLarge)
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func respondVerdict_passesThrough_andStoresNothing() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            let response = try await client.deliver(fixture.token, body: #"{"ping":true}"#)
            #expect(response.status == .ok)
            #expect(response.html == "pong")
            #expect(response.headers[.contentType] == "text/plain")
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func delivery_needsNoSessionNorCSRF_andSetsNoCookie() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            // A browser page would refuse a cross-site POST without a CSRF token; a platform is cross-site.
            let response = try await client.deliver(
                fixture.token,
                extra: rawHeaders([("Origin", "https://hooks.slack.example"), ("Sec-Fetch-Site", "cross-site")]))
            #expect(response.status == .ok)
            #expect(response.headers[values: .setCookie].isEmpty)
        }
        #expect(try await fixture.stored() == 1)
    }

    @Test func otherMethods_answer405WithAllowPost() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            for method: HTTPRequest.Method in [.get, .put, .delete] {
                let response = try await client.execute(uri: "/hooks/\(fixture.token)", method: method)
                #expect(response.status == .methodNotAllowed, "\(method)")
                #expect(response.headers[.allow] == "POST")
            }
        }
    }

    @Test func credentialsSealedUnderAnotherKey_answer500_andStoreNothing() async throws {
        let fixture = try await Self.fixture()
        let token = webhookToken("other-key")
        let foreign = try TestCredentialSealer().seal(credentials: ["secret": "s3cret"])
        _ = try await fixture.app.storage.channels.create(
            NewChannel(kind: .webhook, name: "Moved", sealedCredentials: foreign, webhookToken: token),
            in: fixture.workspace.id)
        try await fixture.app.run { client in
            let response = try await client.deliver(token)
            #expect(response.status == .internalServerError)
        }
        #expect(try await fixture.stored() == 0)
    }

    @Test func deliveries_areCountedPerKindAndOutcome() async throws {
        let fixture = try await Self.fixture()
        try await fixture.app.run { client in
            _ = try await client.deliver(fixture.token, deliveryID: "a")
            _ = try await client.deliver(fixture.token, deliveryID: "a")
            _ = try await client.deliver(fixture.token, signature: "wrong")
        }
        let metrics = fixture.app.dependencies.metrics.emitToString()
        #expect(metrics.contains(#"foyer_webhook_deliveries_total{kind="webhook",outcome="accepted"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"foyer_webhook_deliveries_total{kind="webhook",outcome="duplicate"} 1"#))
        #expect(metrics.contains(#"foyer_webhook_deliveries_total{kind="webhook",outcome="rejected"} 1"#))
    }
}
