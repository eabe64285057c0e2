import Foundation

public typealias PublicationID = Identifier<Publication>

/// One entry of the publish ledger: a reply in a conversation or a post, sent to one channel exactly once.
public struct Publication: Sendable, Equatable, Identifiable {
    public var id: PublicationID
    public var workspaceID: WorkspaceID
    public var channelID: ChannelID
    public var purpose: PublicationPurpose
    /// The conversation a reply belongs to.
    public var conversationID: ConversationID?
    public var body: String
    /// The conversation's thread id on the platform (reply target); `nil` for a new post.
    public var threadID: String?
    public var inReplyToExternalID: String?
    /// Sent to the platform as its idempotency key (Mastodon `Idempotency-Key`, Matrix transaction id).
    public var idempotencyKey: String
    public var state: PublicationState
    public var attempts: Int
    /// When it is due (or due again after a retryable error).
    public var dueAt: Date
    /// While `sending`: the worker's lease; a lapsed lease means the worker died mid-send.
    public var leaseExpiresAt: Date?
    public var externalID: String?
    public var remoteURL: String?
    public var lastError: String?
    public var createdBy: UserID?
    public var createdAt: Date
    public var updatedAt: Date
    /// For a post: what it publishes.
    public var post: PostDetails?

    public init(
        id: PublicationID, workspaceID: WorkspaceID, channelID: ChannelID, purpose: PublicationPurpose,
        conversationID: ConversationID?, body: String, threadID: String?, inReplyToExternalID: String?,
        idempotencyKey: String, state: PublicationState, attempts: Int, dueAt: Date, leaseExpiresAt: Date?,
        externalID: String?, remoteURL: String?, lastError: String?, createdBy: UserID?, createdAt: Date,
        updatedAt: Date, post: PostDetails? = nil
    ) {
        self.post = post
        self.id = id
        self.workspaceID = workspaceID
        self.channelID = channelID
        self.purpose = purpose
        self.conversationID = conversationID
        self.body = body
        self.threadID = threadID
        self.inReplyToExternalID = inReplyToExternalID
        self.idempotencyKey = idempotencyKey
        self.state = state
        self.attempts = attempts
        self.dueAt = dueAt
        self.leaseExpiresAt = leaseExpiresAt
        self.externalID = externalID
        self.remoteURL = remoteURL
        self.lastError = lastError
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The post a publisher sends for this entry (media are read by the sender).
    public func outboundPost(media: [OutboundMedia]) -> OutboundPost {
        OutboundPost(
            title: post?.title, body: body, followUps: post?.followUps ?? [], media: media, language: post?.language,
            idempotencyKey: idempotencyKey)
    }

    /// The request a connector sends for this entry.
    public var outboundRequest: OutboundRequest {
        OutboundRequest(body: body, threadID: threadID, inReplyToExternalID: inReplyToExternalID, idempotencyKey: idempotencyKey)
    }
}

public enum PublicationPurpose: String, Codable, Sendable, CaseIterable {
    case reply, post
}

/// The ledger's states (see the design's outbound data flow).
public enum PublicationState: String, Codable, Sendable, CaseIterable {
    /// Waiting for `dueAt`.
    case scheduled
    /// Claimed by a worker under a lease; the platform may or may not have it yet.
    case sending
    case published
    /// A permanent error; `lastError` says what to do.
    case failed
    /// The worker got no answer (or died): the platform must be asked before any retry.
    case unknown

    /// Not done yet: due, on its way, or being checked with the platform.
    public var isWaiting: Bool { self == .scheduled || self == .sending || self == .unknown }
}

/// How many posts of one content item are in each ledger state, per channel: what the item's status and
/// its evergreen runs depend on, without reading every post.
public struct PostTally: Sendable, Equatable {
    public var counts: [ChannelID: [PublicationState: Int]]

    public init(_ counts: [ChannelID: [PublicationState: Int]] = [:]) { self.counts = counts }

    /// Posts in `state`, on `channel` or on all channels.
    public func count(_ state: PublicationState, on channel: ChannelID? = nil) -> Int {
        if let channel { return counts[channel]?[state] ?? 0 }
        return counts.values.reduce(0) { $0 + ($1[state] ?? 0) }
    }

    /// Whether a post is still due, on its way or being checked.
    public var hasWaiting: Bool { PublicationState.allCases.contains { $0.isWaiting && count($0) > 0 } }
}

extension Publication {
    /// An entry still waiting this long after its time is late: the publisher hands due entries over at
    /// their time, so two minutes means it is behind or stopped (the missed-post detector).
    public static let lateAfter: TimeInterval = 120
    /// How long a failure is announced (on `/health`, on the home page).
    public static let failureWindow: TimeInterval = 7 * 86_400

    /// Due more than ``lateAfter`` ago and not handed to the platform yet.
    public func isLate(now: Date) -> Bool {
        (state == .scheduled || state == .unknown) && dueAt < now.addingTimeInterval(-Self.lateAfter)
    }
}

/// What a post publishes beyond its body: where it comes from in the content stock, and its parts.
public struct PostDetails: Sendable, Equatable {
    public var contentID: ContentItemID
    public var variantID: ContentVariantID?
    public var marketID: MarketID?
    public var title: String?
    public var followUps: [String]
    public var mediaIDs: [MediaID]
    public var language: String?

    public init(
        contentID: ContentItemID, variantID: ContentVariantID? = nil, marketID: MarketID? = nil, title: String? = nil,
        followUps: [String] = [], mediaIDs: [MediaID] = [], language: String? = nil
    ) {
        self.contentID = contentID
        self.variantID = variantID
        self.marketID = marketID
        self.title = title
        self.followUps = followUps
        self.mediaIDs = mediaIDs
        self.language = language
    }
}

public struct NewPublication: Sendable, Equatable {
    public var channelID: ChannelID
    public var purpose: PublicationPurpose
    public var conversationID: ConversationID?
    public var body: String
    public var threadID: String?
    public var inReplyToExternalID: String?
    public var dueAt: Date
    public var createdBy: UserID?
    /// The client's key for this request (the API's `Idempotency-Key`, the reply form's hidden key): a second
    /// request with the same key in the workspace gets the entry the first one created.
    public var requestKey: String?
    public var post: PostDetails?

    public init(
        channelID: ChannelID, purpose: PublicationPurpose, conversationID: ConversationID?, body: String,
        threadID: String?, inReplyToExternalID: String?, dueAt: Date, createdBy: UserID?, requestKey: String? = nil,
        post: PostDetails? = nil
    ) {
        self.requestKey = requestKey
        self.post = post
        self.channelID = channelID
        self.purpose = purpose
        self.conversationID = conversationID
        self.body = body
        self.threadID = threadID
        self.inReplyToExternalID = inReplyToExternalID
        self.dueAt = dueAt
        self.createdBy = createdBy
    }
}
