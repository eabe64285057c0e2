import Foundation

/// Users. Emails are unique (case-insensitive: they are stored lower-cased).
public protocol UserRepository: Sendable {
    /// - Throws: ``DomainError/conflict(_:)`` when the email is taken.
    func create(email: String, name: String, passwordHash: String, preferredLocale: AppLocale?) async throws -> User
    func find(_ id: UserID) async throws -> User?
    func find(email: String) async throws -> User?
    func updatePasswordHash(_ id: UserID, passwordHash: String) async throws
    func updateProfile(_ id: UserID, name: String, preferredLocale: AppLocale?) async throws
    func count() async throws -> Int
}

/// Who belongs to which workspace, with which role.
public protocol MembershipRepository: Sendable {
    /// - Throws: ``DomainError/conflict(_:)`` when the user is already a member.
    func add(user: UserID, to workspace: WorkspaceID, role: Role) async throws -> Membership
    func find(user: UserID, in workspace: WorkspaceID) async throws -> Membership?
    func list(in workspace: WorkspaceID) async throws -> [MembershipWithUser]
    func changeRole(user: UserID, in workspace: WorkspaceID, to role: Role) async throws
    /// Refuses (``DomainError/conflict(_:)``) to remove or demote the last owner.
    func remove(user: UserID, from workspace: WorkspaceID) async throws
}

/// Server-side browser sessions.
public protocol SessionRepository: Sendable {
    func create(_ session: Session) async throws
    /// The session with this token hash if it has not expired at `now`.
    func find(tokenHash: String, now: Date) async throws -> Session?
    func delete(tokenHash: String) async throws
    /// Signs a user out everywhere (after a password change), except the given session.
    func deleteAll(for user: UserID, except tokenHash: String?) async throws
    func deleteExpired(now: Date) async throws -> Int
}

/// Invitations by single-use, expiring links.
public protocol InvitationRepository: Sendable {
    func create(workspace: WorkspaceID, email: String, role: Role, tokenHash: String, invitedBy: UserID, expiresAt: Date) async throws -> Invitation
    /// An invitation that is not accepted, whatever its expiry (the caller tells "expired" apart).
    func findPending(tokenHash: String) async throws -> Invitation?
    func listPending(in workspace: WorkspaceID, now: Date) async throws -> [Invitation]
    /// Marks it accepted exactly once: a second call throws ``DomainError/notFound(_:)``.
    func markAccepted(_ id: InvitationID, at: Date) async throws
    func revoke(_ id: InvitationID, in workspace: WorkspaceID) async throws
}

/// Personal API tokens.
public protocol APITokenRepository: Sendable {
    func create(user: UserID, name: String, tokenHash: String, prefix: String) async throws -> APIToken
    /// A token that is not revoked.
    func findActive(tokenHash: String) async throws -> APIToken?
    func list(for user: UserID) async throws -> [APIToken]
    func touch(_ id: APITokenID, at: Date) async throws
    func revoke(_ id: APITokenID, for user: UserID, at: Date) async throws
}
