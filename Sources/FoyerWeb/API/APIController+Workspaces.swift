import Foundation
import FoyerCore
import Hummingbird
import Logging

extension APIController {
    func listWorkspaces(query: APIQuery, request: Request, context: APIRequestContext) async throws -> Response {
        let page = try query.page()
        let workspaces = try await dependencies.storage.workspaces.list(for: context.user.id)
            .map { APIWorkspace($0.workspace, role: $0.role) }
        return try APIOffsetCursor.page(of: workspaces, request: page).response(from: request, context: context)
    }

    func listChannels(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let page = try query.page()
        let channels = try await dependencies.storage.channels.list(in: scope.workspace.id).map(APIChannel.init)
        return try APIOffsetCursor.page(of: channels, request: page).response(from: request, context: context)
    }

    /// Applies the given fields after validating all of them: one bad field changes nothing.
    func updateWorkspace(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response {
        let update = try await APIBody.decode(APIWorkspaceUpdate.self, from: request, context: context)
        guard update.name != nil || update.timeZone != nil || update.defaultLocale != nil else {
            throw APIError.invalidBody(
                APIText(
                    en: "Send at least one of: name, timeZone, defaultLocale.",
                    fr: "Envoyez au moins un de ces champs : name, timeZone, defaultLocale."))
        }
        let current = scope.workspace
        let name = try update.name.map { try Validation.name($0, field: "name") } ?? current.name
        let timeZone = try update.timeZone.map { try Validation.timeZone($0, field: "timeZone") } ?? current.timeZone
        var locale = current.defaultLocale
        if let raw = update.defaultLocale {
            guard let value = AppLocale(rawValue: raw) else {
                let allowed = AppLocale.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidField(
                    field: "defaultLocale",
                    message: APIText(en: "Choose one of: \(allowed).", fr: "Choisissez parmi : \(allowed)."))
            }
            locale = value
        }

        var changes: [String: String] = [:]
        if name != current.name { changes["name"] = name }
        if timeZone != current.timeZone { changes["timeZone"] = timeZone }
        if locale != current.defaultLocale { changes["defaultLocale"] = locale.rawValue }

        let storage = dependencies.storage
        if !changes.isEmpty {
            try await storage.workspaces.update(current.id, name: name, timeZone: timeZone, defaultLocale: locale)
            try await storage.audit.record(
                NewAuditEvent(
                    workspaceID: current.id, actorID: context.user.id, action: "workspace.updated",
                    targetType: "workspace", targetID: current.id.description,
                    details: changes.merging(["via": "api"]) { value, _ in value }))
            context.logger.info(
                "Workspace updated", metadata: ["workspace": "\(current.id)", "fields": "\(changes.keys.sorted())"])
        }
        guard let updated = try await storage.workspaces.find(current.id) else {
            throw APIError.notFound(.noWorkspace(current.id))
        }
        return try APIWorkspace(updated, role: scope.role).response(from: request, context: context)
    }
}
