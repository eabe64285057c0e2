import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// A generic webhook channel from creation to the inbox, with the real connector, the AES-GCM sealer and the
/// ingest pipeline: create it through the API, sign a delivery as docs/WEBHOOKS.md says, post it, process it.
@Suite struct WebhookEndToEndTests {
    @Test func signedDelivery_reachesTheInbox_andAForgedOneDoesNot() async throws {
        let clock = PinnedClock(testNow)
        let storage = try await makeTestStorage(clock: clock)
        let connectors = ConnectorRegistry([GenericWebhookConnector()])
        let sealer = try AESGCMCredentialSealer(key: Data(repeating: 7, count: 32))
        var dependencies = makeTestWebDependencies(storage: storage, clock: clock)
        dependencies.connectors = connectors
        dependencies.sealer = sealer
        let workspace = try await Seed(storage).workspace(named: "Acme", owner: "owner@example.org")
        let token = SecretToken.generate(prefix: "foyer_")
        _ = try await storage.apiTokens.create(
            user: workspace.owner.id, name: "test", tokenHash: SecretToken.digest(token),
            prefix: String(token.prefix(12)))

        let body = #"{"id": "form-1042", "text": "Hello, the invoice PDF is empty.", "author": {"id": "c77", "name": "Ada"}}"#
        let app = Application(router: buildRouter(dependencies))
        let (created, forged, delivered) = try await app.test(.router) { client in
            let created = try await client.execute(
                uri: "/api/v1/workspaces/\(workspace.id)/channels", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"kind": "webhook", "name": "Contact form"}"#))
            let json = try JSONSerialization.jsonObject(with: Data(created.body.readableBytesView)) as? [String: Any]
            let url = try #require(json?["webhookUrl"] as? String)
            let secret = try #require(json?["secret"] as? String)
            let path = try #require(URL(string: url)?.path)
            func post(signature: String) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                headers.append(contentsOf: rawHeaders([("X-Foyer-Signature", signature)]))
                return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let forged = try await post(
                signature: "sha256=" + WebhookSignature.hmacSHA256Hex(secret: "not-the-secret", message: body))
            let delivered = try await post(
                signature: "sha256=" + WebhookSignature.hmacSHA256Hex(secret: secret, message: body))
            return (created.status, forged.status, delivered.status)
        }
        #expect(created == .created)
        #expect(forged == .unauthorized)
        #expect(delivered == .ok)
        #expect(try await storage.inboundEvents.count(in: workspace.id, status: nil) == 1)

        let pipeline = IngestPipeline(
            storage: storage, analyzer: FoyerTextAnalyzer(), connectors: connectors, sealer: sealer,
            live: LiveEventHub(), clock: clock)
        #expect(try await pipeline.processDue(limit: 10) == 1)
        let messages = try await storage.messages.list(in: workspace.id, filter: MessageFilter(), page: PageRequest())
        #expect(messages.items.map(\.body) == ["Hello, the invoice PDF is empty."])
        #expect(messages.items.first?.authorName == "Ada")
    }
}
