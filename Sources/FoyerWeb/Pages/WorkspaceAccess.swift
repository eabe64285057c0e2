import FoyerCore

/// A signed-in member inside one workspace: loaded before anything else on every workspace route.
struct WorkspaceAccess: Sendable {
    let user: User
    let workspace: Workspace
    let role: Role

    /// Throws ``PageError/forbidden`` unless the role allows it.
    func require(_ allowed: (Role) -> Bool) throws {
        guard allowed(role) else { throw PageError.forbidden }
    }
}
