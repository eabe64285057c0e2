import Foundation

public typealias ContentItemID = Identifier<ContentItem>

/// Where a piece of content is in the editorial pipeline.
public enum ContentStatus: String, Codable, Sendable, CaseIterable {
    case idea, draft
    case inReview = "in_review"
    case approved, scheduled, published, archived

    /// Whether a person may move an item from `self` to `target` by hand (the board, the API).
    ///
    /// `approved` comes from a review decision, `scheduled` from scheduling a publication and `published`
    /// from the publish ledger, so none of them is a target here; an item can always go back to work
    /// (idea, draft, in review) or be archived.
    public func canMove(to target: ContentStatus) -> Bool {
        guard target != self else { return true }
        switch target {
        case .idea, .draft, .inReview, .archived: return true
        case .approved, .scheduled, .published: return false
        }
    }
}

/// When an evergreen item is published again, and until when.
public struct EvergreenPolicy: Sendable, Equatable, Codable {
    /// Days between two publications, 1…365.
    public var intervalDays: Int
    /// No re-publication after this date.
    public var until: Date?
    /// At most this many publications in all (the first one included).
    public var cap: Int?

    public init(intervalDays: Int, until: Date? = nil, cap: Int? = nil) {
        self.intervalDays = intervalDays
        self.until = until
        self.cap = cap
    }

    /// The next publication after one published at `last`, given how many went out; `nil` when the policy
    /// is exhausted.
    public func next(after last: Date, published count: Int) -> Date? {
        if let cap, count >= cap { return nil }
        let next = last.addingTimeInterval(TimeInterval(intervalDays) * 86_400)
        if let until, next > until { return nil }
        return next
    }

    func validated() throws -> EvergreenPolicy {
        guard (1...365).contains(intervalDays) else {
            throw DomainError.invalid(field: "evergreenIntervalDays", message: "Use an interval of 1 to 365 days.")
        }
        if let cap, !(1...1000).contains(cap) {
            throw DomainError.invalid(field: "evergreenCap", message: "Use a cap of 1 to 1,000 publications.")
        }
        return self
    }
}

/// One piece of content in the stock: a master text, its variants, media, and where it is in the pipeline.
public struct ContentItem: Sendable, Equatable, Identifiable {
    public var id: ContentItemID
    public var workspaceID: WorkspaceID
    public var title: String
    /// The master text; variants adapt it per channel and per market.
    public var body: String
    public var status: ContentStatus
    /// A key of the workspace's content types (``ContentTypeDefinition``).
    public var contentType: String
    public var campaign: String?
    public var tags: [String]
    /// Set for evergreen items: they are published again at an interval.
    public var evergreen: EvergreenPolicy?
    public var notes: String
    /// The fingerprint of the text that was approved; a change of text makes the item need approval again.
    public var approvedFingerprint: String?
    public var createdBy: UserID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ContentItemID, workspaceID: WorkspaceID, title: String, body: String, status: ContentStatus,
        contentType: String, campaign: String?, tags: [String], evergreen: EvergreenPolicy?, notes: String,
        approvedFingerprint: String?, createdBy: UserID?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.title = title
        self.body = body
        self.status = status
        self.contentType = contentType
        self.campaign = campaign
        self.tags = tags
        self.evergreen = evergreen
        self.notes = notes
        self.approvedFingerprint = approvedFingerprint
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a person writes to create or edit an item; the same rules for forms, the API and CSV import.
public struct ContentDraft: Sendable, Equatable {
    public var title: String
    public var body: String
    /// A move by hand (idea, draft, in review, archived); `nil` keeps the item's status (`idea` for a new one).
    public var status: ContentStatus?
    public var contentType: String
    public var campaign: String?
    public var tags: [String]
    public var evergreen: EvergreenPolicy?
    public var notes: String

    public init(
        title: String, body: String = "", status: ContentStatus? = nil, contentType: String = ContentTypeDefinition.defaultKey,
        campaign: String? = nil, tags: [String] = [], evergreen: EvergreenPolicy? = nil, notes: String = ""
    ) {
        self.title = title
        self.body = body
        self.status = status
        self.contentType = contentType
        self.campaign = campaign
        self.tags = tags
        self.evergreen = evergreen
        self.notes = notes
    }

    public static let maxTitleLength = 200
    public static let maxBodyLength = 20_000

    /// Trimmed and checked against the workspace's content types.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` naming the field.
    public func validated(types: [ContentTypeDefinition]) throws -> ContentDraft {
        var draft = self
        draft.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !draft.title.isEmpty else { throw DomainError.invalid(field: "title", message: "Enter a title.") }
        guard draft.title.count <= Self.maxTitleLength else {
            throw DomainError.invalid(field: "title", message: "Use at most \(Self.maxTitleLength) characters.")
        }
        guard body.count <= Self.maxBodyLength else {
            throw DomainError.invalid(field: "body", message: "Use at most \(Self.maxBodyLength) characters.")
        }
        if let status, [.approved, .scheduled, .published].contains(status) {
            throw DomainError.invalid(
                field: "status",
                message: "A new or edited item is an idea, a draft, in review or archived; approval, scheduling and publishing set the other states.")
        }
        draft.contentType = contentType.trimmingCharacters(in: .whitespaces).lowercased()
        guard types.contains(where: { $0.key == draft.contentType }) else {
            throw DomainError.invalid(
                field: "contentType",
                message: "Unknown content type \"\(draft.contentType.prefix(40))\". Use one of: \(types.map(\.key).joined(separator: ", ")).")
        }
        let campaign = campaign?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard campaign.count <= 100 else { throw DomainError.invalid(field: "campaign", message: "Use at most 100 characters.") }
        draft.campaign = campaign.isEmpty ? nil : campaign
        draft.tags = try Self.normalisedTags(tags)
        draft.evergreen = try evergreen?.validated()
        guard notes.count <= Validation.maxTextLength else {
            throw DomainError.invalid(field: "notes", message: "Use at most \(Validation.maxTextLength) characters.")
        }
        return draft
    }

    /// Lower-cased, trimmed, without `#`, unique, at most 20 tags of 40 characters.
    static func normalisedTags(_ tags: [String]) throws -> [String] {
        var seen: [String] = []
        for raw in tags {
            var tag = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            while tag.hasPrefix("#") { tag.removeFirst() }
            guard !tag.isEmpty else { continue }
            guard tag.count <= 40, !tag.contains(",") else {
                throw DomainError.invalid(field: "tags", message: "Use tags of at most 40 characters, without commas.")
            }
            if !seen.contains(tag) { seen.append(tag) }
        }
        guard seen.count <= 20 else { throw DomainError.invalid(field: "tags", message: "Use at most 20 tags.") }
        return seen
    }
}

/// Which items a list shows.
public struct ContentFilter: Sendable, Equatable {
    public var statuses: [ContentStatus]
    public var contentType: String?
    public var campaign: String?
    public var tag: String?
    public var evergreen: Bool?
    /// Words in the title or the master text.
    public var query: String?

    public init(
        statuses: [ContentStatus] = [], contentType: String? = nil, campaign: String? = nil, tag: String? = nil,
        evergreen: Bool? = nil, query: String? = nil
    ) {
        self.statuses = statuses
        self.contentType = contentType
        self.campaign = campaign
        self.tag = tag
        self.evergreen = evergreen
        self.query = query
    }
}

/// A content type of the workspace's list (advice, contest…).
public struct ContentTypeDefinition: Sendable, Equatable, Codable {
    /// Lower-case letters, digits and underscores: what items store.
    public var key: String
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }

    public static let defaultKey = "announcement"

    /// The list a workspace starts with, until it edits its own.
    public static let defaults: [ContentTypeDefinition] = [
        .init(key: "advice", name: "Advice"),
        .init(key: "contest", name: "Contest"),
        .init(key: "product_highlight", name: "Product highlight"),
        .init(key: "event", name: "Event"),
        .init(key: "question", name: "Question to the community"),
        .init(key: "announcement", name: "Announcement"),
        .init(key: "user_content", name: "User content"),
    ]

    /// Checks a whole list: 1…50 types, unique keys of `[a-z0-9_]{1,40}`, names of at most 60 characters.
    public static func validatedList(_ list: [ContentTypeDefinition]) throws -> [ContentTypeDefinition] {
        guard !list.isEmpty, list.count <= 50 else {
            throw DomainError.invalid(field: "contentTypes", message: "Keep between 1 and 50 content types.")
        }
        var keys = Set<String>()
        return try list.map { type in
            let key = type.key.trimmingCharacters(in: .whitespaces).lowercased()
            guard (1...40).contains(key.count), key.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }) else {
                throw DomainError.invalid(
                    field: "contentTypes", message: "Use keys of lower-case letters, digits and underscores, such as product_highlight.")
            }
            guard keys.insert(key).inserted else {
                throw DomainError.invalid(field: "contentTypes", message: "The key \(key) is used twice.")
            }
            let name = try Validation.name(type.name, field: "contentTypes")
            return ContentTypeDefinition(key: key, name: String(name.prefix(60)))
        }
    }
}
