import Foundation
import FoyerCore
import Hummingbird

/// A conversation as the API shows it; ``messages`` (the thread, oldest first) only in the detail answer.
/// Wire type: property names are the JSON keys.
public struct APIConversation: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var channelId: Int64
    public var externalThreadId: String
    public var subject: String
    public var status: String
    public var priority: String
    public var assigneeId: Int64?
    public var memberId: Int64?
    public var snoozedUntil: Date?
    public var firstMessageAt: Date
    public var lastMessageAt: Date
    public var firstResponseAt: Date?
    public var closedAt: Date?
    public var messageCount: Int
    public var tags: [String]
    public var waitingSince: Date?
    public var spam: Bool
    public var messages: [APIMessage]?

    public init(_ conversation: Conversation, messages: [Message]? = nil) {
        id = conversation.id.rawValue
        channelId = conversation.channelID.rawValue
        externalThreadId = conversation.externalThreadID
        subject = conversation.subject
        status = conversation.status.rawValue
        priority = conversation.priority.rawValue
        assigneeId = conversation.assigneeID?.rawValue
        memberId = conversation.memberID?.rawValue
        snoozedUntil = conversation.snoozedUntil
        firstMessageAt = conversation.firstMessageAt
        lastMessageAt = conversation.lastMessageAt
        firstResponseAt = conversation.firstResponseAt
        closedAt = conversation.closedAt
        messageCount = conversation.messageCount
        tags = conversation.tags
        waitingSince = conversation.waitingSince
        spam = conversation.isSpam
        self.messages = messages?.map(APIMessage.init)
    }
}
