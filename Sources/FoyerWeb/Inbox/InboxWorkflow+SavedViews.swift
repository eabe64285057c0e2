import Foundation
import FoyerCore

/// Saved views: private to their owner or shared with the workspace, the same rules for pages and the API.
/// Another user's private view answers "not found", never "forbidden": its existence is not disclosed.
extension InboxWorkflow {
    func createView(
        name: String, filters: [String: String], visibility: SavedViewVisibility, in workspace: WorkspaceID,
        by user: User
    ) async throws -> SavedView {
        try await storage.savedViews.create(
            name: name, filters: filters, createdBy: user.id, owner: visibility == .private ? user.id : nil,
            in: workspace)
    }

    /// The view if `user` may see it.
    func view(_ id: SavedViewID, in workspace: WorkspaceID, for user: User) async throws -> SavedView {
        guard let view = try await storage.savedViews.find(id, in: workspace, visibleTo: user.id) else {
            throw DomainError.notFound("Saved view not found.")
        }
        return view
    }

    /// Renames, refilters or re-shares a view (absent values stay). A shared view becomes private to the person
    /// who created it, and only at their request.
    func updateView(
        _ id: SavedViewID, name: String?, filters: [String: String]?, visibility: SavedViewVisibility?,
        in workspace: WorkspaceID, by user: User, role: Role
    ) async throws -> SavedView {
        let current = try await changeableView(id, in: workspace, by: user, role: role)
        var owner = current.ownerID
        switch visibility {
        case .shared?: owner = nil
        case .private? where current.ownerID == nil:
            guard current.createdBy == user.id else {
                throw DomainError.forbidden("Only the person who created a shared view can make it private.")
            }
            owner = user.id
        case .private?, nil: break
        }
        return try await storage.savedViews.update(
            id, name: name ?? current.name, filters: filters ?? current.filters, owner: owner, in: workspace)
    }

    func deleteView(_ id: SavedViewID, in workspace: WorkspaceID, by user: User, role: Role) async throws {
        _ = try await changeableView(id, in: workspace, by: user, role: role)
        try await storage.savedViews.delete(id, in: workspace)
    }

    private func changeableView(_ id: SavedViewID, in workspace: WorkspaceID, by user: User, role: Role)
        async throws -> SavedView
    {
        let view = try await view(id, in: workspace, for: user)
        guard view.canChange(by: user.id, role: role) else {
            throw DomainError.forbidden("Only the person who created this view, or an admin, can change it.")
        }
        return view
    }
}
