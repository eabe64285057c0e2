import AsyncHTTPClient
import FoyerCore

/// The connectors this build ships, for the composition root's ``ConnectorRegistry``.
public enum Connectors {
    /// Every connector, sharing one HTTP client.
    /// - Parameters:
    ///   - policy: which URLs connectors may reach (`FOYER_ALLOW_PRIVATE_NETWORKS`).
    ///   - httpClient: the process's HTTP client; the shared one unless a test or the app gives its own.
    public static func all(
        policy: NetworkPolicy = NetworkPolicy(), httpClient: HTTPClient = ConnectorHTTPClient.sharedHTTPClient
    ) -> [any Connector] {
        let http = ConnectorHTTPClient(httpClient: httpClient, policy: policy)
        return [
            MatrixConnector(http: http),
            SlackConnector(http: http),
            DiscourseConnector(http: http),
            GenericWebhookConnector(),
            MastodonConnector(http: http),
            FeedConnector(http: http),
        ]
    }
}
