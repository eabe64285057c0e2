import Foundation
import FoyerCore

/// Slack through the Events API (webhook ingest) and the Web API (`chat.postMessage` replies in threads and
/// new posts).
///
/// Settings: `apiBaseURL` (default `https://slack.com/api`), `botUserID` (the app's bot user, `U…`, whose
/// messages are ours), `botID` (the app's `B…` id; when set, only that bot's messages are ours, otherwise any
/// message with a `bot_id` is), `channelID` (the channel new posts go to, `C…`), `teamDomain` (the
/// workspace's `<domain>.slack.com`, for links to messages). Credentials: `signingSecret` (verifies deliveries), `botToken` (`xoxb-…`).
///
/// Thread ids are `<channel>:<thread root ts>` and external ids `<channel>:<ts>`, since a Slack `ts` is only
/// unique within its channel.
public struct SlackConnector: Connector {
    public let kind = ChannelKind.slack
    public let capabilities = ConnectorCapabilities(ingest: .webhook, reply: true, publish: true, delete: true)
    private let http: ConnectorHTTPClient

    public static let defaultAPIBaseURL = "https://slack.com/api"

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Slack")
    }

    public func validate(settings: [String: String], credentials: [String: String]) throws {
        if let base = settings["apiBaseURL"], !base.isEmpty {
            guard let url = URL(string: base), url.host != nil else {
                throw DomainError.invalid(
                    field: "apiBaseURL", message: "Enter the Slack API address, such as https://slack.com/api.")
            }
            do {
                try http.policy.checkSyntax(url)
            } catch let error as ConnectorError {
                throw DomainError.invalid(field: "apiBaseURL", message: error.message)
            }
        }
        for key in ["botUserID", "botID", "channelID"] {
            if let value = settings[key], !value.isEmpty,
                !value.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            {
                throw DomainError.invalid(
                    field: key, message: "A Slack id is made of capital letters and digits, such as U0123ABCD.")
            }
        }
        if let domain = settings["teamDomain"], !domain.isEmpty, SlackPermalink.normalizedDomain(domain) == nil {
            throw DomainError.invalid(
                field: "teamDomain", message: "Enter the workspace’s Slack address, such as acme for acme.slack.com.")
        }
        guard let secret = credentials["signingSecret"], !secret.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalid(
                field: "signingSecret",
                message: "Paste the app’s Signing Secret (Slack app settings › Basic Information).")
        }
        guard let token = credentials["botToken"], token.hasPrefix("xox") else {
            throw DomainError.invalid(
                field: "botToken",
                message:
                    "Paste the Bot User OAuth Token, which starts with xoxb- (Slack app settings › OAuth & Permissions)."
            )
        }
    }

    public var webhook: (any WebhookReceiver)? { SlackWebhookReceiver() }
    public var replier: (any Replier)? { SlackReplier(http: http) }
    public var publisher: (any Publisher)? { SlackPublisher(http: http) }
    public var moderator: (any Moderator)? { SlackModerator(http: http) }
}
