import Foundation
import FoyerCore
import Hummingbird
import Logging
import Prometheus

/// `POST /hooks/:token`: where platforms deliver webhooks for a channel.
///
/// The token in the URL is the channel's secret address; the channel's connector then verifies the
/// delivery's signature over the raw body. A verified delivery is stored raw and durably in the inbound log
/// (committed before the answer) and the ingest worker is woken; the platform gets `200 {"ok":true}`, also
/// for a redelivery it already made. Nothing is stored for a refused delivery.
///
/// Registered by `buildRouter` ahead of the session, error-page and CSRF middleware: platforms have no
/// cookie and no CSRF token, and every answer here is a small JSON document.
///
/// Answers: 404 for an unknown token (or a channel whose kind takes no webhooks), 413 above
/// ``maximumBodySize``, 400 for a malformed delivery, 401 for a missing, wrong or stale signature, 405 for
/// methods other than POST, 500 when the delivery could not be stored (the platform will retry).
struct WebhookController: Sendable {
    static let maximumBodySize = 1024 * 1024
    static let pattern = "/hooks/:token"

    let dependencies: WebDependencies
    /// The channels' credentials, opened once per sealed value rather than once per delivery.
    let openedCredentials = OpenedCredentials()

    func register(on router: Router<FoyerRequestContext>) {
        router.on(RouterPath(Self.pattern), method: .post) { request, context in
            await self.receive(request, context: context)
        }
        for method: HTTPRequest.Method in [.get, .head, .put, .patch, .delete] {
            router.on(RouterPath(Self.pattern), method: method) { _, _ in
                var response = WebhookAnswer.error(
                    .methodNotAllowed, code: "method_not_allowed", message: "Deliver webhooks with POST.")
                response.headers[.allow] = "POST"
                return response
            }
        }
    }

    func receive(_ request: Request, context: FoyerRequestContext) async -> Response {
        let logger = context.logger
        do {
            return try await handle(request, context: context)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return WebhookAnswer.error(
                .contentTooLarge, code: "payload_too_large",
                message: "The delivery is larger than \(Self.maximumBodySize / 1024) KiB.")
        } catch {
            logger.error("Webhook delivery failed", metadata: ["error": "\(String(reflecting: error))"])
            return WebhookAnswer.error(
                .internalServerError, code: "internal_error", message: "The delivery could not be stored; retry later.")
        }
    }

    private func handle(_ request: Request, context: FoyerRequestContext) async throws -> Response {
        let storage = dependencies.storage
        // A token that cannot be one of ours is refused without a lookup; any other costs one indexed query,
        // unless the channel was found in the last seconds (the storage keeps known tokens, never unknown ones).
        guard let token = context.parameters.get("token"), Self.isPlausibleToken(token),
            let channel = try await storage.channels.find(webhookToken: token),
            let connector = dependencies.connectors[channel.kind], let receiver = connector.webhook
        else {
            return WebhookAnswer.error(.notFound, code: "not_found", message: "No channel receives webhooks here.")
        }
        var logger = context.logger
        logger[metadataKey: "channel"] = "\(channel.id)"
        logger[metadataKey: "kind"] = "\(channel.kind.rawValue)"

        var request = request
        let buffer = try await request.collectBody(upTo: Self.maximumBodySize)
        let body = Data(buffer.readableBytesView)
        let receivedAt = dependencies.clock.now()
        let delivery = WebhookDelivery(headers: Self.headers(of: request), body: body, receivedAt: receivedAt)

        let credentials: [String: String]
        if let sealed = channel.sealedCredentials {
            guard let sealer = dependencies.sealer else {
                logger.error("Webhook received but no credential sealer is configured; cannot verify it")
                return WebhookAnswer.error(
                    .internalServerError, code: "internal_error", message: "This channel cannot verify deliveries now.")
            }
            do {
                credentials = try openedCredentials.open(sealed, with: sealer)
            } catch {
                logger.error(
                    "Cannot open the channel's credentials: check the secret key", metadata: ["error": "\(error)"])
                return WebhookAnswer.error(
                    .internalServerError, code: "internal_error", message: "This channel cannot verify deliveries now.")
            }
        } else {
            credentials = [:]
        }

        let verdict: WebhookVerdict
        do {
            verdict = try receiver.verify(delivery, for: ChannelContext(channel: channel, credentials: credentials))
        } catch let rejection as WebhookRejection {
            count(channel.kind, outcome: "rejected")
            logger.notice("Webhook delivery refused", metadata: ["reason": "\(Self.reason(rejection))"])
            return Self.answer(to: rejection)
        } catch {
            count(channel.kind, outcome: "rejected")
            logger.notice("Webhook delivery could not be verified", metadata: ["error": "\(error)"])
            return WebhookAnswer.error(.badRequest, code: "malformed", message: "The delivery could not be read.")
        }

        switch verdict {
        case .respond(let status, let contentType, let responseBody):
            count(channel.kind, outcome: "answered")
            let code = (100...599).contains(status) ? status : 200
            return Response(
                status: HTTPResponse.Status(code: code),
                headers: [.contentType: contentType, .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: responseBody)))
        case .store(let deliveryID):
            let result = try await storage.inboundEvents.append(
                NewInboundEvent(
                    channelID: channel.id, source: .webhook, deliveryID: deliveryID.map { String($0.prefix(200)) },
                    payload: body, receivedAt: receivedAt),
                in: channel.workspaceID)
            switch result {
            case .stored(let id):
                count(channel.kind, outcome: "accepted")
                dependencies.ingestSignal.notify()
                logger.debug("Webhook delivery stored", metadata: ["event": "\(id)"])
            case .duplicate(let id):
                count(channel.kind, outcome: "duplicate")
                logger.debug("Webhook redelivery acknowledged", metadata: ["event": "\(id)"])
            }
            return WebhookAnswer.ok
        }
    }

    /// Our tokens are 43 base64url characters; the port allows 16 to 128.
    static func isPlausibleToken(_ token: String) -> Bool {
        (16...128).contains(token.utf8.count)
            && token.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F
            }
    }

    /// Header names lower-cased; repeated headers joined with a comma, as HTTP allows.
    static func headers(of request: Request) -> [String: String] {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            if let existing = headers[name] {
                headers[name] = existing + ", " + field.value
            } else {
                headers[name] = field.value
            }
        }
        return headers
    }

    static func answer(to rejection: WebhookRejection) -> Response {
        switch rejection {
        case .missingSignature:
            WebhookAnswer.error(.unauthorized, code: "missing_signature", message: "The delivery is not signed.")
        case .badSignature:
            WebhookAnswer.error(.unauthorized, code: "bad_signature", message: "The signature does not match.")
        case .stale:
            WebhookAnswer.error(
                .unauthorized, code: "stale", message: "The signed timestamp is too old or in the future.")
        case .malformed(let detail):
            WebhookAnswer.error(.badRequest, code: "malformed", message: String(detail.prefix(200)))
        }
    }

    static func reason(_ rejection: WebhookRejection) -> String {
        switch rejection {
        case .missingSignature: "missing_signature"
        case .badSignature: "bad_signature"
        case .stale: "stale"
        case .malformed: "malformed"
        }
    }

    /// `foyer_webhook_deliveries_total{kind, outcome}`: accepted, duplicate, answered, rejected.
    private func count(_ kind: ChannelKind, outcome: String) {
        dependencies.metrics.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "foyer", subsystem: "webhook", metricName: "deliveries", unitName: "total",
                helpText: "Webhook deliveries by channel kind and outcome."),
            labels: [("kind", kind.rawValue), ("outcome", outcome)]
        ).increment()
    }
}

/// The small JSON answers of the webhook endpoint.
enum WebhookAnswer {
    static var ok: Response {
        json(.ok, Data(#"{"ok":true}"#.utf8))
    }

    /// `{"error": {"code": …, "message": …}}`, like the API's envelope.
    static func error(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let envelope = ["error": ["code": code, "message": message]]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(envelope)) ?? Data(#"{"error":{"code":"error"}}"#.utf8)
        return json(status, data)
    }

    private static func json(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
