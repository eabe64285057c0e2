import Foundation

/// A record of an administrative or moderation action. Append-only.
public struct AuditEvent: Sendable, Equatable, Identifiable {
    public var id: AuditEventID
    public var workspaceID: WorkspaceID?
    public var actorID: UserID?
    /// Dotted verb such as `member.role_changed`, `workspace.updated`, `user.signed_in`.
    public var action: String
    public var targetType: String?
    public var targetID: String?
    public var details: [String: String]
    public var createdAt: Date

    public init(
        id: AuditEventID, workspaceID: WorkspaceID?, actorID: UserID?, action: String, targetType: String?,
        targetID: String?, details: [String: String], createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.actorID = actorID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.details = details
        self.createdAt = createdAt
    }
}

public struct NewAuditEvent: Sendable, Equatable {
    public var workspaceID: WorkspaceID?
    public var actorID: UserID?
    public var action: String
    public var targetType: String?
    public var targetID: String?
    public var details: [String: String]

    public init(
        workspaceID: WorkspaceID?, actorID: UserID?, action: String, targetType: String? = nil,
        targetID: String? = nil, details: [String: String] = [:]
    ) {
        self.workspaceID = workspaceID
        self.actorID = actorID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.details = details
    }
}
