/// A label on conversations and members; unique by name within a workspace.
public struct Tag: Sendable, Equatable, Identifiable {
    public var id: TagID
    public var workspaceID: WorkspaceID
    public var name: String
    /// A CSS hex colour such as `#3366cc`.
    public var color: String

    public init(id: TagID, workspaceID: WorkspaceID, name: String, color: String) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.color = color
    }
}
