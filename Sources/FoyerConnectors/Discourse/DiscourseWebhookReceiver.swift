import Foundation
import FoyerCore

/// Verifies Discourse webhook deliveries and decodes post events.
///
/// Signature: `X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`. Discourse signs no
/// timestamp, so redeliveries are recognised by `X-Discourse-Event-Id` instead. A ping (`X-Discourse-Event:
/// ping` or the body `{"ping":"OK"}`) is answered at once.
public struct DiscourseWebhookReceiver: WebhookReceiver {
    public init() {}

    public func verify(_ delivery: WebhookDelivery, for context: ChannelContext) throws -> WebhookVerdict {
        guard let secret = context.credential("webhookSecret") else {
            throw WebhookRejection.malformed(
                "This Discourse channel has no webhook secret; add it in Settings › Channels.")
        }
        let signature = delivery.header("X-Discourse-Event-Signature")
        if let signature, !signature.lowercased().hasPrefix("sha256=") { throw WebhookRejection.badSignature }
        try WebhookSignature.verifyHMACSHA256(signature, secret: secret, message: delivery.body, prefixes: ["sha256="])

        let json = try? JSONValue.parse(delivery.body)
        if delivery.header("X-Discourse-Event") == "ping" || json?["ping"]?.string == "OK" {
            return .respond(status: 200, contentType: "application/json", body: Data(#"{"ok":true}"#.utf8))
        }
        guard json?.object != nil else {
            throw WebhookRejection.malformed("Discourse sent a body that is not a JSON object.")
        }
        let eventID = delivery.header("X-Discourse-Event-Id")?.trimmingCharacters(in: .whitespaces)
        return .store(deliveryID: eventID.flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 })
    }

    /// Decodes `{"post": {...}}` bodies (post_created, and post_edited/post_recovered, which deduplicate on the
    /// post id); other events give nothing. Deleted posts, small actions ("closed the topic") and whispers are
    /// skipped.
    public func decode(_ payload: Data, for context: ChannelContext) throws -> [InboundItem] {
        let json = try JSONValue.parse(payload, what: "The Discourse event")
        guard let post = json["post"], post.object != nil else { return [] }
        if let deleted = post["deleted_at"], !deleted.isNull { return [] }
        if let type = post["post_type"]?.int, type == 3 || type == 4 { return [] }

        guard let postID = post["id"]?.int else {
            throw ConnectorError(.protocolError, "The Discourse post event has no post id.")
        }
        guard let topicID = post["topic_id"]?.int else {
            throw ConnectorError(.protocolError, "The Discourse post \(postID) has no topic_id.")
        }
        guard let createdText = post.text("created_at"), let sentAt = RateLimitHints.parseISO8601(createdText) else {
            throw ConnectorError(.protocolError, "The Discourse post \(postID) has no valid created_at.")
        }
        guard let username = post.text("username") else {
            throw ConnectorError(.protocolError, "The Discourse post \(postID) has no username.")
        }
        let base = try? DiscourseConnector.baseURL(context)
        let archetype = post.text("archetype") ?? post.text("topic_archetype")
        let postNumber = post["post_number"]?.int
        let kind: MessageKind =
            if archetype == "private_message" { .directMessage } else if postNumber == 1 { .post } else { .reply }
        let body = post["raw"]?.string ?? post["cooked"]?.string.map(HTMLToText.convert) ?? ""
        let ours =
            context.credential("apiUsername").map { $0.caseInsensitiveCompare(username) == .orderedSame } ?? false
        let userID = post["user_id"]?.stringOrNumber ?? username

        return [
            InboundItem(
                externalID: String(postID),
                threadID: String(topicID),
                kind: kind,
                direction: ours ? .outbound : .inbound,
                author: InboundAuthor(
                    externalID: userID, handle: username, displayName: post.text("name"),
                    profileURL: base.flatMap { base in
                        username.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed).map { "\(base)/u/\($0)" }
                    }),
                body: body,
                sentAt: sentAt,
                url: Self.postURL(post, base: base),
                subject: post.text("topic_title")
            )
        ]
    }

    /// `post_url` made absolute against the forum address; only http(s) links are kept.
    static func postURL(_ post: JSONValue, base: String?) -> String? {
        guard let path = post.text("post_url") else { return nil }
        if path.hasPrefix("/") && !path.hasPrefix("//") { return base.map { $0 + path } }
        guard let url = URL(string: path), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else { return nil }
        return path
    }
}
