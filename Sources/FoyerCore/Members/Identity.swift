import Foundation

/// One platform account of a member; unique per workspace, platform and external id.
public struct Identity: Sendable, Equatable, Identifiable {
    public var id: IdentityID
    public var workspaceID: WorkspaceID
    public var memberID: MemberID
    public var platform: ChannelKind
    /// The platform's own id for the account (e.g. `@alice:example.org`).
    public var externalID: String
    public var handle: String
    public var displayName: String?
    public var profileURL: String?
    /// When a moderator banned the account on its platform from Foyer.
    public var bannedAt: Date?
    public var bannedBy: UserID?

    public init(
        id: IdentityID, workspaceID: WorkspaceID, memberID: MemberID, platform: ChannelKind, externalID: String,
        handle: String, displayName: String?, profileURL: String?, bannedAt: Date? = nil, bannedBy: UserID? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.memberID = memberID
        self.platform = platform
        self.externalID = externalID
        self.handle = handle
        self.displayName = displayName
        self.profileURL = profileURL
        self.bannedAt = bannedAt
        self.bannedBy = bannedBy
    }
}

public struct NewIdentity: Sendable, Equatable {
    public var platform: ChannelKind
    public var externalID: String
    public var handle: String
    public var displayName: String?
    public var profileURL: String?

    public init(platform: ChannelKind, externalID: String, handle: String, displayName: String? = nil, profileURL: String? = nil) {
        self.platform = platform
        self.externalID = externalID
        self.handle = handle
        self.displayName = displayName
        self.profileURL = profileURL
    }
}
