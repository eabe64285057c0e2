import Foundation

/// What a moderator made of a message on its platform.
public enum MessageModerationState: String, Codable, Sendable, CaseIterable {
    /// Hidden from the public, still on the platform.
    case hidden
    /// Removed from the platform; Foyer keeps its copy as evidence.
    case deleted
}

/// The outcome of a moderation action the platform accepted, stored with the message.
public struct MessageModeration: Sendable, Equatable {
    public var state: MessageModerationState
    public var at: Date
    /// `nil` once the user who acted is deleted.
    public var by: UserID?

    public init(state: MessageModerationState, at: Date, by: UserID?) {
        self.state = state
        self.at = at
        self.by = by
    }
}
