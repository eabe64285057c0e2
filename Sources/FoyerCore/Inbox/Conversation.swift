import Foundation

/// The inbox unit: a thread or a direct-message exchange.
public struct Conversation: Sendable, Equatable, Identifiable {
    public var id: ConversationID
    public var workspaceID: WorkspaceID
    public var channelID: ChannelID
    /// The platform's thread id; unique per channel.
    public var externalThreadID: String
    public var subject: String
    public var status: ConversationStatus
    public var priority: ConversationPriority
    public var assigneeID: UserID?
    public var memberID: MemberID?
    public var snoozedUntil: Date?
    public var firstMessageAt: Date
    public var lastMessageAt: Date
    public var firstResponseAt: Date?
    public var closedAt: Date?
    public var messageCount: Int
    public var tags: [String]
    /// Since when the member has been waiting for a reply: the first inbound message after the last
    /// outbound one; `nil` when the last word is the team's.
    public var waitingSince: Date? = nil
    /// Marked as spam by the team (the analysis's own verdict is on each message).
    public var isSpam: Bool = false

    public init(
        id: ConversationID, workspaceID: WorkspaceID, channelID: ChannelID, externalThreadID: String,
        subject: String, status: ConversationStatus, priority: ConversationPriority, assigneeID: UserID?,
        memberID: MemberID?, snoozedUntil: Date?, firstMessageAt: Date, lastMessageAt: Date, firstResponseAt: Date?,
        closedAt: Date?, messageCount: Int, tags: [String]
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.channelID = channelID
        self.externalThreadID = externalThreadID
        self.subject = subject
        self.status = status
        self.priority = priority
        self.assigneeID = assigneeID
        self.memberID = memberID
        self.snoozedUntil = snoozedUntil
        self.firstMessageAt = firstMessageAt
        self.lastMessageAt = lastMessageAt
        self.firstResponseAt = firstResponseAt
        self.closedAt = closedAt
        self.messageCount = messageCount
        self.tags = tags
    }
}

public enum ConversationStatus: String, Codable, Sendable, CaseIterable {
    case open, pending, snoozed, closed
}

public enum ConversationPriority: String, Codable, Sendable, CaseIterable {
    case low, normal, high, urgent
}

public struct NewConversation: Sendable, Equatable {
    public var channelID: ChannelID
    public var externalThreadID: String
    public var subject: String
    public var status: ConversationStatus
    public var priority: ConversationPriority
    public var assigneeID: UserID?
    public var memberID: MemberID?
    public var snoozedUntil: Date?
    public var startedAt: Date

    public init(
        channelID: ChannelID, externalThreadID: String, subject: String, status: ConversationStatus = .open,
        priority: ConversationPriority = .normal, assigneeID: UserID? = nil, memberID: MemberID? = nil,
        snoozedUntil: Date? = nil, startedAt: Date
    ) {
        self.channelID = channelID
        self.externalThreadID = externalThreadID
        self.subject = subject
        self.status = status
        self.priority = priority
        self.assigneeID = assigneeID
        self.memberID = memberID
        self.snoozedUntil = snoozedUntil
        self.startedAt = startedAt
    }
}

/// Filters for the conversation list; all given filters must match.
///
/// Sentiment, intent, toxic and spam look at the conversation's latest inbound message (kept on the
/// conversation, so filtering never reads the messages).
public struct ConversationFilter: Sendable, Equatable {
    public var status: ConversationStatus?
    public var channelID: ChannelID?
    public var assignee: AssigneeFilter?
    /// Conversations having at least one message in this language.
    public var language: String?
    /// Conversations having at least one message matching this full-text query.
    public var text: String?
    public var tag: String?
    public var sentiment: SentimentLabel?
    /// An intent of the latest inbound message (`question`, `complaint`…).
    public var intent: String?
    public var toxic: Bool?
    /// Marked as spam by the team, or the latest inbound message judged spam.
    public var spam: Bool?
    /// Open or pending conversations waiting longer than the workspace's first-response target.
    public var slaBreached: Bool
    /// Conversations of this community member.
    public var memberID: MemberID?
    public var sort: ConversationSort

    public init(
        status: ConversationStatus? = nil, channelID: ChannelID? = nil, assigneeID: UserID? = nil,
        language: String? = nil, text: String? = nil, tag: String? = nil, assignee: AssigneeFilter? = nil,
        sentiment: SentimentLabel? = nil, intent: String? = nil, toxic: Bool? = nil, spam: Bool? = nil,
        slaBreached: Bool = false, memberID: MemberID? = nil, sort: ConversationSort = .newest
    ) {
        self.status = status
        self.channelID = channelID
        self.assignee = assignee ?? assigneeID.map(AssigneeFilter.user)
        self.language = language
        self.text = text
        self.tag = tag
        self.sentiment = sentiment
        self.intent = intent
        self.toxic = toxic
        self.spam = spam
        self.slaBreached = slaBreached
        self.memberID = memberID
        self.sort = sort
    }

    /// The user filtered on, if the filter names one.
    public var assigneeID: UserID? {
        if case .user(let id) = assignee { return id }
        return nil
    }
}
