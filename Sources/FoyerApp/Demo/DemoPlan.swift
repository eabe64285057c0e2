import Foundation
import FoyerCore

/// Everything the demo will create, as plain data: computed by ``DemoGenerator/plan()`` without touching
/// storage, then written by ``DemoGenerator/generate(into:sealer:analyzer:passwordHasher:)``.
///
/// Arrays are in creation order; members and channels are referred to by index.
public struct DemoPlan: Sendable, Equatable {
    public var users: [User]
    public var workspaces: [Workspace]

    public struct User: Sendable, Equatable {
        public var email: String
        public var name: String
        public var password: String
        public var preferredLocale: AppLocale?
    }

    public struct Workspace: Sendable, Equatable {
        public var name: String
        public var slug: String
        public var timeZone: String
        public var defaultLocale: AppLocale
        /// The user (by email) who creates the workspace and becomes its owner.
        public var ownerEmail: String
        /// Other team members and their roles.
        public var team: [(email: String, role: Role)]
        public var tags: [(name: String, color: String)]
        public var channels: [Channel]
        public var members: [Member]
        public var conversations: [Conversation]

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.name == rhs.name && lhs.slug == rhs.slug && lhs.timeZone == rhs.timeZone
                && lhs.defaultLocale == rhs.defaultLocale && lhs.ownerEmail == rhs.ownerEmail
                && lhs.team.map(\.email) == rhs.team.map(\.email) && lhs.team.map(\.role) == rhs.team.map(\.role)
                && lhs.tags.map(\.name) == rhs.tags.map(\.name) && lhs.tags.map(\.color) == rhs.tags.map(\.color)
                && lhs.channels == rhs.channels && lhs.members == rhs.members && lhs.conversations == rhs.conversations
        }
    }

    public struct Channel: Sendable, Equatable {
        public var kind: ChannelKind
        public var name: String
        public var settings: [String: String]
        /// Demo secrets, sealed before storage.
        public var credentials: [String: String]
        public var health: ChannelHealth
    }

    public struct Member: Sendable, Equatable {
        public var displayName: String
        public var memberType: MemberType
        public var score: Double
        public var firstSeenAt: Date
        public var lastSeenAt: Date
        public var identities: [NewIdentity]
        /// The member's language: `fr`, `en` or `es`.
        public var language: String
    }

    public struct Conversation: Sendable, Equatable {
        public var channelIndex: Int
        public var externalThreadID: String
        public var subject: String
        public var status: ConversationStatus
        public var priority: ConversationPriority
        public var assigneeEmail: String?
        public var memberIndex: Int?
        public var snoozedUntil: Date?
        public var closedAt: Date?
        public var tags: [String]
        public var messages: [Message]
        /// Internal notes by the team: (author email, text).
        public var notes: [Note] = []
    }

    public struct Note: Sendable, Equatable {
        public var authorEmail: String
        public var body: String
    }

    public struct Message: Sendable, Equatable {
        public var externalID: String
        public var kind: MessageKind
        public var direction: MessageDirection
        public var authorName: String
        public var memberIndex: Int?
        public var body: String
        public var sentAt: Date
        public var url: String?
        public var likeCount: Int
        public var shareCount: Int
    }

    /// Number of messages over every workspace.
    public var messageCount: Int {
        workspaces.reduce(0) { $0 + $1.conversations.reduce(0) { $0 + $1.messages.count } }
    }
}
