import Foundation

/// A brand, an association or an agency's client. Everything else belongs to exactly one workspace.
public struct Workspace: Codable, Sendable, Equatable, Identifiable {
    public var id: WorkspaceID
    public var name: String
    /// Unique, URL-safe, derived from the name at creation.
    public var slug: String
    /// IANA identifier; dates are shown in this zone.
    public var timeZone: String
    public var defaultLocale: AppLocale
    public var createdAt: Date

    public init(id: WorkspaceID, name: String, slug: String, timeZone: String, defaultLocale: AppLocale, createdAt: Date) {
        self.id = id
        self.name = name
        self.slug = slug
        self.timeZone = timeZone
        self.defaultLocale = defaultLocale
        self.createdAt = createdAt
    }
}

/// What it takes to create a workspace.
public struct NewWorkspace: Sendable, Equatable {
    public var name: String
    public var slug: String
    public var timeZone: String
    public var defaultLocale: AppLocale

    public init(name: String, slug: String? = nil, timeZone: String = "UTC", defaultLocale: AppLocale = .en) {
        self.name = name
        self.slug = slug ?? Validation.slug(from: name)
        self.timeZone = timeZone
        self.defaultLocale = defaultLocale
    }
}

/// Counts shown on the home page.
public struct WorkspaceSummary: Sendable, Equatable {
    public var channels: Int
    public var members: Int
    public var messages: Int
    public var messagesLast7Days: Int
    public var conversationsByStatus: [ConversationStatus: Int]
    public var negativeLast7Days: Int
    public var toxicLast7Days: Int
    public var latestMessageAt: Date?

    public init(
        channels: Int = 0, members: Int = 0, messages: Int = 0, messagesLast7Days: Int = 0,
        conversationsByStatus: [ConversationStatus: Int] = [:], negativeLast7Days: Int = 0,
        toxicLast7Days: Int = 0, latestMessageAt: Date? = nil
    ) {
        self.channels = channels
        self.members = members
        self.messages = messages
        self.messagesLast7Days = messagesLast7Days
        self.conversationsByStatus = conversationsByStatus
        self.negativeLast7Days = negativeLast7Days
        self.toxicLast7Days = toxicLast7Days
        self.latestMessageAt = latestMessageAt
    }
}
