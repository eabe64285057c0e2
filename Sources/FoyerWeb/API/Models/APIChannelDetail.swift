import Foundation
import FoyerCore
import Hummingbird

/// One channel with what its connector can do and, for those who manage settings, the URL platforms post
/// webhooks to. The answer to creating a channel also carries ``secret``: the signing secret Foyer generated
/// for a generic webhook channel, shown this once (`null` otherwise). Credentials are never included.
public struct APIChannelDetail: Encodable, Sendable, Equatable {
    /// What the channel's connector does; `null` when this build has no connector for the kind.
    public struct Capabilities: Codable, Sendable, Equatable {
        /// `webhook`, `poll`, `stream` or `none`.
        public var ingest: String
        public var reply: Bool
        public var publish: Bool
        public var hide: Bool
        public var delete: Bool
        public var ban: Bool

        public init(_ capabilities: ConnectorCapabilities) {
            ingest = capabilities.ingest.rawValue
            reply = capabilities.reply
            publish = capabilities.publish
            hide = capabilities.hide
            delete = capabilities.delete
            ban = capabilities.ban
        }
    }

    public var channel: APIChannel
    public var capabilities: Capabilities?
    public var webhookUrl: String?
    /// Written only by the creation answer (as `null` when nothing was generated).
    public var secret: String?
    var includesSecret: Bool

    public init(
        _ channel: Channel, capabilities: ConnectorCapabilities?, webhookURL: String?, createdSecret: String?? = .none
    ) {
        self.channel = APIChannel(channel)
        self.capabilities = capabilities.map(Capabilities.init)
        self.webhookUrl = webhookURL
        switch createdSecret {
        case .none:
            secret = nil
            includesSecret = false
        case .some(let value):
            secret = value
            includesSecret = true
        }
    }

    private enum CodingKeys: String, CodingKey {
        case capabilities, webhookUrl, secret
    }

    // The channel's own keys, then the extras, in one flat object; optional extras are written as null.
    public func encode(to encoder: any Encoder) throws {
        try channel.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(webhookUrl, forKey: .webhookUrl)
        if includesSecret { try container.encode(secret, forKey: .secret) }
    }
}

/// A failed or dead inbound delivery, for the channel health view. The payload itself is never returned.
public struct APIInboundFailure: Codable, Sendable, Equatable {
    public var id: Int64
    public var channelId: Int64
    /// `webhook` or `poll`.
    public var source: String
    public var deliveryId: String?
    /// `failed` (retried automatically) or `dead` (kept for a person to retry).
    public var status: String
    public var attempts: Int
    public var lastError: String?
    public var receivedAt: Date
    public var nextAttemptAt: Date?

    public init(_ event: InboundEvent) {
        id = event.id.rawValue
        channelId = event.channelID.rawValue
        source = event.source.rawValue
        deliveryId = event.deliveryID
        status = event.status.rawValue
        attempts = event.attempts
        lastError = event.lastError.map { String($0.prefix(500)) }
        receivedAt = event.receivedAt
        nextAttemptAt = event.nextAttemptAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, channelId, source, deliveryId, status, attempts, lastError, receivedAt, nextAttemptAt
    }

    // Nullable fields are written as null so clients can rely on every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(channelId, forKey: .channelId)
        try container.encode(source, forKey: .source)
        try container.encode(deliveryId, forKey: .deliveryId)
        try container.encode(status, forKey: .status)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
    }
}

/// The answer to retrying an inbound event: it is queued again.
public struct APIInboundRetry: Codable, Sendable, Equatable {
    public var id: Int64
    /// Always `pending`.
    public var status: String
}

/// A JSON answer with a chosen status (201 for creations), encoded like every other API answer.
enum APIJSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try APIJSON.encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
