import Foundation

/// A user's role in one workspace.
public struct Membership: Codable, Sendable, Equatable {
    public var workspaceID: WorkspaceID
    public var userID: UserID
    public var role: Role
    public var createdAt: Date

    public init(workspaceID: WorkspaceID, userID: UserID, role: Role, createdAt: Date) {
        self.workspaceID = workspaceID
        self.userID = userID
        self.role = role
        self.createdAt = createdAt
    }
}

/// A membership with the user it belongs to, for the members page.
public struct MembershipWithUser: Sendable, Equatable {
    public var membership: Membership
    public var user: User

    public init(membership: Membership, user: User) {
        self.membership = membership
        self.user = user
    }
}
