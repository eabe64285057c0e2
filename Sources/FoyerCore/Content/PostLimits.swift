import Foundation

/// The refusal a post gets before it is queued when it breaks its network's rules.
enum PostLimits {
    /// - Throws: ``DomainError/invalid(field:message:)`` for the first rule broken.
    static func check(body: String, followUps: [String], media: [ContentMedia], title: String?, channel: Channel) throws {
        let limit: Int? =
            switch channel.kind {
            case .mastodon: Int(channel.settings["maxCharacters"] ?? "") ?? 500
            case .bluesky: 300
            case .x: 280
            case .discord: 2000
            case .slack: 40_000
            case .discourse: Int(channel.settings["maxPostLength"] ?? "") ?? 32_000
            default: nil
            }
        if let limit {
            for (index, part) in ([body] + followUps).enumerated() where part.count > limit {
                throw DomainError.invalid(
                    field: index == 0 ? "body" : "followUps",
                    message: "\(part.count) characters; \(channel.kind.displayName) takes at most \(limit).")
            }
        }
        if channel.kind == .discourse, (title ?? "").count < 15 {
            throw DomainError.invalid(field: "title", message: "A Discourse topic needs a title of at least 15 characters.")
        }
    }
}
