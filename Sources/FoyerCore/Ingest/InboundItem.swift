import Foundation

/// One message as a connector understood it, before Foyer stores it: the common shape every platform's
/// payload is decoded into. Codable, so polled items can be stored raw as JSON and replayed.
public struct InboundItem: Codable, Sendable, Equatable {
    /// The platform's id for this message; with the channel, the deduplication key.
    public var externalID: String
    /// The conversation it belongs to: the root post of its thread, or the DM room or exchange.
    /// Items with the same thread id on a channel land in the same conversation.
    public var threadID: String
    /// The message it answers, when the platform says so.
    public var parentID: String?
    public var kind: MessageKind
    /// `outbound` for messages the channel's own account wrote (an echo of our reply, for example).
    public var direction: MessageDirection
    public var author: InboundAuthor
    public var body: String
    public var sentAt: Date
    public var url: String?
    /// A title for a new conversation (topic title, post excerpt); the body's first line otherwise.
    public var subject: String?
    /// The language the platform says the message is in (a BCP 47 tag such as `en` or `pt-BR`), when it
    /// says so (Mastodon statuses); text analysis detects it otherwise.
    public var language: String?

    public init(
        externalID: String, threadID: String, parentID: String? = nil, kind: MessageKind,
        direction: MessageDirection = .inbound, author: InboundAuthor, body: String, sentAt: Date,
        url: String? = nil, subject: String? = nil, language: String? = nil
    ) {
        self.externalID = externalID
        self.threadID = threadID
        self.parentID = parentID
        self.kind = kind
        self.direction = direction
        self.author = author
        self.body = body
        self.sentAt = sentAt
        self.url = url
        self.subject = subject
        self.language = language
    }
}

/// Who wrote an inbound item, as the platform names them; resolved to a community ``Member``.
public struct InboundAuthor: Codable, Sendable, Equatable {
    /// The platform's stable id for the account (`@alice:example.org`, `U2CERLKJA`, a Mastodon account id).
    public var externalID: String
    public var handle: String
    public var displayName: String?
    public var profileURL: String?

    public init(externalID: String, handle: String, displayName: String? = nil, profileURL: String? = nil) {
        self.externalID = externalID
        self.handle = handle
        self.displayName = displayName
        self.profileURL = profileURL
    }
}

extension InboundItem {
    /// The payload of a `.poll` inbound event: a JSON array of items, dates as seconds since 1970.
    public static func encodeBatch(_ items: [InboundItem]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return try encoder.encode(items)
    }

    /// Reads a payload written by ``encodeBatch(_:)``.
    public static func decodeBatch(_ data: Data) throws -> [InboundItem] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(timeIntervalSince1970: try decoder.singleValueContainer().decode(Double.self))
        }
        return try decoder.decode([InboundItem].self, from: data)
    }
}
