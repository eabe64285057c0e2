import Foundation
import FoyerCore

/// Verifies and decodes Foyer's own webhook format (see `docs/WEBHOOKS.md`).
///
/// `X-Foyer-Signature: sha256=<hex HMAC-SHA256(secret, signed)>`, where `signed` is the raw body, or
/// `<X-Foyer-Timestamp>.<raw body>` when the optional `X-Foyer-Timestamp` (Unix seconds, ±300 s) is sent.
/// The body is checked at once, so a sender learns about a bad field from the 400 answer
/// (`messages[3].author.id is required`).
public struct GenericWebhookReceiver: WebhookReceiver {
    public static let tolerance: TimeInterval = 300
    public static let maxMessages = 500

    public init() {}

    public func verify(_ delivery: WebhookDelivery, for context: ChannelContext) throws -> WebhookVerdict {
        guard let secret = context.credential("secret") else {
            throw WebhookRejection.malformed("This webhook channel has no secret; set one in Settings › Channels.")
        }
        guard let signature = delivery.header("X-Foyer-Signature").map({ HotText.trimmedSpaces($0[...]) }),
            !signature.isEmpty
        else { throw WebhookRejection.missingSignature }
        guard signature.lowercased().hasPrefix("sha256=") else { throw WebhookRejection.badSignature }
        var signed = Data()
        if let timestamp = delivery.header("X-Foyer-Timestamp").map({ HotText.trimmedSpaces($0[...]) }) {
            try WebhookSignature.checkTimestamp(
                timestamp, now: delivery.receivedAt, tolerance: Self.tolerance, header: "X-Foyer-Timestamp")
            signed.append(Data("\(timestamp).".utf8))
        }
        signed.append(delivery.body)
        try WebhookSignature.verifyHMACSHA256(signature, secret: secret, message: signed, prefixes: ["sha256="])

        do {
            _ = try Self.items(delivery.body, now: delivery.receivedAt)
        } catch {
            throw WebhookRejection.malformed(error.message)
        }
        let deliveryID = delivery.header("X-Foyer-Delivery").map({ HotText.trimmedSpaces($0[...]) })
        return .store(deliveryID: deliveryID.flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 })
    }

    /// Messages without `sentAt` are dated when they are decoded.
    public func decode(_ payload: Data, for context: ChannelContext) throws -> [InboundItem] {
        do {
            return try Self.items(payload, now: Date())
        } catch {
            throw ConnectorError(.protocolError, error.message)
        }
    }

    // MARK: Decoding

    struct WebhookPayloadError: Error { var message: String }

    static let kinds: [String: MessageKind] = [
        "post": .post, "comment": .comment, "reply": .reply, "mention": .mention, "direct_message": .directMessage,
        "review": .review,
    ]

    static func items(_ payload: Data, now: Date) throws(WebhookPayloadError) -> [InboundItem] {
        guard let json = try? JSONValue.parse(payload) else {
            throw WebhookPayloadError(message: "The body is not valid JSON.")
        }
        guard json.object != nil else {
            throw WebhookPayloadError(message: "The body must be a JSON object: one message, or {\"messages\": [...]}.")
        }
        guard let batch = json["messages"] else { return [try item(json, path: "", now: now)] }
        guard let messages = batch.array else { throw WebhookPayloadError(message: "messages must be an array.") }
        guard messages.count <= maxMessages else {
            throw WebhookPayloadError(
                message: "messages has \(messages.count) items; the limit is \(maxMessages) per request.")
        }
        var items: [InboundItem] = []
        items.reserveCapacity(messages.count)
        for (index, message) in messages.enumerated() {
            items.append(try item(message, path: "messages[\(index)].", now: now))
        }
        return items
    }

    private static func item(_ json: JSONValue, path: String, now: Date) throws(WebhookPayloadError) -> InboundItem {
        guard json.object != nil else {
            throw WebhookPayloadError(
                message: path.isEmpty ? "The message must be an object." : "\(path.dropLast()) must be an object.")
        }
        let id = try requiredString(json, "id", path: path, limit: 255)
        let text = try requiredString(json, "text", path: path, limit: 100_000)
        guard let author = json["author"], !author.isNull else {
            throw WebhookPayloadError(message: "\(path)author is required.")
        }
        guard author.object != nil else { throw WebhookPayloadError(message: "\(path)author must be an object.") }
        let authorID = try requiredString(author, "id", path: path + "author.", limit: 255)
        let authorName = try optionalString(author, "name", path: path + "author.", limit: 255)
        let handle = try optionalString(author, "handle", path: path + "author.", limit: 255)
        let profileURL = try optionalURL(author, "url", path: path + "author.")

        let thread = try optionalString(json, "thread", path: path, limit: 255) ?? id
        let replyTo = try optionalString(json, "replyTo", path: path, limit: 255)
        var kind = MessageKind.comment
        if let name = try optionalString(json, "kind", path: path, limit: 40) {
            guard let known = kinds[name] else {
                throw WebhookPayloadError(
                    message: "\(path)kind must be one of post, comment, reply, mention, direct_message, review.")
            }
            kind = known
        }
        var sentAt = now
        if let text = try optionalString(json, "sentAt", path: path, limit: 64) {
            guard let date = RateLimitHints.parseISO8601(text) else {
                throw WebhookPayloadError(
                    message:
                        "\(path)sentAt must be an ISO-8601 date-time with a time zone, such as 2026-01-31T09:30:00Z.")
            }
            sentAt = date
        }
        return InboundItem(
            externalID: id, threadID: thread, parentID: replyTo, kind: kind, direction: .inbound,
            author: InboundAuthor(
                externalID: authorID, handle: handle ?? authorName ?? authorID, displayName: authorName,
                profileURL: profileURL),
            body: text, sentAt: sentAt, url: try optionalURL(json, "url", path: path),
            subject: try optionalString(json, "subject", path: path, limit: 500))
    }

    private static func requiredString(
        _ json: JSONValue, _ key: String, path: String, limit: Int
    ) throws(WebhookPayloadError) -> String {
        guard let value = try optionalString(json, key, path: path, limit: limit) else {
            throw WebhookPayloadError(message: "\(path)\(key) is required.")
        }
        return value
    }

    /// A string member; `nil` when absent or null. Empty strings count as absent.
    private static func optionalString(
        _ json: JSONValue, _ key: String, path: String, limit: Int
    ) throws(WebhookPayloadError) -> String? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let text = value.string else { throw WebhookPayloadError(message: "\(path)\(key) must be a string.") }
        let trimmed = HotText.trimmed(text)
        if trimmed.isEmpty { return nil }
        // UTF-8 length bounds the character count from above: most values need no counting.
        guard trimmed.utf8.count <= limit || trimmed.count <= limit else {
            throw WebhookPayloadError(message: "\(path)\(key) is longer than \(limit) characters.")
        }
        return trimmed
    }

    /// Links are shown in the inbox, so only http and https are accepted.
    private static func optionalURL(_ json: JSONValue, _ key: String, path: String) throws(WebhookPayloadError)
        -> String?
    {
        guard let text = try optionalString(json, key, path: path, limit: 2048) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw WebhookPayloadError(message: "\(path)\(key) must be an http or https URL.") }
        return text
    }
}
