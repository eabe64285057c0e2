import Foundation

/// What a moderator can do to a message or its author on the platform.
public enum ModerationAction: String, Codable, Sendable, CaseIterable {
    /// Hide from the public without deleting (a Discourse post or topic unlisted, a Facebook comment hidden).
    case hide
    /// Remove the message (a Matrix redaction, a Discourse post deleted, an own Mastodon status deleted).
    case delete
    /// Keep the author out (a Matrix room ban, a Discourse suspension, a Mastodon block or suspension).
    case ban
}

/// One moderation action, with what the platform needs to find its target.
public struct ModerationRequest: Sendable, Equatable {
    public var action: ModerationAction
    /// The message acted on (for hide and delete).
    public var externalMessageID: String?
    /// Its thread on the platform (a Matrix room, a Slack channel, a Discourse topic).
    public var threadID: String?
    /// The author's platform account (for ban).
    public var externalAuthorID: String?
    /// Shown on the platform where it records a reason, and kept in the audit log.
    public var reason: String?
    /// Stable across retries where the platform takes one (a Matrix transaction id).
    public var idempotencyKey: String

    public init(
        action: ModerationAction, externalMessageID: String?, threadID: String?, externalAuthorID: String?,
        reason: String?, idempotencyKey: String
    ) {
        self.action = action
        self.externalMessageID = externalMessageID
        self.threadID = threadID
        self.externalAuthorID = externalAuthorID
        self.reason = reason
        self.idempotencyKey = idempotencyKey
    }
}

/// Performs moderation actions on the platform. Each action is idempotent there: hiding a hidden post or
/// banning a banned account succeeds.
public protocol Moderator: Sendable {
    /// - Throws: ``ConnectorError`` with `.rejected` when the action is not possible for this target (a
    ///   Mastodon account cannot delete another person's status), with a message saying so.
    func perform(_ request: ModerationRequest, context: ChannelContext) async throws
}
