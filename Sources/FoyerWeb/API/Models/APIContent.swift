import Foundation
import FoyerCore
import Hummingbird

/// `{"intervalDays": 30, "until": "…", "cap": 5}`: when an evergreen item is published again.
public struct APIEvergreen: Codable, Sendable, Equatable {
    public var intervalDays: Int
    public var until: Date?
    public var cap: Int?

    init(_ policy: EvergreenPolicy) {
        intervalDays = policy.intervalDays
        until = policy.until
        cap = policy.cap
    }

    var policy: EvergreenPolicy { EvergreenPolicy(intervalDays: intervalDays, until: until, cap: cap) }
}

/// The body of `POST …/content`.
public struct APIContentInput: Codable, Sendable, Equatable {
    public var title: String
    public var body: String?
    public var status: String?
    public var contentType: String?
    public var campaign: String?
    public var tags: [String]?
    public var evergreen: APIEvergreen?
    public var notes: String?
}

extension APIContentInput: APIRequestBody {
    static var fields: [String] { ["title", "body", "status", "contentType", "campaign", "tags", "evergreen", "notes"] }
}

/// The body of `PATCH …/content/{id}`: absent fields stay; `"evergreen": null` stops recycling.
public struct APIContentUpdate: Decodable, Sendable, Equatable {
    public var title: String?
    public var body: String?
    public var status: String?
    public var contentType: String?
    public var campaign: String?
    public var tags: [String]?
    /// `.some(nil)` when sent as `null`.
    public var evergreen: APIEvergreen??
    public var notes: String?

    enum CodingKeys: String, CodingKey { case title, body, status, contentType, campaign, tags, evergreen, notes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType)
        campaign = try container.decodeIfPresent(String.self, forKey: .campaign)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        if container.contains(.evergreen) {
            evergreen = .some(try container.decodeNil(forKey: .evergreen) ? nil : container.decode(APIEvergreen.self, forKey: .evergreen))
        }
    }
}

extension APIContentUpdate: APIRequestBody {
    static var fields: [String] { APIContentInput.fields }
}

/// A content item as a list shows it. `approved` is true when the current text is approved.
public struct APIContent: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var title: String
    public var body: String
    public var status: String
    public var contentType: String
    public var campaign: String?
    public var tags: [String]
    public var evergreen: APIEvergreen?
    public var notes: String
    public var approved: Bool
    public var createdAt: Date
    public var updatedAt: Date

    init(_ item: ContentItem) {
        id = item.id.rawValue
        title = item.title
        body = item.body
        status = item.status.rawValue
        contentType = item.contentType
        campaign = item.campaign
        tags = item.tags
        evergreen = item.evergreen.map(APIEvergreen.init)
        notes = item.notes
        // The repositories revoke an approval whenever the text changes, so a kept fingerprint is current.
        approved = item.approvedFingerprint != nil
        createdAt = item.createdAt
        updatedAt = item.updatedAt
    }
}

/// One item with everything attached to it.
public struct APIContentDetail: Codable, Sendable, Equatable, ResponseEncodable {
    public var item: APIContent
    /// Send it back with a review so the decision applies to this text only.
    public var fingerprint: String
    public var variants: [APIContentVariant]
    public var media: [APIContentMedia]
    public var reviews: [APIContentReview]
    public var publications: [APIPost]

    init(_ detail: ContentWorkflow.Detail) {
        item = APIContent(detail.item)
        item.approved = detail.isApproved
        fingerprint = detail.fingerprint
        variants = detail.variants.map(APIContentVariant.init)
        media = detail.media.map(APIContentMedia.init)
        reviews = detail.reviews.map(APIContentReview.init)
        publications = detail.publications.map(APIPost.init)
    }

    public func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(variants, forKey: .variants)
        try container.encode(media, forKey: .media)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(publications, forKey: .publications)
    }

    enum CodingKeys: String, CodingKey { case fingerprint, variants, media, reviews, publications }

    public init(from decoder: any Decoder) throws {
        item = try APIContent(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fingerprint = try container.decode(String.self, forKey: .fingerprint)
        variants = try container.decode([APIContentVariant].self, forKey: .variants)
        media = try container.decode([APIContentMedia].self, forKey: .media)
        reviews = try container.decode([APIContentReview].self, forKey: .reviews)
        publications = try container.decode([APIPost].self, forKey: .publications)
    }
}

public struct APIContentVariant: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var channelId: Int64?
    public var marketId: Int64?
    public var title: String?
    public var body: String
    public var followUps: [String]
    public var mediaIds: [Int64]
    public var translation: String
    public var updatedAt: Date

    init(_ variant: ContentVariant) {
        id = variant.id.rawValue
        channelId = variant.channelID?.rawValue
        marketId = variant.marketID?.rawValue
        title = variant.title
        body = variant.body
        followUps = variant.followUps
        mediaIds = variant.mediaIDs.map(\.rawValue)
        translation = variant.translation.rawValue
        updatedAt = variant.updatedAt
    }
}

/// The body of `PUT …/content/{id}/variants`.
public struct APIVariantInput: Codable, Sendable, Equatable {
    public var channelId: Int64?
    public var marketId: Int64?
    public var title: String?
    public var body: String
    public var followUps: [String]?
    public var mediaIds: [Int64]?
    public var translation: String?
}

extension APIVariantInput: APIRequestBody {
    static var fields: [String] { ["channelId", "marketId", "title", "body", "followUps", "mediaIds", "translation"] }
}

public struct APIContentMedia: Codable, Sendable, Equatable {
    public var id: Int64
    public var filename: String
    public var mimeType: String
    public var byteCount: Int
    public var altText: String?
    public var createdAt: Date

    init(_ media: ContentMedia) {
        id = media.id.rawValue
        filename = media.filename
        mimeType = media.mimeType
        byteCount = media.byteCount
        altText = media.altText
        createdAt = media.createdAt
    }
}

public struct APIContentReview: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var decision: String
    public var reviewerName: String
    public var viaLink: Bool
    public var comment: String
    public var createdAt: Date

    init(_ review: ContentReview) {
        id = review.id.rawValue
        decision = review.decision.rawValue
        reviewerName = review.reviewerName
        viaLink = review.viaLink
        comment = review.comment
        createdAt = review.createdAt
    }
}

/// The body of `POST …/content/{id}/reviews`.
public struct APIReviewInput: Codable, Sendable, Equatable {
    public var decision: String
    public var comment: String?
    /// The item's `fingerprint` when it was read; without it the decision applies to the current text.
    public var fingerprint: String?
}

extension APIReviewInput: APIRequestBody {
    static var fields: [String] { ["decision", "comment", "fingerprint"] }
}

/// A post in the publish ledger.
public struct APIPost: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var contentId: Int64?
    public var channelId: Int64
    public var variantId: Int64?
    public var marketId: Int64?
    public var title: String?
    public var body: String
    public var followUps: [String]
    public var mediaIds: [Int64]
    /// `scheduled`, `sending`, `published`, `failed` or `unknown`.
    public var state: String
    public var attempts: Int
    /// When it is due (or due again after a retryable error).
    public var scheduledAt: Date
    public var externalId: String?
    public var remoteUrl: String?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date

    init(_ publication: Publication) {
        id = publication.id.rawValue
        contentId = publication.post?.contentID.rawValue
        channelId = publication.channelID.rawValue
        variantId = publication.post?.variantID?.rawValue
        marketId = publication.post?.marketID?.rawValue
        title = publication.post?.title
        body = publication.body
        followUps = publication.post?.followUps ?? []
        mediaIds = publication.post?.mediaIDs.map(\.rawValue) ?? []
        state = publication.state.rawValue
        attempts = publication.attempts
        scheduledAt = publication.dueAt
        externalId = publication.externalID
        remoteUrl = publication.remoteURL
        lastError = publication.lastError
        createdAt = publication.createdAt
        updatedAt = publication.updatedAt
    }
}

/// The body of `POST …/publications`.
public struct APIPublicationInput: Codable, Sendable, Equatable {
    public var contentId: Int64
    public var channelId: Int64
    public var variantId: Int64?
    public var marketId: Int64?
    public var scheduledAt: Date?
}

extension APIPublicationInput: APIRequestBody {
    static var fields: [String] { ["contentId", "channelId", "variantId", "marketId", "scheduledAt"] }
}

/// The body of `PATCH …/publications/{id}`.
public struct APIPublicationUpdate: Codable, Sendable, Equatable {
    public var scheduledAt: Date
}

extension APIPublicationUpdate: APIRequestBody {
    static var fields: [String] { ["scheduledAt"] }
}

public struct APIMarket: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var name: String
    public var locale: String
    public var timeZone: String

    init(_ market: Market) {
        id = market.id.rawValue
        name = market.name
        locale = market.locale
        timeZone = market.timeZone
    }
}

/// The body of `POST …/markets`.
public struct APIMarketInput: Codable, Sendable, Equatable {
    public var name: String
    public var locale: String
    public var timeZone: String
}

extension APIMarketInput: APIRequestBody {
    static var fields: [String] { ["name", "locale", "timeZone"] }
}

/// What an import did, or would do on a dry run: all or nothing, so `applied` is false when a row is rejected.
public struct APIContentImportReport: Codable, Sendable, Equatable, ResponseEncodable {
    public struct Rejected: Codable, Sendable, Equatable {
        public var line: Int
        public var field: String?
        public var message: String
    }

    public var created: Int
    public var updated: Int
    public var applied: Bool
    public var dryRun: Bool
    public var delimiter: String
    public var ignoredColumns: [String]
    public var rejected: [Rejected]

    init(_ report: ContentImportReport) {
        created = report.counts.created
        updated = report.counts.updated
        applied = report.applied
        dryRun = report.dryRun
        delimiter = report.delimiter == .semicolon ? "semicolon" : "comma"
        ignoredColumns = report.ignoredColumns
        rejected = report.rejected.map { Rejected(line: $0.line, field: $0.field, message: $0.message) }
    }
}
