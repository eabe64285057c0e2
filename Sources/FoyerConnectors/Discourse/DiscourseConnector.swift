import Foundation
import FoyerCore

/// A Discourse forum through its webhooks (ingest) and its API (replies and new topics with
/// `POST /posts.json`).
///
/// Settings: `baseURL` (the forum, `https://forum.example.org`); `category` (the id of the category new
/// topics go to; the forum's default category otherwise). Credentials: `webhookSecret` (the secret set
/// on the Discourse webhook), `apiKey` and `apiUsername` (an API key and the user it acts as; that user's
/// posts are ours).
///
/// Thread ids are topic ids; external ids are post ids.
public struct DiscourseConnector: Connector {
    public let kind = ChannelKind.discourse
    public let capabilities = ConnectorCapabilities(
        ingest: .webhook, reply: true, publish: true, hide: true, delete: true, ban: true)
    private let http: ConnectorHTTPClient

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Discourse")
    }

    public func validate(settings: [String: String], credentials: [String: String]) throws {
        guard let base = settings["baseURL"], !base.isEmpty, let url = URL(string: base), url.host != nil else {
            throw DomainError.invalid(
                field: "baseURL", message: "Enter the forum’s address, such as https://forum.example.org.")
        }
        do {
            try http.policy.checkSyntax(url)
        } catch let error as ConnectorError {
            throw DomainError.invalid(field: "baseURL", message: error.message)
        }
        if let category = settings["category"], !category.isEmpty, (Int64(category) ?? 0) <= 0 {
            throw DomainError.invalid(
                field: "category", message: "Enter the id of a Discourse category (a number), or leave it empty.")
        }
        let required: [(String, String)] = [
            ("webhookSecret", "Enter the secret you set on the Discourse webhook (Admin › API › Webhooks)."),
            ("apiKey", "Paste an API key created in Discourse (Admin › API › Keys)."),
            ("apiUsername", "Enter the Discourse user the API key acts as, such as system."),
        ]
        for (key, message) in required where (credentials[key] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid(field: key, message: message)
        }
    }

    public var webhook: (any WebhookReceiver)? { DiscourseWebhookReceiver() }
    public var replier: (any Replier)? { DiscourseReplier(http: http) }
    public var publisher: (any Publisher)? { DiscoursePublisher(http: http) }
    public var moderator: (any Moderator)? { DiscourseModerator(http: http) }

    /// The forum address without a trailing slash.
    static func baseURL(_ context: ChannelContext) throws -> String {
        guard var base = context.setting("baseURL") else {
            throw ConnectorError(
                .configuration, "This Discourse channel has no forum address; set it in Settings › Channels.")
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
