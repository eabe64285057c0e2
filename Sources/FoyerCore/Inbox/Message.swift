import Foundation

/// One inbound or outbound item: a post, comment, reply, mention, direct message or review.
public struct Message: Sendable, Equatable, Identifiable {
    public var id: MessageID
    public var workspaceID: WorkspaceID
    public var channelID: ChannelID
    public var conversationID: ConversationID
    public var memberID: MemberID?
    /// The platform's id; unique per channel, so a redelivery is stored once.
    public var externalID: String
    public var kind: MessageKind
    public var direction: MessageDirection
    public var authorName: String
    public var body: String
    /// When the platform says it was written.
    public var sentAt: Date
    public var receivedAt: Date
    public var url: String?
    public var analysis: MessageAnalysis
    public var likeCount: Int
    public var shareCount: Int
    /// Hidden or deleted on the platform from Foyer; `nil` when nobody moderated it.
    public var moderation: MessageModeration?

    public init(
        id: MessageID, workspaceID: WorkspaceID, channelID: ChannelID, conversationID: ConversationID,
        memberID: MemberID?, externalID: String, kind: MessageKind, direction: MessageDirection, authorName: String,
        body: String, sentAt: Date, receivedAt: Date, url: String?, analysis: MessageAnalysis, likeCount: Int,
        shareCount: Int, moderation: MessageModeration? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.channelID = channelID
        self.conversationID = conversationID
        self.memberID = memberID
        self.externalID = externalID
        self.kind = kind
        self.direction = direction
        self.authorName = authorName
        self.body = body
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.url = url
        self.analysis = analysis
        self.likeCount = likeCount
        self.shareCount = shareCount
        self.moderation = moderation
    }
}

public enum MessageKind: String, Codable, Sendable, CaseIterable {
    case post, comment, reply, mention, directMessage = "direct_message", review
}

public enum MessageDirection: String, Codable, Sendable, CaseIterable {
    case inbound, outbound
}

/// What it takes to store a message in an existing conversation.
public struct NewMessage: Sendable, Equatable {
    public var channelID: ChannelID
    public var conversationID: ConversationID
    public var memberID: MemberID?
    public var externalID: String
    public var kind: MessageKind
    public var direction: MessageDirection
    public var authorName: String
    public var body: String
    public var sentAt: Date
    public var receivedAt: Date
    public var url: String?
    public var analysis: MessageAnalysis
    public var likeCount: Int
    public var shareCount: Int

    public init(
        channelID: ChannelID, conversationID: ConversationID, memberID: MemberID?, externalID: String,
        kind: MessageKind, direction: MessageDirection = .inbound, authorName: String, body: String, sentAt: Date,
        receivedAt: Date, url: String? = nil, analysis: MessageAnalysis = .none, likeCount: Int = 0, shareCount: Int = 0
    ) {
        self.channelID = channelID
        self.conversationID = conversationID
        self.memberID = memberID
        self.externalID = externalID
        self.kind = kind
        self.direction = direction
        self.authorName = authorName
        self.body = body
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.url = url
        self.analysis = analysis
        self.likeCount = likeCount
        self.shareCount = shareCount
    }
}

/// Filters for message lists; all given filters must match.
public struct MessageFilter: Sendable, Equatable {
    public var channelID: ChannelID?
    public var conversationID: ConversationID?
    public var language: String?
    public var sentiment: SentimentLabel?
    /// Full-text query (FTS5 syntax is escaped: words are matched as prefixes).
    public var text: String?

    public init(
        channelID: ChannelID? = nil, conversationID: ConversationID? = nil, language: String? = nil,
        sentiment: SentimentLabel? = nil, text: String? = nil
    ) {
        self.channelID = channelID
        self.conversationID = conversationID
        self.language = language
        self.sentiment = sentiment
        self.text = text
    }
}
