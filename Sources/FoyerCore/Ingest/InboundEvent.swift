import Foundation

public typealias InboundEventID = Identifier<InboundEvent>

/// A delivery stored raw and durably before Foyer acknowledges it: nothing a platform sends is lost, and
/// every event can be replayed.
public struct InboundEvent: Sendable, Equatable, Identifiable {
    public var id: InboundEventID
    public var workspaceID: WorkspaceID
    public var channelID: ChannelID
    public var source: InboundSource
    /// The platform's delivery id (Slack `event_id`, `X-Discourse-Event-Id`…); unique per channel.
    public var deliveryID: String?
    /// The raw body: the platform's payload for webhooks, a JSON array of ``InboundItem`` for polls.
    public var payload: Data
    public var status: InboundEventStatus
    public var attempts: Int
    public var lastError: String?
    public var receivedAt: Date
    /// When a failed event is tried again.
    public var nextAttemptAt: Date?
    public var processedAt: Date?

    public init(
        id: InboundEventID, workspaceID: WorkspaceID, channelID: ChannelID, source: InboundSource,
        deliveryID: String?, payload: Data, status: InboundEventStatus, attempts: Int, lastError: String?,
        receivedAt: Date, nextAttemptAt: Date?, processedAt: Date?
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.channelID = channelID
        self.source = source
        self.deliveryID = deliveryID
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.receivedAt = receivedAt
        self.nextAttemptAt = nextAttemptAt
        self.processedAt = processedAt
    }
}

/// Where an inbound event came from, which also says how its payload is encoded.
public enum InboundSource: String, Codable, Sendable, CaseIterable {
    /// A platform webhook body, decoded by the channel's ``WebhookReceiver``.
    case webhook
    /// Items a ``Poller`` returned, as a JSON array of ``InboundItem``.
    case poll
}

public enum InboundEventStatus: String, Codable, Sendable, CaseIterable {
    /// Stored, waiting for the ingest worker.
    case pending
    case processed
    /// Processing failed; retried at `nextAttemptAt`, shown in the channel's health.
    case failed
    /// Failed too many times; kept for a person to look at and replay.
    case dead
}

/// A delivery to store.
public struct NewInboundEvent: Sendable, Equatable {
    public var channelID: ChannelID
    public var source: InboundSource
    public var deliveryID: String?
    public var payload: Data
    public var receivedAt: Date

    public init(channelID: ChannelID, source: InboundSource, deliveryID: String?, payload: Data, receivedAt: Date) {
        self.channelID = channelID
        self.source = source
        self.deliveryID = deliveryID
        self.payload = payload
        self.receivedAt = receivedAt
    }
}

/// The result of storing a delivery.
public enum InboundAppendResult: Sendable, Equatable {
    case stored(InboundEventID)
    /// The same delivery id was already stored for this channel: acknowledge it, store nothing.
    case duplicate(InboundEventID)
}

/// The durable log of inbound deliveries.
public protocol InboundEventRepository: Sendable {
    /// Stores the raw delivery durably (committed before returning) unless its delivery id is known.
    func append(_ event: NewInboundEvent, in workspace: WorkspaceID) async throws -> InboundAppendResult
    /// Stores polled items and advances the channel's cursor in one transaction, so a crash between the
    /// two never loses or repeats a page.
    func appendPoll(_ event: NewInboundEvent, cursor: String?, in workspace: WorkspaceID) async throws -> InboundEventID
    /// Pending events, and failed ones whose retry time has come, oldest first, across workspaces.
    func due(now: Date, limit: Int) async throws -> [InboundEvent]
    func markProcessed(_ ids: [InboundEventID], at: Date) async throws
    /// Records a failure; the event becomes `dead` after `maxAttempts`.
    func markFailed(_ id: InboundEventID, error: String, retryAt: Date, maxAttempts: Int) async throws
    /// Puts a failed or dead event back in the queue (a person's "retry").
    func requeue(_ id: InboundEventID, in workspace: WorkspaceID, now: Date) async throws
    /// Failed and dead events of a workspace, newest first, for the channel health page.
    func failures(in workspace: WorkspaceID, channel: ChannelID?, limit: Int) async throws -> [InboundEvent]
    func count(in workspace: WorkspaceID, status: InboundEventStatus?) async throws -> Int
}

/// Where each polling channel is in its platform's stream (`since` token, `min_id`, ETag…).
public protocol ChannelCursorRepository: Sendable {
    func cursor(for channel: ChannelID, in workspace: WorkspaceID) async throws -> String?
    func setCursor(_ cursor: String?, for channel: ChannelID, in workspace: WorkspaceID) async throws
}
