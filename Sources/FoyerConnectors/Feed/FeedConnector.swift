import Foundation
import FoyerCore

/// An RSS, Atom or JSON Feed: each new article becomes a one-message conversation in the inbox. Read-only.
///
/// Settings: `url` (the feed itself, not the site's home page) and, optionally, `intervalMinutes` between
/// polls (15 by default, 1 to 1440). No credentials.
///
/// The feed URL must pass the ``NetworkPolicy``: a feed on the private network or loopback is refused
/// unless private networks are allowed.
public struct FeedConnector: Connector {
    public let kind = ChannelKind.feed
    public let capabilities = ConnectorCapabilities(ingest: .poll)
    let http: ConnectorHTTPClient

    /// - Parameter http: the shared connector client. The feed connector never waits inside a poll: rate
    ///   limits go back to the scheduler.
    public init(http: ConnectorHTTPClient) {
        var client = http.named("The feed")
        client.maxAttempts = 1
        // The poller follows redirects itself, to report a permanent move (301, 308) with the new address.
        client.maxRedirects = 0
        self.http = client
    }

    public func validate(settings: [String: String], credentials: [String: String]) throws {
        guard let text = settings["url"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
            let url = URL(string: text), url.host != nil
        else {
            throw DomainError.invalid(
                field: "url", message: "Enter the feed’s address, such as https://example.org/feed.xml.")
        }
        do {
            try http.policy.checkSyntax(url)
        } catch let error as ConnectorError {
            throw DomainError.invalid(field: "url", message: error.message)
        }
        if let interval = settings["intervalMinutes"], !interval.isEmpty {
            guard let minutes = Int(interval), (1...1440).contains(minutes) else {
                throw DomainError.invalid(
                    field: "intervalMinutes", message: "Enter a number of minutes from 1 to 1440.")
            }
        }
    }

    public var poller: (any Poller)? { FeedPoller(http: http) }

    /// The default time between two polls of a feed.
    public static let defaultIntervalMinutes = 15

    static func feedURL(_ context: ChannelContext) throws -> URL {
        guard let text = context.setting("url"), let url = URL(string: text.trimmingCharacters(in: .whitespaces)),
            url.host != nil
        else {
            throw ConnectorError(
                .configuration, "This feed channel has no valid feed address; set it in Settings › Channels.")
        }
        return url
    }

    static func interval(_ context: ChannelContext) -> TimeInterval {
        let minutes = context.setting("intervalMinutes").flatMap(Int.init) ?? defaultIntervalMinutes
        return TimeInterval(min(max(minutes, 1), 1440) * 60)
    }
}
