import Foundation

/// An internal note on a conversation or a member; never sent to the platform.
public struct Note: Sendable, Equatable, Identifiable {
    public var id: NoteID
    public var workspaceID: WorkspaceID
    public var conversationID: ConversationID?
    public var memberID: MemberID?
    public var authorID: UserID
    public var body: String
    public var createdAt: Date

    public init(
        id: NoteID, workspaceID: WorkspaceID, conversationID: ConversationID?, memberID: MemberID?, authorID: UserID,
        body: String, createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.conversationID = conversationID
        self.memberID = memberID
        self.authorID = authorID
        self.body = body
        self.createdAt = createdAt
    }
}
