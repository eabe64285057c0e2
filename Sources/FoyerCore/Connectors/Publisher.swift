import Foundation

/// A file sent with a post (an image, a video), read from the data folder by the sender.
public struct OutboundMedia: Sendable, Equatable {
    public var filename: String
    public var mimeType: String
    public var data: Data
    /// Alternative text for people who cannot see the image.
    public var altText: String?

    public init(filename: String, mimeType: String, data: Data, altText: String? = nil) {
        self.filename = filename
        self.mimeType = mimeType
        self.data = data
        self.altText = altText
    }
}

/// A new post: the text of a content variant on one channel.
public struct OutboundPost: Sendable, Equatable {
    /// A title, for platforms whose posts have one (a Discourse topic); others ignore it.
    public var title: String?
    public var body: String
    /// Posted after the first part, each in reply to the previous one: a Mastodon thread, a Slack thread
    /// reply, a Discourse first comment, a Matrix reply. Empty for a single post.
    public var followUps: [String]
    /// Attached to the first part.
    public var media: [OutboundMedia]
    /// BCP 47 language of the text, where the platform records it (Mastodon `language`).
    public var language: String?
    /// Stable across retries. Part `n` of the follow-ups uses ``partKey(_:)``.
    public var idempotencyKey: String

    public init(
        title: String? = nil, body: String, followUps: [String] = [], media: [OutboundMedia] = [], language: String? = nil,
        idempotencyKey: String
    ) {
        self.title = title
        self.body = body
        self.followUps = followUps
        self.media = media
        self.language = language
        self.idempotencyKey = idempotencyKey
    }

    /// The idempotency key of follow-up `index` (0-based): each part is sent, and reconciled, once.
    public func partKey(_ index: Int) -> String { "\(idempotencyKey)-\(index + 1)" }
}

/// Publishes posts to the channel's own place (a Mastodon account, a Matrix room, a Slack channel, a
/// Discourse category).
public protocol Publisher: Sendable {
    /// Sends the post and its follow-ups once, using the platform's idempotency feature where it exists.
    /// The receipt names the first part (its id and public link).
    func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt
    /// After an unknown outcome: finds the post on the platform by its key, finishing any follow-up that
    /// did not go out. `nil` means the first part is not there, so it is safe to publish again.
    func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt?
}
