/// The platform or source behind a channel. Stored as its raw value.
public enum ChannelKind: String, Codable, Sendable, CaseIterable {
    case matrix, slack, discourse, mastodon, discord, bluesky, facebook, instagram, x, youtube, feed, webhook, email, `import`

    /// The name shown in the interface (platform names are not translated).
    public var displayName: String {
        switch self {
        case .matrix: "Matrix"
        case .slack: "Slack"
        case .discourse: "Discourse"
        case .mastodon: "Mastodon"
        case .discord: "Discord"
        case .bluesky: "Bluesky"
        case .facebook: "Facebook"
        case .instagram: "Instagram"
        case .x: "X"
        case .youtube: "YouTube"
        case .feed: "RSS / Atom"
        case .webhook: "Webhook"
        case .email: "Email"
        case .import: "Import"
        }
    }
}
