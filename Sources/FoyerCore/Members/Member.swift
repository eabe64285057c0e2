import Foundation

/// A person in the community, with one ``Identity`` per platform account.
public struct Member: Sendable, Equatable, Identifiable {
    public var id: MemberID
    public var workspaceID: WorkspaceID
    public var displayName: String
    public var memberType: MemberType
    /// Engagement score, 0…100, computed from activity.
    public var score: Double
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    public var createdAt: Date

    public init(
        id: MemberID, workspaceID: WorkspaceID, displayName: String, memberType: MemberType, score: Double,
        firstSeenAt: Date, lastSeenAt: Date, createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.displayName = displayName
        self.memberType = memberType
        self.score = score
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.createdAt = createdAt
    }
}

public enum MemberType: String, Codable, Sendable, CaseIterable {
    case customer, employee, partner, other
}

public struct NewMember: Sendable, Equatable {
    public var displayName: String
    public var memberType: MemberType
    public var score: Double
    public var firstSeenAt: Date
    public var lastSeenAt: Date

    public init(displayName: String, memberType: MemberType = .other, score: Double = 0, firstSeenAt: Date, lastSeenAt: Date) {
        self.displayName = displayName
        self.memberType = memberType
        self.score = score
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}
