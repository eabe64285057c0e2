/// A user's role in one workspace, from the most to the least powerful.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case owner, admin, manager, moderator, analyst, client

    /// Lower is more powerful.
    public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank > rhs.rank }

    /// Invite people, change roles, remove members.
    public var canManageMembers: Bool { self >= .admin }
    /// Change the workspace's name, time zone, locale and channels.
    public var canManageSettings: Bool { self >= .admin }
    /// Answer, assign, tag and close conversations.
    public var canHandleConversations: Bool { self >= .moderator }
    /// Write content, schedule and cancel posts.
    public var canEditContent: Bool { self >= .manager }
    /// Approve content or ask for changes: the team's editors, and clients.
    public var canApproveContent: Bool { canEditContent || self == .client }
    /// Read messages, conversations and members.
    public var canReadInbox: Bool { self >= .analyst }

    /// Whether a user with this role may give `other` to someone (never a role above one's own).
    public func canAssign(_ other: Role) -> Bool { canManageMembers && other <= self }
}
