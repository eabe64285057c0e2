import Foundation

public typealias ContentVariantID = Identifier<ContentVariant>

/// How far the translation of a market variant is.
public enum TranslationStatus: String, Codable, Sendable, CaseIterable {
    /// Not a translation (a channel variant in the master's language).
    case none
    case needed
    case inProgress = "in_progress"
    case done
}

/// A version of an item's text for a channel, a market, or both.
public struct ContentVariant: Sendable, Equatable, Identifiable {
    public var id: ContentVariantID
    public var contentID: ContentItemID
    public var channelID: ChannelID?
    public var marketID: MarketID?
    /// For platforms whose posts have a title (a Discourse topic); the item's title otherwise.
    public var title: String?
    public var body: String
    /// Posted after the body, each in reply to the previous part (a thread, a first comment).
    public var followUps: [String]
    public var mediaIDs: [MediaID]
    public var translation: TranslationStatus
    public var updatedAt: Date

    public init(
        id: ContentVariantID, contentID: ContentItemID, channelID: ChannelID?, marketID: MarketID?, title: String?,
        body: String, followUps: [String], mediaIDs: [MediaID], translation: TranslationStatus, updatedAt: Date
    ) {
        self.id = id
        self.contentID = contentID
        self.channelID = channelID
        self.marketID = marketID
        self.title = title
        self.body = body
        self.followUps = followUps
        self.mediaIDs = mediaIDs
        self.translation = translation
        self.updatedAt = updatedAt
    }

    /// The variant that speaks for `channel` in `market`: the one for both, then the channel's, then the
    /// market's; `nil` means the master text.
    public static func best(in variants: [ContentVariant], channel: ChannelID, market: MarketID?) -> ContentVariant? {
        variants.first { $0.channelID == channel && $0.marketID == market && market != nil }
            ?? variants.first { $0.channelID == channel && $0.marketID == nil }
            ?? variants.first { $0.channelID == nil && $0.marketID == market && market != nil }
    }
}

/// What a person writes for a variant.
public struct VariantDraft: Sendable, Equatable {
    public var channelID: ChannelID?
    public var marketID: MarketID?
    public var title: String?
    public var body: String
    public var followUps: [String]
    public var mediaIDs: [MediaID]
    public var translation: TranslationStatus

    public init(
        channelID: ChannelID?, marketID: MarketID?, title: String? = nil, body: String, followUps: [String] = [],
        mediaIDs: [MediaID] = [], translation: TranslationStatus = .none
    ) {
        self.channelID = channelID
        self.marketID = marketID
        self.title = title
        self.body = body
        self.followUps = followUps
        self.mediaIDs = mediaIDs
        self.translation = translation
    }

    /// - Throws: ``DomainError/invalid(field:message:)`` naming the field.
    public func validated() throws -> VariantDraft {
        guard channelID != nil || marketID != nil else {
            throw DomainError.invalid(field: "channelId", message: "Choose a channel, a market, or both.")
        }
        var draft = self
        let title = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard title.count <= ContentDraft.maxTitleLength else {
            throw DomainError.invalid(field: "title", message: "Use at most \(ContentDraft.maxTitleLength) characters.")
        }
        draft.title = title.isEmpty ? nil : title
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalid(field: "body", message: "Write the variant's text.")
        }
        guard body.count <= ContentDraft.maxBodyLength else {
            throw DomainError.invalid(field: "body", message: "Use at most \(ContentDraft.maxBodyLength) characters.")
        }
        draft.followUps = followUps.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard draft.followUps.count <= 20, draft.followUps.allSatisfy({ $0.count <= ContentDraft.maxBodyLength }) else {
            throw DomainError.invalid(field: "followUps", message: "Use at most 20 follow-up parts.")
        }
        guard mediaIDs.count <= 20 else { throw DomainError.invalid(field: "mediaIds", message: "Attach at most 20 files.") }
        if marketID == nil, translation != .none {
            draft.translation = .none
        }
        return draft
    }
}
