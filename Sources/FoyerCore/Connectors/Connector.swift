import Foundation

/// A platform adapter. Each channel kind has one; the composition root registers them in a
/// ``ConnectorRegistry``. The facets a kind does not support are `nil`.
public protocol Connector: Sendable {
    var kind: ChannelKind { get }
    var capabilities: ConnectorCapabilities { get }
    /// Checks a channel's settings and credentials before it is created (URLs, required keys).
    /// - Throws: ``DomainError/invalid(field:message:)`` naming the bad key.
    func validate(settings: [String: String], credentials: [String: String]) throws
    var webhook: (any WebhookReceiver)? { get }
    var poller: (any Poller)? { get }
    var replier: (any Replier)? { get }
    /// Publishes new posts (the content calendar); `nil` when the kind cannot publish.
    var publisher: (any Publisher)? { get }
    /// Hides, deletes or bans on the platform; `nil` when the kind has no moderation API.
    var moderator: (any Moderator)? { get }
    /// Receives what the platform pushes over a long-lived connection; `nil` when the kind has no stream.
    /// A kind with a streamer also has a poller, which fills the gaps.
    var streamer: (any Streamer)? { get }
}

extension Connector {
    public func validate(settings: [String: String], credentials: [String: String]) throws {}
    public var webhook: (any WebhookReceiver)? { nil }
    public var poller: (any Poller)? { nil }
    public var replier: (any Replier)? { nil }
    public var publisher: (any Publisher)? { nil }
    public var moderator: (any Moderator)? { nil }
    public var streamer: (any Streamer)? { nil }
}

/// A channel with its credentials opened: what connectors get to work with.
public struct ChannelContext: Sendable {
    public var channel: Channel
    public var credentials: [String: String]

    public init(channel: Channel, credentials: [String: String]) {
        self.channel = channel
        self.credentials = credentials
    }

    public func setting(_ key: String) -> String? {
        guard let value = channel.settings[key], !value.isEmpty else { return nil }
        return value
    }

    public func credential(_ key: String) -> String? {
        guard let value = credentials[key], !value.isEmpty else { return nil }
        return value
    }
}

/// One webhook delivery as received: raw bytes, never re-serialised, so signatures can be checked.
public struct WebhookDelivery: Sendable {
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data
    public var receivedAt: Date

    public init(headers: [String: String], body: Data, receivedAt: Date) {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
        self.receivedAt = receivedAt
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What to do with a verified delivery.
public enum WebhookVerdict: Sendable, Equatable {
    /// Store it raw, then answer 2xx. `deliveryID` is the platform's event id, when it has one, so a
    /// redelivery (Slack retries, Discourse redeliveries) is stored once.
    case store(deliveryID: String?)
    /// Answer at once and store nothing (Slack `url_verification`, Discourse ping).
    case respond(status: Int, contentType: String, body: Data)
}

/// Why a delivery is refused; the web layer answers 401 (or 400) and stores nothing.
public enum WebhookRejection: Error, Sendable, Equatable {
    case missingSignature
    case badSignature
    /// The signed timestamp is outside the replay window.
    case stale
    case malformed(String)
}

/// Verifies webhook deliveries and decodes their payloads. Pure: no I/O.
public protocol WebhookReceiver: Sendable {
    /// Checks the signature over the raw body (constant-time) and the replay window where the platform
    /// signs a timestamp.
    func verify(_ delivery: WebhookDelivery, for context: ChannelContext) throws -> WebhookVerdict
    /// Turns a stored payload into items; an empty array for events that carry no message.
    func decode(_ payload: Data, for context: ChannelContext) throws -> [InboundItem]
}

/// One page of a poll.
public struct PollResult: Sendable {
    public var items: [InboundItem]
    /// The cursor to store with these items; `nil` keeps the previous one.
    public var cursor: String?
    /// When to poll next at the earliest (rate limits, feed `ttl`, `Retry-After`).
    public var notBefore: Date?
    /// True when another page is ready now.
    public var hasMore: Bool

    public init(items: [InboundItem], cursor: String?, notBefore: Date? = nil, hasMore: Bool = false) {
        self.items = items
        self.cursor = cursor
        self.notBefore = notBefore
        self.hasMore = hasMore
    }
}

/// Fetches new items from the platform, from a stored cursor.
public protocol Poller: Sendable {
    func poll(_ context: ChannelContext, cursor: String?, now: Date) async throws -> PollResult
}

/// What to send: a reply in a thread, or a new post.
public struct OutboundRequest: Sendable, Equatable {
    public var body: String
    /// The conversation's thread id (a Matrix room, a Slack `ts`, a Discourse topic…); `nil` for a new post.
    public var threadID: String?
    /// The message replied to, when the platform threads replies to a message.
    public var inReplyToExternalID: String?
    /// Stable across retries: the platform's idempotency key where it has one.
    public var idempotencyKey: String

    public init(body: String, threadID: String?, inReplyToExternalID: String?, idempotencyKey: String) {
        self.body = body
        self.threadID = threadID
        self.inReplyToExternalID = inReplyToExternalID
        self.idempotencyKey = idempotencyKey
    }
}

/// What the platform answered to a send.
public struct OutboundReceipt: Sendable, Equatable {
    public var externalID: String
    public var url: String?

    public init(externalID: String, url: String? = nil) {
        self.externalID = externalID
        self.url = url
    }
}

/// Sends replies (and, later, posts) to the platform.
public protocol Replier: Sendable {
    /// Sends once. Uses the platform's idempotency feature with `request.idempotencyKey` where it exists.
    func send(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt
    /// After an unknown outcome: asks the platform whether the send with this key went through.
    /// `nil` means it did not, so it is safe to send again.
    func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt?
}

/// A platform error, mapped to something a person can act on.
public struct ConnectorError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Credentials refused or expired: reconnect the channel.
        case unauthorized
        /// The account lacks a permission or scope.
        case forbidden
        /// The room, thread or post is gone.
        case notFound
        /// Rate limited; retry after `retryAfter`.
        case rateLimited
        /// The platform refused the content (too long, invalid).
        case rejected
        /// Network failure or 5xx: worth retrying.
        case unavailable
        /// The answer could not be understood.
        case protocolError
        /// A setting is wrong (URL refused, missing key).
        case configuration
    }

    public var kind: Kind
    /// A message for the community manager, in English, saying what to do.
    public var message: String
    public var retryAfter: Date?
    public var statusCode: Int?

    public init(_ kind: Kind, _ message: String, retryAfter: Date? = nil, statusCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
        self.statusCode = statusCode
    }

    /// Whether trying again later may succeed.
    public var isRetryable: Bool { kind == .rateLimited || kind == .unavailable }

    public var description: String { message }
}

/// The connectors known to this build, by kind.
public struct ConnectorRegistry: Sendable {
    private var connectors: [ChannelKind: any Connector]

    public init(_ connectors: [any Connector]) {
        var byKind: [ChannelKind: any Connector] = [:]
        for connector in connectors { byKind[connector.kind] = connector }
        self.connectors = byKind
    }

    public subscript(kind: ChannelKind) -> (any Connector)? { connectors[kind] }
    public var kinds: [ChannelKind] { ChannelKind.allCases.filter { connectors[$0] != nil } }
}
