import Foundation

/// An invitation to join a workspace with a role, by a single-use link that expires.
public struct Invitation: Sendable, Equatable, Identifiable {
    public var id: InvitationID
    public var workspaceID: WorkspaceID
    public var email: String
    public var role: Role
    /// Hex SHA-256 of the token in the link.
    public var tokenHash: String
    public var invitedBy: UserID
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?

    public init(
        id: InvitationID, workspaceID: WorkspaceID, email: String, role: Role, tokenHash: String,
        invitedBy: UserID, createdAt: Date, expiresAt: Date, acceptedAt: Date?
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
    }
}
