import Foundation

/// The publish ledger's storage. Claims are atomic, so two workers never send the same entry.
public protocol PublicationRepository: Sendable {
    /// Creates a scheduled entry with a fresh idempotency key. With a `requestKey` already used in the
    /// workspace, returns the entry that key created instead (or throws ``DomainError/conflict(_:)`` when that
    /// entry is a different reply).
    func create(_ publication: NewPublication, in workspace: WorkspaceID, now: Date) async throws -> Publication
    func find(_ id: PublicationID, in workspace: WorkspaceID) async throws -> Publication?
    /// Atomically claims up to `limit` due entries (scheduled or unknown, `dueAt <= now`) across workspaces,
    /// moving them to `sending` under a lease until `leaseUntil`. Entries whose lease lapsed in `sending`
    /// are first moved to `unknown`.
    func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws -> [Publication]
    /// Stores a transition computed by ``Publication/applying(_:)``; refuses (``DomainError/conflict(_:)``)
    /// when the stored entry is no longer in `expected` state (another worker moved it).
    func save(_ publication: Publication, expecting expected: PublicationState) async throws
    /// The replies of a conversation, oldest first.
    func list(conversation: ConversationID, in workspace: WorkspaceID) async throws -> [Publication]
    /// Entries of a workspace, newest first; `state` and `purpose` narrow them when given.
    func list(in workspace: WorkspaceID, state: PublicationState?, purpose: PublicationPurpose?, limit: Int) async throws
        -> [Publication]
    /// The posts of a content item, newest first.
    func list(content: ContentItemID, in workspace: WorkspaceID) async throws -> [Publication]
    /// How many posts of a content item are in each state, per channel.
    func tally(content: ContentItemID, in workspace: WorkspaceID) async throws -> PostTally
    /// The posts due (or published) in `[from, to)`, for the calendar, by due time.
    func posts(in workspace: WorkspaceID, from: Date, to: Date) async throws -> [Publication]
    /// Moves a post that is still waiting (scheduled, never tried) to `dueAt`.
    /// - Throws: ``DomainError/conflict(_:)`` when it is already sending or done.
    func reschedule(_ id: PublicationID, to dueAt: Date, in workspace: WorkspaceID, now: Date) async throws -> Publication
    /// Removes a post that is still waiting (scheduled, never tried).
    /// - Throws: ``DomainError/conflict(_:)`` when it is already sending or done.
    func cancel(_ id: PublicationID, in workspace: WorkspaceID) async throws
    /// Entries that need a person's eye, across workspaces when `workspace` is `nil`: scheduled or unknown
    /// and due before `dueBefore` (late: the worker is behind or stopped), or failed since `failedSince`.
    func needingAttention(in workspace: WorkspaceID?, dueBefore: Date, failedSince: Date, limit: Int) async throws -> [Publication]
    /// When the next entry falls due (scheduled or unknown), across workspaces; `nil` when none waits.
    func nextDueAt() async throws -> Date?
    /// Published posts of a channel since `since`, for the best-time analysis.
    func publishedPosts(channel: ChannelID, in workspace: WorkspaceID, since: Date) async throws -> [Publication]
}
