import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting

/// A webhook receiver with rules simple enough to read in a test:
/// - no `X-Test-Signature` header → missing signature; one that differs from the `secret` credential → bad;
/// - `X-Test-Stale: 1` → stale; a body that is not JSON → malformed;
/// - the body `{"ping":true}` → answered at once with `pong` (stored nothing);
/// - anything else → stored, with `X-Test-Delivery` as the delivery id.
struct FakeWebhookReceiver: WebhookReceiver {
    func verify(_ delivery: WebhookDelivery, for context: ChannelContext) throws -> WebhookVerdict {
        guard let signature = delivery.header("X-Test-Signature") else { throw WebhookRejection.missingSignature }
        guard signature == context.credential("secret") else { throw WebhookRejection.badSignature }
        if delivery.header("X-Test-Stale") == "1" { throw WebhookRejection.stale }
        guard (try? JSONSerialization.jsonObject(with: delivery.body)) != nil else {
            throw WebhookRejection.malformed("The body is not JSON.")
        }
        if delivery.body == Data(#"{"ping":true}"#.utf8) {
            return .respond(status: 200, contentType: "text/plain", body: Data("pong".utf8))
        }
        return .store(deliveryID: delivery.header("X-Test-Delivery"))
    }

    func decode(_ payload: Data, for context: ChannelContext) throws -> [InboundItem] { [] }
}

/// A generic-webhook connector around ``FakeWebhookReceiver``; requires the `secret` credential.
struct FakeWebhookConnector: Connector {
    var kind: ChannelKind { .webhook }
    var capabilities: ConnectorCapabilities { ConnectorCapabilities(ingest: .webhook) }
    var webhook: (any WebhookReceiver)? { FakeWebhookReceiver() }

    func validate(settings: [String: String], credentials: [String: String]) throws {
        guard credentials["secret"] != nil else {
            throw DomainError.invalid(field: "secret", message: "Give the signing secret.")
        }
    }
}

/// A forum-like connector (kind `discourse`): receives webhooks, replies and hides; requires an https
/// `baseURL` setting and an `apiKey` credential.
struct FakeForumConnector: Connector {
    var kind: ChannelKind { .discourse }
    var capabilities: ConnectorCapabilities { ConnectorCapabilities(ingest: .webhook, reply: true, hide: true) }
    var webhook: (any WebhookReceiver)? { FakeWebhookReceiver() }

    func validate(settings: [String: String], credentials: [String: String]) throws {
        guard let base = settings["baseURL"], base.hasPrefix("https://") else {
            throw DomainError.invalid(field: "baseURL", message: "Enter the forum's https address.")
        }
        guard credentials["apiKey"] != nil else {
            throw DomainError.invalid(field: "apiKey", message: "Give an API key.")
        }
    }
}

/// A feed-like connector (kind `feed`): polls, takes no credentials.
struct FakeFeedConnector: Connector {
    var kind: ChannelKind { .feed }
    var capabilities: ConnectorCapabilities { ConnectorCapabilities(ingest: .poll) }
}

extension WebTestApp {
    /// The same app with the fake connectors and a real AES-GCM sealer (or none).
    func withConnectors(sealer: (any CredentialSealer)? = TestCredentialSealer()) -> WebTestApp {
        var dependencies = self.dependencies
        dependencies.connectors = ConnectorRegistry([
            FakeWebhookConnector(), FakeForumConnector(), FakeFeedConnector(),
        ])
        dependencies.sealer = sealer
        return WebTestApp(dependencies: dependencies, clock: clock)
    }

    /// A channel that receives webhooks at `/hooks/<token>`, its credentials sealed with the app's sealer.
    func webhookChannel(
        in workspace: WorkspaceID, kind: ChannelKind = .webhook, secret: String = "s3cret", token: String
    ) async throws -> Channel {
        let sealed = try dependencies.sealer.map { try $0.seal(credentials: ["secret": secret]) }
        return try await storage.channels.create(
            NewChannel(kind: kind, name: "Hooks", sealedCredentials: sealed, webhookToken: token), in: workspace)
    }

    /// A personal API token for `user`, stored hashed as the account page does.
    func apiToken(for user: User) async throws -> String {
        let token = SecretToken.generate(prefix: "foyer_")
        _ = try await storage.apiTokens.create(
            user: user.id, name: "test", tokenHash: SecretToken.digest(token), prefix: String(token.prefix(12)))
        return token
    }
}

/// A token of the shape the endpoint accepts (43 base64url characters).
func webhookToken(_ seed: String) -> String {
    String((seed + String(repeating: "x", count: 43)).prefix(43))
}

extension TestClientProtocol {
    /// Posts a webhook delivery with the fake receiver's headers.
    func deliver(
        _ token: String, body: String = #"{"hello":"world"}"#, signature: String? = "s3cret",
        deliveryID: String? = nil, extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "application/json"
        var raw: [(String, String)] = []
        if let signature { raw.append(("X-Test-Signature", signature)) }
        if let deliveryID { raw.append(("X-Test-Delivery", deliveryID)) }
        headers.append(contentsOf: rawHeaders(raw))
        return try await execute(
            uri: "/hooks/\(token)", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
