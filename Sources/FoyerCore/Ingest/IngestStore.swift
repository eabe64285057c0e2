import Foundation

/// An inbound item with its analysis, ready to store.
public struct PreparedItem: Sendable, Equatable {
    public var item: InboundItem
    public var analysis: MessageAnalysis

    public init(item: InboundItem, analysis: MessageAnalysis) {
        self.item = item
        self.analysis = analysis
    }
}

/// What one ingest batch changed.
public struct IngestOutcome: Sendable, Equatable {
    /// Messages stored by this batch (duplicates are left out).
    public var messages: [Message]
    /// Conversations created by this batch.
    public var createdConversations: [ConversationID]
    /// Members created by this batch.
    public var createdMembers: [MemberID]
    /// Items skipped because their (channel, external id) was already stored.
    public var duplicates: Int

    public init(
        messages: [Message] = [], createdConversations: [ConversationID] = [], createdMembers: [MemberID] = [],
        duplicates: Int = 0
    ) {
        self.messages = messages
        self.createdConversations = createdConversations
        self.createdMembers = createdMembers
        self.duplicates = duplicates
    }
}

/// Stores analysed items in one transaction per batch: deduplicates on (channel, external id), resolves
/// each author's identity to a member (creating one when new), finds or creates the conversation by
/// thread id (a reply to a closed conversation reopens it), inserts the messages (indexed for full-text
/// search) and updates the daily rollups.
public protocol IngestStore: Sendable {
    /// Queues a batch behind every batch queued before it and returns at once: the store works through its
    /// queue without waiting for anyone to hand it the next batch (bulk ingest, ``IngestSession``). When
    /// `previous` has failed by the time this batch's turn comes, nothing of this batch is stored and it fails
    /// with the same error.
    func queue(_ items: [PreparedItem], channel: Channel, receivedAt: Date, after previous: QueuedIngest?)
        -> QueuedIngest
}

extension IngestStore {
    /// Stores one batch on its own (webhooks, polling, single imports) and returns what it stored.
    public func store(_ items: [PreparedItem], channel: Channel, receivedAt: Date) async throws -> IngestOutcome {
        try await queue(items, channel: channel, receivedAt: receivedAt, after: nil).outcome
    }
}

/// Daily counts per workspace, channel and day (in UTC), kept by ingest so dashboards stay fast.
public struct DailyRollup: Sendable, Equatable {
    public var channelID: ChannelID
    /// `yyyy-MM-dd`, UTC.
    public var day: String
    public var inbound: Int
    public var outbound: Int
    public var negative: Int
    public var positive: Int
    public var toxic: Int
    public var spam: Int
    public var newMembers: Int
    public var newConversations: Int

    public init(
        channelID: ChannelID, day: String, inbound: Int, outbound: Int, negative: Int, positive: Int, toxic: Int,
        spam: Int, newMembers: Int, newConversations: Int
    ) {
        self.channelID = channelID
        self.day = day
        self.inbound = inbound
        self.outbound = outbound
        self.negative = negative
        self.positive = positive
        self.toxic = toxic
        self.spam = spam
        self.newMembers = newMembers
        self.newConversations = newConversations
    }
}

public protocol RollupRepository: Sendable {
    /// Rollups of a workspace between two days inclusive (`yyyy-MM-dd`), by day then channel.
    func daily(in workspace: WorkspaceID, from: String, through: String) async throws -> [DailyRollup]
}
