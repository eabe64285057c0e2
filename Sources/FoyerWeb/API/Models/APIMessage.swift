import Foundation
import FoyerCore

/// A message as the API shows it, with its analysis. Wire type: property names are the JSON keys.
public struct APIMessage: Codable, Sendable, Equatable {
    public var id: Int64
    public var conversationId: Int64
    public var channelId: Int64
    public var memberId: Int64?
    public var externalId: String
    public var kind: String
    public var direction: String
    public var authorName: String
    public var body: String
    public var sentAt: Date
    public var receivedAt: Date
    public var url: String?
    public var analysis: MessageAnalysis
    public var likeCount: Int
    public var shareCount: Int
    /// Hidden or deleted on the platform from Foyer; absent when nobody moderated it.
    public var moderation: APIMessageModeration?

    public init(_ message: Message) {
        id = message.id.rawValue
        conversationId = message.conversationID.rawValue
        channelId = message.channelID.rawValue
        memberId = message.memberID?.rawValue
        externalId = message.externalID
        kind = message.kind.rawValue
        direction = message.direction.rawValue
        authorName = message.authorName
        body = message.body
        sentAt = message.sentAt
        receivedAt = message.receivedAt
        url = message.url
        analysis = message.analysis
        likeCount = message.likeCount
        shareCount = message.shareCount
        moderation = message.moderation.map(APIMessageModeration.init)
    }
}
