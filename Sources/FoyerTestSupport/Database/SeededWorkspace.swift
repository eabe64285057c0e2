import FoyerCore

/// A workspace created by ``Seed/workspace(named:owner:timeZone:locale:)`` and its owner.
public struct SeededWorkspace: Sendable {
    public var workspace: Workspace
    public var owner: User

    public var id: WorkspaceID { workspace.id }

    public init(workspace: Workspace, owner: User) {
        self.workspace = workspace
        self.owner = owner
    }
}
