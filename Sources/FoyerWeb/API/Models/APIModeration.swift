import Foundation
import FoyerCore
import Hummingbird

/// The body of `POST …/messages/{messageID}/moderation`: `{"action": "delete", "reason": "…"}`.
public struct APIModerationInput: Codable, Sendable, Equatable {
    /// `hide`, `delete` or `ban` (the author).
    public var action: String
    /// Shown on the platform where it records one, and kept in the audit log.
    public var reason: String?
}

extension APIModerationInput: APIRequestBody {
    static var fields: [String] { ["action", "reason"] }
}

/// A message's moderation, as the API shows it.
public struct APIMessageModeration: Codable, Sendable, Equatable {
    /// `hidden` or `deleted`.
    public var state: String
    public var at: Date
    /// The user who acted; absent once that user is deleted.
    public var by: Int64?

    public init(_ moderation: MessageModeration) {
        state = moderation.state.rawValue
        at = moderation.at
        by = moderation.by?.rawValue
    }
}

/// What a moderation action did: the message as it is now, and whether its author is banned.
public struct APIModerationResult: Codable, Sendable, Equatable, ResponseEncodable {
    public var action: String
    public var message: APIMessage
    public var authorBanned: Bool
}
