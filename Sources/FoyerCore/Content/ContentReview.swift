import Foundation

public typealias ContentReviewID = Identifier<ContentReview>

public enum ReviewDecision: String, Codable, Sendable, CaseIterable {
    case approved
    case changesRequested = "changes_requested"
    case commented
}

/// A teammate's or a client's decision on an item, for the text it saw.
public struct ContentReview: Sendable, Equatable, Identifiable {
    public var id: ContentReviewID
    public var contentID: ContentItemID
    public var decision: ReviewDecision
    /// The teammate who decided; `nil` for a client through a review link.
    public var reviewerID: UserID?
    /// The teammate's name, or the name the client gave.
    public var reviewerName: String
    public var viaLink: Bool
    public var comment: String
    /// ``ContentFingerprint`` of what the reviewer saw.
    public var fingerprint: String
    public var createdAt: Date

    public init(
        id: ContentReviewID, contentID: ContentItemID, decision: ReviewDecision, reviewerID: UserID?, reviewerName: String,
        viaLink: Bool, comment: String, fingerprint: String, createdAt: Date
    ) {
        self.id = id
        self.contentID = contentID
        self.decision = decision
        self.reviewerID = reviewerID
        self.reviewerName = reviewerName
        self.viaLink = viaLink
        self.comment = comment
        self.fingerprint = fingerprint
        self.createdAt = createdAt
    }
}

public struct NewContentReview: Sendable, Equatable {
    public var decision: ReviewDecision
    public var reviewerID: UserID?
    public var reviewerName: String
    public var viaLink: Bool
    public var comment: String
    /// What the reviewer saw; refused when the item changed since.
    public var fingerprint: String

    public init(decision: ReviewDecision, reviewerID: UserID?, reviewerName: String, viaLink: Bool, comment: String, fingerprint: String) {
        self.decision = decision
        self.reviewerID = reviewerID
        self.reviewerName = reviewerName
        self.viaLink = viaLink
        self.comment = comment
        self.fingerprint = fingerprint
    }

    public func validated() throws -> NewContentReview {
        var review = self
        review.reviewerName = try Validation.name(reviewerName, field: "name")
        review.comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard review.comment.count <= 5000 else { throw DomainError.invalid(field: "comment", message: "Use at most 5,000 characters.") }
        if decision != .approved, review.comment.isEmpty {
            throw DomainError.invalid(field: "comment", message: "Say what should change.")
        }
        return review
    }
}

/// A stable digest of everything a reviewer approves: titles, texts, follow-ups and media of the item and
/// its variants. Any change gives another fingerprint, so the item needs approval again.
public enum ContentFingerprint {
    public static func of(_ item: ContentItem, variants: [ContentVariant], media: [ContentMedia]) -> String {
        var parts: [String] = [item.title, item.body]
        for variant in variants.sorted(by: { $0.id < $1.id }) {
            parts.append("v\(variant.channelID?.description ?? "-")/\(variant.marketID?.description ?? "-")")
            parts.append(variant.title ?? "")
            parts.append(variant.body)
            parts.append(contentsOf: variant.followUps)
            parts.append(variant.mediaIDs.map(\.description).joined(separator: ","))
        }
        for file in media.sorted(by: { $0.id < $1.id }) { parts.append("m\(file.sha256)\(file.altText ?? "")") }
        // FNV-1a 64 twice with two seeds: a change detector, not a security boundary (links are signed).
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for part in parts {
            for byte in part.utf8 + [0x1F] {
                first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return String(format: "%016llx%016llx", first, second)
    }
}
