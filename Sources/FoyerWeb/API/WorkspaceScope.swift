import FoyerCore
import Hummingbird

/// The workspace of a request under `/workspaces/{workspaceID}`, and the caller's role in it.
struct WorkspaceScope: Sendable {
    let workspace: Workspace
    let role: Role
}

extension APIController {
    /// Reads `{workspaceID}`, checks the caller is a member (404 otherwise, whether or not the workspace
    /// exists) and that their role allows the route (403 otherwise).
    func workspaceScope(for route: APIRoute, context: APIRequestContext) async throws -> WorkspaceScope {
        let id: WorkspaceID = try pathID("workspaceID", context: context)
        let storage = dependencies.storage
        guard let membership = try await storage.memberships.find(user: context.user.id, in: id),
            let workspace = try await storage.workspaces.find(id)
        else {
            throw APIError.notFound("No workspace with id \(id) is visible to you. List yours at /api/v1/workspaces.")
        }
        let role = membership.role
        switch route.access {
        case .inboxReader where !role.canReadInbox:
            throw APIError.forbidden("Your role (\(role.rawValue)) cannot read the inbox of this workspace. Ask an admin for the analyst role or above.")
        case .settingsManager where !role.canManageSettings:
            throw APIError.forbidden("Only admins and owners can change this workspace's settings; your role is \(role.rawValue).")
        default:
            break
        }
        return WorkspaceScope(workspace: workspace, role: role)
    }

    /// A positive integer id from the path; `invalid_parameter` otherwise.
    func pathID<Entity>(_ name: String, context: APIRequestContext) throws -> Identifier<Entity> {
        guard let raw = context.parameters.get(name), let id = Identifier<Entity>(raw) else {
            throw APIError.invalidParameter(name: name, message: "\"\(name)\" must be a positive whole number (an id).")
        }
        return id
    }
}
