import Foundation

/// Workspaces.
public protocol WorkspaceRepository: Sendable {
    /// Creates the workspace and makes `owner` its owner, in one transaction.
    /// - Throws: ``DomainError/conflict(_:)`` when the slug is taken.
    func create(_ workspace: NewWorkspace, owner: UserID) async throws -> Workspace
    func find(_ id: WorkspaceID) async throws -> Workspace?
    func find(slug: String) async throws -> Workspace?
    /// The workspaces a user belongs to, with the user's role, by name.
    func list(for user: UserID) async throws -> [(workspace: Workspace, role: Role)]
    func update(_ id: WorkspaceID, name: String, timeZone: String, defaultLocale: AppLocale) async throws
    func summary(_ id: WorkspaceID, now: Date) async throws -> WorkspaceSummary
}

/// Channels of a workspace.
public protocol ChannelRepository: Sendable {
    func create(_ channel: NewChannel, in workspace: WorkspaceID) async throws -> Channel
    func find(_ id: ChannelID, in workspace: WorkspaceID) async throws -> Channel?
    func list(in workspace: WorkspaceID) async throws -> [Channel]
    func updateHealth(_ id: ChannelID, in workspace: WorkspaceID, health: ChannelHealth) async throws
    /// The channel whose webhook URL carries this token, in any workspace: the URL is the secret.
    func find(webhookToken: String) async throws -> Channel?
    /// A channel by id in any workspace, for background workers that start from a stored event.
    func find(_ id: ChannelID) async throws -> Channel?
    /// Every channel of every workspace, by id (the poll scheduler's list).
    func listAll() async throws -> [Channel]
    /// Replaces the name, settings and credentials (`nil` keeps the stored credentials).
    /// - Throws: ``DomainError/notFound(_:)`` when the channel is not in this workspace.
    func updateSettings(
        _ id: ChannelID, in workspace: WorkspaceID, name: String, settings: [String: String],
        sealedCredentials: Data?
    ) async throws
    /// Deletes the channel with its conversations, messages, events and ledger entries.
    /// - Throws: ``DomainError/notFound(_:)`` when the channel is not in this workspace.
    func delete(_ id: ChannelID, in workspace: WorkspaceID) async throws
}

/// Community members and their platform identities.
public protocol MemberRepository: Sendable {
    func create(_ member: NewMember, identities: [NewIdentity], in workspace: WorkspaceID) async throws -> Member
    func find(_ id: MemberID, in workspace: WorkspaceID) async throws -> Member?
    func identities(of member: MemberID, in workspace: WorkspaceID) async throws -> [Identity]
    /// The member owning this platform account, if any.
    func find(platform: ChannelKind, externalID: String, in workspace: WorkspaceID) async throws -> Member?
    /// By most recently seen; `query` matches the display name or a handle.
    func list(in workspace: WorkspaceID, query: String?, page: PageRequest) async throws -> Page<Member>
    /// Records that the identity was banned on its platform (a later ban keeps the first time).
    /// - Throws: ``DomainError/notFound(_:)`` when the identity is not in this workspace.
    func markBanned(_ identity: IdentityID, at: Date, by user: UserID?, in workspace: WorkspaceID) async throws
}

/// Conversations (the inbox) and their tags.
public protocol ConversationRepository: Sendable {
    func create(_ conversation: NewConversation, in workspace: WorkspaceID) async throws -> Conversation
    func find(_ id: ConversationID, in workspace: WorkspaceID) async throws -> Conversation?
    /// The conversation of a platform thread on a channel.
    func find(channel: ChannelID, externalThreadID: String, in workspace: WorkspaceID) async throws -> Conversation?
    /// Newest activity first.
    func list(in workspace: WorkspaceID, filter: ConversationFilter, page: PageRequest) async throws -> Page<Conversation>
    func updateStatus(_ id: ConversationID, in workspace: WorkspaceID, status: ConversationStatus, snoozedUntil: Date?, at: Date) async throws
    func assign(_ id: ConversationID, in workspace: WorkspaceID, to user: UserID?) async throws
    /// Creates the tag in the workspace if needed.
    func addTag(_ name: String, to id: ConversationID, in workspace: WorkspaceID) async throws
    func removeTag(_ name: String, from id: ConversationID, in workspace: WorkspaceID) async throws
    func count(in workspace: WorkspaceID, status: ConversationStatus?) async throws -> Int
    /// How many conversations match the filter (its sort is ignored).
    func count(in workspace: WorkspaceID, filter: ConversationFilter) async throws -> Int
    func setPriority(_ id: ConversationID, in workspace: WorkspaceID, priority: ConversationPriority) async throws
    /// Applies `action` to every conversation of `ids` in the workspace and records one audit event each, in
    /// one transaction: an invalid assignee or tag changes nothing. Ids of other workspaces are skipped.
    /// Returns how many conversations were changed.
    func apply(
        _ action: ConversationBulkAction, to ids: [ConversationID], in workspace: WorkspaceID, by actor: UserID?,
        at: Date
    ) async throws -> Int
    /// Reopens, across workspaces, the snoozed conversations whose `snoozedUntil` is at or before `now`, and
    /// returns them (for live events). For a background worker.
    func wakeSnoozed(now: Date) async throws -> [Conversation]
}

/// Messages, with full-text search.
public protocol MessageRepository: Sendable {
    /// Stores messages and updates their conversations' counters and times, in one transaction.
    /// A message whose (channel, external id) is already stored is skipped: the result has only the new ones.
    func insert(_ messages: [NewMessage], in workspace: WorkspaceID) async throws -> [Message]
    func find(_ id: MessageID, in workspace: WorkspaceID) async throws -> Message?
    /// Newest first.
    func list(in workspace: WorkspaceID, filter: MessageFilter, page: PageRequest) async throws -> Page<Message>
    /// Oldest first: the whole thread.
    func thread(_ conversation: ConversationID, in workspace: WorkspaceID) async throws -> [Message]
    func count(in workspace: WorkspaceID) async throws -> Int
    /// Stores what a moderator made of the message on its platform.
    /// - Throws: ``DomainError/notFound(_:)`` when the message is not in this workspace.
    func setModeration(_ moderation: MessageModeration, of id: MessageID, in workspace: WorkspaceID) async throws
}

/// Internal notes.
public protocol NoteRepository: Sendable {
    func add(body: String, author: UserID, conversation: ConversationID?, member: MemberID?, in workspace: WorkspaceID) async throws -> Note
    func list(conversation: ConversationID, in workspace: WorkspaceID) async throws -> [Note]
    func list(member: MemberID, in workspace: WorkspaceID) async throws -> [Note]
}

/// Tags of a workspace.
public protocol TagRepository: Sendable {
    func create(name: String, color: String, in workspace: WorkspaceID) async throws -> Tag
    func list(in workspace: WorkspaceID) async throws -> [Tag]
}

/// The audit log. Append-only.
public protocol AuditRepository: Sendable {
    @discardableResult
    func record(_ event: NewAuditEvent) async throws -> AuditEvent
    /// Newest first.
    func list(in workspace: WorkspaceID, page: PageRequest) async throws -> Page<AuditEvent>
}
