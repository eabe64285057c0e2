import FoyerCore

/// Everything ``Seed/inbox(named:owner:messages:)`` creates: a workspace with one channel, one member,
/// one conversation and its messages.
public struct SeededInbox: Sendable {
    public var workspace: Workspace
    public var owner: User
    public var channel: Channel
    public var member: Member
    public var conversation: Conversation
    public var messages: [Message]

    public var id: WorkspaceID { workspace.id }

    public init(
        workspace: Workspace, owner: User, channel: Channel, member: Member, conversation: Conversation,
        messages: [Message]
    ) {
        self.workspace = workspace
        self.owner = owner
        self.channel = channel
        self.member = member
        self.conversation = conversation
        self.messages = messages
    }
}
