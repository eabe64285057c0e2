import Foundation

public typealias InboxNotificationID = Identifier<InboxNotification>

/// Something a workspace user should look at: for now, an internal note that mentions them. Each belongs to
/// one user in one workspace; nobody else reads it.
public struct InboxNotification: Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `@handle` in an internal note.
        case mention
    }

    public var id: InboxNotificationID
    public var workspaceID: WorkspaceID
    public var userID: UserID
    public var kind: Kind
    public var conversationID: ConversationID
    public var noteID: NoteID?
    /// Who wrote the note; `nil` once that user is deleted.
    public var actorID: UserID?
    public var createdAt: Date
    public var readAt: Date?

    public init(
        id: InboxNotificationID, workspaceID: WorkspaceID, userID: UserID, kind: Kind, conversationID: ConversationID,
        noteID: NoteID?, actorID: UserID?, createdAt: Date, readAt: Date?
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.userID = userID
        self.kind = kind
        self.conversationID = conversationID
        self.noteID = noteID
        self.actorID = actorID
        self.createdAt = createdAt
        self.readAt = readAt
    }

    public var isRead: Bool { readAt != nil }
}

/// What it takes to notify one user.
public struct NewInboxNotification: Sendable, Equatable {
    public var userID: UserID
    public var kind: InboxNotification.Kind
    public var conversationID: ConversationID
    public var noteID: NoteID?
    public var actorID: UserID?

    public init(
        userID: UserID, kind: InboxNotification.Kind, conversationID: ConversationID, noteID: NoteID?, actorID: UserID?
    ) {
        self.userID = userID
        self.kind = kind
        self.conversationID = conversationID
        self.noteID = noteID
        self.actorID = actorID
    }
}

/// Notifications, always read and changed for one user in one workspace.
public protocol InboxNotificationRepository: Sendable {
    /// - Throws: ``DomainError/notFound(_:)`` when a user is not a member of the workspace or the conversation
    ///   is not in it (nothing is stored then).
    @discardableResult
    func create(_ notifications: [NewInboxNotification], in workspace: WorkspaceID) async throws -> [InboxNotification]
    /// Newest first.
    func list(for user: UserID, in workspace: WorkspaceID, unreadOnly: Bool, page: PageRequest) async throws
        -> Page<InboxNotification>
    func unreadCount(for user: UserID, in workspace: WorkspaceID) async throws -> Int
    /// - Throws: ``DomainError/notFound(_:)`` when the notification is not this user's in this workspace.
    func markRead(_ id: InboxNotificationID, for user: UserID, in workspace: WorkspaceID, at: Date) async throws
    /// Returns how many were unread.
    @discardableResult
    func markAllRead(for user: UserID, in workspace: WorkspaceID, at: Date) async throws -> Int
}
