import Foundation
import FoyerCore
import Hummingbird

/// The body of `PATCH …/conversations/{conversationID}`: any of the fields; absent ones stay as they are.
/// `assigneeId: null` is not "absent": send `"assignee": "nobody"` to unassign.
public struct APIConversationUpdate: Codable, Sendable, Equatable {
    public var status: String?
    /// ISO 8601; required with `status: snoozed`.
    public var snoozedUntil: Date?
    /// A user id, `me` or `nobody`.
    public var assignee: String?
    public var priority: String?
}

extension APIConversationUpdate: APIRequestBody {
    static var fields: [String] { ["status", "snoozedUntil", "assignee", "priority"] }
}

/// `{"name": "billing"}`: a tag to add.
public struct APITagInput: Codable, Sendable, Equatable {
    public var name: String
}

extension APITagInput: APIRequestBody {
    static var fields: [String] { ["name"] }
}

/// `{"body": "…"}`: a note or a reply.
public struct APITextInput: Codable, Sendable, Equatable {
    public var body: String
}

extension APITextInput: APIRequestBody {
    static var fields: [String] { ["body"] }
}

/// The body of `POST …/conversations/bulk`.
public struct APIBulkAction: Codable, Sendable, Equatable {
    public var ids: [Int64]
    /// `assign`, `tag`, `close` or `spam`.
    public var action: String
    /// For `assign`: a user id, `me` or `nobody`.
    public var assignee: String?
    /// For `tag`.
    public var tag: String?
}

extension APIBulkAction: APIRequestBody {
    static var fields: [String] { ["ids", "action", "assignee", "tag"] }
}

/// How many conversations a bulk action changed.
public struct APIBulkResult: Codable, Sendable, Equatable, ResponseEncodable {
    public var changed: Int
}

/// A note as the API shows it; `mentions` are the workspace users named with `@`.
public struct APINote: Codable, Sendable, Equatable {
    public var id: Int64
    public var authorId: Int64
    public var body: String
    public var mentions: [String]
    public var createdAt: Date

    init(_ note: Note, names: [String]) {
        id = note.id.rawValue
        authorId = note.authorID.rawValue
        body = note.body
        mentions = Mentions.mentioned(in: note.body, names: names)
        createdAt = note.createdAt
    }
}

/// A reply in the publish ledger.
public struct APIPublication: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var conversationId: Int64?
    public var channelId: Int64
    public var body: String
    /// `scheduled`, `sending`, `published`, `failed` or `unknown`.
    public var state: String
    public var attempts: Int
    public var externalId: String?
    public var remoteUrl: String?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date

    init(_ publication: Publication) {
        id = publication.id.rawValue
        conversationId = publication.conversationID?.rawValue
        channelId = publication.channelID.rawValue
        body = publication.body
        state = publication.state.rawValue
        attempts = publication.attempts
        externalId = publication.externalID
        remoteUrl = publication.remoteURL
        lastError = publication.lastError
        createdAt = publication.createdAt
        updatedAt = publication.updatedAt
    }
}

/// A saved view; `filters` are the list's query parameters.
public struct APISavedView: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var name: String
    public var filters: [String: String]
    /// `private` (yours only) or `shared` with the workspace.
    public var visibility: String
    public var createdAt: Date

    init(_ view: SavedView) {
        id = view.id.rawValue
        name = view.name
        filters = view.filters
        visibility = view.visibility.rawValue
        createdAt = view.createdAt
    }
}

/// The body of `POST …/saved-views`.
public struct APISavedViewInput: Codable, Sendable, Equatable {
    public var name: String
    public var filters: [String: String]?
    /// `private` or `shared` (the default).
    public var visibility: String?
}

extension APISavedViewInput: APIRequestBody {
    static var fields: [String] { ["name", "filters", "visibility"] }
}

/// The body of `PATCH …/saved-views/{savedViewID}`: any of the fields; absent ones stay as they are.
public struct APISavedViewUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var filters: [String: String]?
    public var visibility: String?
}

extension APISavedViewUpdate: APIRequestBody {
    static var fields: [String] { ["name", "filters", "visibility"] }
}

/// A saved reply with its versions.
public struct APISavedReply: Codable, Sendable, Equatable, ResponseEncodable {
    public struct Version: Codable, Sendable, Equatable {
        public var language: String
        public var body: String
    }

    public var id: Int64
    public var name: String
    public var intents: [String]
    public var versions: [Version]
    public var createdAt: Date
    public var updatedAt: Date

    init(_ reply: SavedReply) {
        id = reply.id.rawValue
        name = reply.name
        intents = reply.intents
        versions = reply.versions.map { Version(language: $0.language, body: $0.body) }
        createdAt = reply.createdAt
        updatedAt = reply.updatedAt
    }
}

/// The body of `POST` and `PUT …/saved-replies`.
public struct APISavedReplyInput: Codable, Sendable, Equatable {
    public var name: String
    public var intents: [String]?
    public var versions: [APISavedReply.Version]
}

extension APISavedReplyInput: APIRequestBody {
    static var fields: [String] { ["name", "intents", "versions"] }
}

/// The inbox settings: `firstResponseMinutes` (null for no target) and the business hours.
public struct APIInboxSettings: Codable, Sendable, Equatable, ResponseEncodable {
    public struct Period: Codable, Sendable, Equatable {
        /// `mon` … `sun`.
        public var day: String
        /// `HH:mm`.
        public var start: String
        /// `HH:mm`, `24:00` for midnight.
        public var end: String
    }

    public var firstResponseMinutes: Int?
    public var businessHours: [Period]

    init(_ settings: InboxSettings) {
        firstResponseMinutes = settings.firstResponseMinutes
        businessHours = settings.businessHours.periods.map {
            Period(day: $0.weekday.rawValue, start: BusinessHours.clock($0.start), end: BusinessHours.clock($0.end))
        }
    }

    /// The settings, validated; the text form's rules apply to each period.
    func settings() throws -> InboxSettings {
        let text = businessHours.map { "\($0.day) \($0.start)-\($0.end)" }.joined(separator: "\n")
        return try InboxSettings(firstResponseMinutes: firstResponseMinutes, businessHours: BusinessHours.parse(text))
            .validated()
    }
}

extension APIInboxSettings: APIRequestBody {
    static var fields: [String] { ["firstResponseMinutes", "businessHours"] }
}
