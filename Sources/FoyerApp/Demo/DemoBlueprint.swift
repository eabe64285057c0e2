import Foundation
import FoyerCore

/// The fixed parts of the demo: the team, the workspaces, their channels and tags. The generated parts
/// (members, conversations, messages) are drawn by ``DemoGenerator`` from these.
enum DemoBlueprint {
    struct TeamUser {
        var email: String
        var name: String
        var locale: AppLocale?
    }

    struct WorkspaceBlueprint {
        var name: String
        var timeZone: String
        var locale: AppLocale
        var ownerEmail: String
        var team: [(email: String, role: Role)]
        var tags: [(name: String, color: String)]
        var channels: [ChannelBlueprint]
        var memberCount: Int
        var threadCount: Int
        /// Member languages with their weights.
        var languages: [(String, Double)]
    }

    struct ChannelBlueprint {
        var kind: ChannelKind
        var name: String
        var settings: [String: String]
        var credentials: [String: String]
        /// How much of the traffic it carries.
        var weight: Double
        /// A health problem to show, if any.
        var failing: String?
    }

    static let users: [TeamUser] = [
        TeamUser(email: DemoGenerator.demoEmail, name: "Claire Dumas", locale: nil),
        TeamUser(email: "helene@foyer.example", name: "Hélène Marchand", locale: .fr),
        TeamUser(email: "tom@foyer.example", name: "Tom Baker", locale: .en),
        TeamUser(email: "ines@foyer.example", name: "Inès Haddad", locale: .fr),
        TeamUser(email: "lucia@foyer.example", name: "Lucía Romero", locale: nil),
        TeamUser(email: "marc@foyer.example", name: "Marc Olivier", locale: .fr),
    ]

    static let workspaces: [WorkspaceBlueprint] = [
        WorkspaceBlueprint(
            name: "Cime Outdoor",
            timeZone: "Europe/Paris",
            locale: .fr,
            ownerEmail: DemoGenerator.demoEmail,
            team: [
                ("helene@foyer.example", .admin), ("tom@foyer.example", .manager), ("ines@foyer.example", .moderator),
                ("lucia@foyer.example", .analyst), ("marc@foyer.example", .client),
            ],
            tags: [
                ("livraison", "#2f6fb0"), ("remboursement", "#b0452f"), ("qualité-produit", "#8a5a00"),
                ("bug", "#a11d48"), ("idée", "#2f8a4b"), ("spam", "#6b6b6b"), ("modération", "#5b3fa0"),
                ("vip", "#b08a00"), ("avis-client", "#1f7f86"),
            ],
            channels: [
                ChannelBlueprint(
                    kind: .discourse, name: "Forum Cime",
                    settings: ["baseURL": "https://forum.cime.example"],
                    credentials: [
                        "apiKey": "demo-discourse-4c1f0e9a7b", "apiUsername": "cime-bot",
                        "webhookSecret": "demo-discourse-webhook-secret",
                    ], weight: 0.25),
                ChannelBlueprint(
                    kind: .mastodon, name: "@cime@piaille.example",
                    settings: ["baseURL": "https://piaille.example"],
                    credentials: ["accessToken": "demo-mastodon-9d2e61b0c4"], weight: 0.22),
                ChannelBlueprint(
                    kind: .matrix, name: "#cime-communaute:matrix.example.org",
                    settings: ["homeserverURL": "https://matrix.example.org", "rooms": "!cimeCommu:matrix.example.org"],
                    credentials: ["accessToken": "demo-matrix-syt_5a7c93", "userID": "@cime:matrix.example.org"], weight: 0.15),
                ChannelBlueprint(
                    kind: .email, name: "support@cime.example",
                    settings: ["imapHost": "imap.cime.example", "address": "support@cime.example"],
                    credentials: ["password": "demo-imap-password"], weight: 0.15),
                ChannelBlueprint(
                    kind: .slack, name: "Ambassadeurs Cime (Slack)",
                    settings: [:],
                    credentials: ["botToken": "xoxb-demo-0000-cime", "signingSecret": "demo-slack-signing-secret"], weight: 0.08,
                    failing: "Slack refused the token (invalid_auth). Reconnect the channel in Settings."),
                ChannelBlueprint(
                    kind: .webhook, name: "Formulaire de contact du site",
                    settings: [:],
                    credentials: ["secret": "demo-webhook-secret-7e4b2a91"], weight: 0.08),
                ChannelBlueprint(
                    kind: .feed, name: "Blogs rando (RSS)",
                    settings: ["url": "https://blog.randonnee.example/feed.xml"],
                    credentials: [:], weight: 0.07),
            ],
            memberCount: 340,
            threadCount: 1_450,
            languages: [("fr", 0.5), ("en", 0.33), ("es", 0.17)]
        ),
        WorkspaceBlueprint(
            name: "Cime UK",
            timeZone: "Europe/London",
            locale: .en,
            ownerEmail: "tom@foyer.example",
            team: [(DemoGenerator.demoEmail, .manager), ("lucia@foyer.example", .analyst)],
            tags: [
                ("delivery", "#2f6fb0"), ("refund", "#b0452f"), ("bug", "#a11d48"), ("idea", "#2f8a4b"),
                ("spam", "#6b6b6b"),
            ],
            channels: [
                ChannelBlueprint(
                    kind: .mastodon, name: "@cimeuk@mastodon.example",
                    settings: ["baseURL": "https://mastodon.example"],
                    credentials: ["accessToken": "demo-mastodon-uk-31f"], weight: 0.6),
                ChannelBlueprint(
                    kind: .discourse, name: "Cime UK Community",
                    settings: ["baseURL": "https://community.cime.example"],
                    credentials: [
                        "apiKey": "demo-discourse-uk-77", "apiUsername": "cimeuk-bot",
                        "webhookSecret": "demo-discourse-uk-webhook-secret",
                    ], weight: 0.4),
            ],
            memberCount: 70,
            threadCount: 140,
            languages: [("en", 0.85), ("fr", 0.1), ("es", 0.05)]
        ),
    ]

    /// Tag names per intent, by workspace locale.
    static func tags(for intent: DemoPhrases.Intent, locale: AppLocale) -> [String] {
        switch (intent, locale) {
        case (.complaint, .fr): ["livraison", "remboursement", "qualité-produit"]
        case (.complaint, .en): ["delivery", "refund"]
        case (.bug, _): ["bug"]
        case (.idea, .fr): ["idée"]
        case (.idea, .en): ["idea"]
        case (.spam, _): ["spam"]
        case (.abuse, .fr): ["modération"]
        case (.praise, .fr): ["avis-client"]
        default: []
        }
    }
}
