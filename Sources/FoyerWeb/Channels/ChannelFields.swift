import FoyerCore

/// One field the "Connect a channel" form asks for: a non-secret setting or a credential.
struct ChannelField: Sendable, Equatable {
    enum Group: String, Sendable {
        case settings, credentials
    }

    let key: String
    let group: Group
    let required: Bool
    /// An example shown in the empty input (never a real value).
    let placeholder: String

    /// The form field's name: `settings.baseURL`, `credentials.apiKey`.
    var formName: String { "\(group.rawValue).\(key)" }
    /// Credentials are typed into password inputs and never shown back.
    var isSecret: Bool { group == .credentials }
    /// The locale key of the label (`channels.field.baseURL`).
    var labelKey: String { "channels.field.\(key)" }
}

/// The settings and credentials each connector needs, as the form asks them. The connector's own
/// `validate(settings:credentials:)` stays the judge; this table only lays the form out.
enum ChannelFields {
    static func fields(for kind: ChannelKind) -> [ChannelField] {
        switch kind {
        case .slack:
            [
                .init(key: "signingSecret", group: .credentials, required: true, placeholder: ""),
                .init(key: "botToken", group: .credentials, required: true, placeholder: "xoxb-…"),
                .init(key: "botUserID", group: .settings, required: false, placeholder: "U0123ABCD"),
                .init(key: "botID", group: .settings, required: false, placeholder: "B0123ABCD"),
                .init(key: "channelID", group: .settings, required: false, placeholder: "C0123ABCD"),
                .init(key: "teamDomain", group: .settings, required: false, placeholder: "acme"),
                .init(key: "apiBaseURL", group: .settings, required: false, placeholder: "https://slack.com/api"),
            ]
        case .discourse:
            [
                .init(key: "baseURL", group: .settings, required: true, placeholder: "https://forum.example.org"),
                .init(key: "category", group: .settings, required: false, placeholder: "announcements"),
                .init(key: "webhookSecret", group: .credentials, required: true, placeholder: ""),
                .init(key: "apiKey", group: .credentials, required: true, placeholder: ""),
                .init(key: "apiUsername", group: .credentials, required: true, placeholder: "system"),
            ]
        case .webhook:
            [.init(key: "secret", group: .credentials, required: false, placeholder: "")]
        case .matrix:
            [
                .init(
                    key: "homeserverURL", group: .settings, required: true, placeholder: "https://matrix.example.org"),
                .init(key: "rooms", group: .settings, required: false, placeholder: "!room:example.org"),
                .init(key: "userID", group: .credentials, required: true, placeholder: "@foyer:example.org"),
                .init(key: "accessToken", group: .credentials, required: true, placeholder: ""),
            ]
        case .mastodon:
            [
                .init(key: "baseURL", group: .settings, required: true, placeholder: "https://mastodon.social"),
                .init(key: "visibility", group: .settings, required: false, placeholder: "public"),
                .init(key: "accessToken", group: .credentials, required: true, placeholder: ""),
                .init(key: "adminToken", group: .credentials, required: false, placeholder: ""),
            ]
        case .feed:
            [
                .init(key: "url", group: .settings, required: true, placeholder: "https://blog.example.org/feed.xml"),
                .init(key: "intervalMinutes", group: .settings, required: false, placeholder: "15"),
            ]
        case .discord, .bluesky, .facebook, .instagram, .x, .youtube, .email, .import:
            []
        }
    }

    /// Every key any kind uses, for the locale catalog test.
    static var allKeys: Set<String> {
        Set(ChannelKind.allCases.flatMap { fields(for: $0).map(\.key) })
    }
}
