import Foundation

/// Everything the application needs from a storage backend, built once by the composition root.
public struct Storage: Sendable {
    public var users: any UserRepository
    public var memberships: any MembershipRepository
    public var sessions: any SessionRepository
    public var invitations: any InvitationRepository
    public var apiTokens: any APITokenRepository
    public var workspaces: any WorkspaceRepository
    public var channels: any ChannelRepository
    public var members: any MemberRepository
    public var conversations: any ConversationRepository
    public var messages: any MessageRepository
    public var notes: any NoteRepository
    public var tags: any TagRepository
    public var audit: any AuditRepository
    /// The durable log of inbound deliveries (webhooks and polled pages).
    public var inboundEvents: any InboundEventRepository
    public var channelCursors: any ChannelCursorRepository
    /// The ingest hot path: stores analysed items in one transaction per batch.
    public var ingest: any IngestStore
    public var rollups: any RollupRepository
    /// The publish ledger.
    public var publications: any PublicationRepository
    public var savedViews: any SavedViewRepository
    public var savedReplies: any SavedReplyRepository
    public var inboxSettings: any InboxSettingsRepository
    /// The content stock: items, variants, media, reviews.
    public var content: any ContentRepository
    /// Markets, content types, cadence goals, the calendar feed.
    public var planning: any PlanningRepository
    /// Each user's notifications (mentions in notes).
    public var notifications: any InboxNotificationRepository
    /// Replies drawn by published posts, for the best time to post.
    public var engagement: any PostEngagementRepository
    public var health: any StorageHealth

    public init(
        users: any UserRepository, memberships: any MembershipRepository, sessions: any SessionRepository,
        invitations: any InvitationRepository, apiTokens: any APITokenRepository,
        workspaces: any WorkspaceRepository, channels: any ChannelRepository, members: any MemberRepository,
        conversations: any ConversationRepository, messages: any MessageRepository, notes: any NoteRepository,
        tags: any TagRepository, audit: any AuditRepository, inboundEvents: any InboundEventRepository,
        channelCursors: any ChannelCursorRepository, ingest: any IngestStore, rollups: any RollupRepository,
        publications: any PublicationRepository, savedViews: any SavedViewRepository,
        savedReplies: any SavedReplyRepository, inboxSettings: any InboxSettingsRepository, content: any ContentRepository,
        planning: any PlanningRepository, notifications: any InboxNotificationRepository,
        engagement: any PostEngagementRepository, health: any StorageHealth
    ) {
        self.engagement = engagement
        self.content = content
        self.planning = planning
        self.users = users
        self.memberships = memberships
        self.sessions = sessions
        self.invitations = invitations
        self.apiTokens = apiTokens
        self.workspaces = workspaces
        self.channels = channels
        self.members = members
        self.conversations = conversations
        self.messages = messages
        self.notes = notes
        self.tags = tags
        self.audit = audit
        self.inboundEvents = inboundEvents
        self.channelCursors = channelCursors
        self.ingest = ingest
        self.rollups = rollups
        self.publications = publications
        self.savedViews = savedViews
        self.savedReplies = savedReplies
        self.inboxSettings = inboxSettings
        self.notifications = notifications
        self.health = health
    }
}

/// What `/health` asks of the database.
public protocol StorageHealth: Sendable {
    /// Runs a trivial query; throws when the database cannot be reached.
    func ping() async throws
    /// Migrations known to this binary that the database has not applied (empty when current).
    func pendingMigrations() async throws -> [String]
}
