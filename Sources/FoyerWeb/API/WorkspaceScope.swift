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
            throw APIError.notFound(.noWorkspace(id))
        }
        let role = membership.role
        switch route.access {
        case .inboxReader where !role.canReadInbox:
            throw APIError.forbidden(
                APIText(
                    en:
                        "Your role (\(role.rawValue)) cannot read the inbox of this workspace. Ask an admin for the analyst role or above.",
                    fr:
                        "Votre rôle (\(role.rawValue)) ne permet pas de lire la boîte de réception de cet espace. Demandez à un administrateur le rôle analyst ou supérieur."
                ))
        case .conversationHandler where !role.canHandleConversations:
            throw APIError.forbidden(
                APIText(
                    en:
                        "Your role (\(role.rawValue)) can read conversations but not change them. Ask an admin for the moderator role or above.",
                    fr:
                        "Votre rôle (\(role.rawValue)) permet de lire les conversations, pas de les modifier. Demandez à un administrateur le rôle moderator ou supérieur."
                ))
        case .settingsManager where !role.canManageSettings:
            throw APIError.forbidden(
                APIText(
                    en: "Only admins and owners can change this workspace's settings; your role is \(role.rawValue).",
                    fr:
                        "Seuls les administrateurs et propriétaires peuvent modifier les réglages de cet espace ; votre rôle est \(role.rawValue)."
                ))
        case .contentEditor where !role.canEditContent:
            throw APIError.forbidden(
                APIText(
                    en: "Your role (\(role.rawValue)) cannot change content. Ask an admin for the manager role or above.",
                    fr: "Votre rôle (\(role.rawValue)) ne permet pas de modifier les contenus. Demandez à un administrateur le rôle manager ou supérieur."
                ))
        case .contentReviewer where !role.canApproveContent:
            throw APIError.forbidden(
                APIText(
                    en: "Your role (\(role.rawValue)) cannot review content. Managers, admins, owners and clients can.",
                    fr: "Votre rôle (\(role.rawValue)) ne permet pas de relire les contenus. Les rôles manager, admin, owner et client le peuvent."
                ))
        default:
            break
        }
        return WorkspaceScope(workspace: workspace, role: role)
    }

    /// A positive integer id from the path; `invalid_parameter` otherwise.
    func pathID<Entity>(_ name: String, context: APIRequestContext) throws -> Identifier<Entity> {
        guard let raw = context.parameters.get(name), let id = Identifier<Entity>(raw) else {
            throw APIError.invalidParameter(name: name, message: .mustBeID(name))
        }
        return id
    }
}

extension APIText {
    static func noWorkspace(_ id: WorkspaceID) -> APIText {
        APIText(
            en: "No workspace with id \(id) is visible to you. List yours at /api/v1/workspaces.",
            fr:
                "Aucun espace de travail avec l’identifiant \(id) ne vous est visible. La liste des vôtres est dans /api/v1/workspaces."
        )
    }

    static func mustBeID(_ name: String) -> APIText {
        APIText(
            en: "\"\(name)\" must be a positive whole number (an id).",
            fr: "« \(name) » doit être un nombre entier positif (un identifiant).")
    }
}
