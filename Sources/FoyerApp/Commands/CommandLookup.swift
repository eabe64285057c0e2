import Foundation
import FoyerCore

/// Finds the users, workspaces and roles named on the command line, with errors that name the flag.
enum CommandLookup {
    static func user(email raw: String, flag: String, in storage: Storage) async throws -> User {
        let email: String
        do {
            email = try Validation.email(raw)
        } catch DomainError.invalid(_, let message) {
            throw CommandFailure("\(flag): \(message)")
        }
        guard let user = try await storage.users.find(email: email) else {
            throw CommandFailure("\(flag): no user has the email \(email). Create one with `foyer user add`.")
        }
        return user
    }

    /// A workspace by slug or by numeric id.
    static func workspace(_ raw: String, in storage: Storage) async throws -> Workspace {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if let id = WorkspaceID(value), let workspace = try await storage.workspaces.find(id) { return workspace }
        if let workspace = try await storage.workspaces.find(slug: value.lowercased()) { return workspace }
        throw CommandFailure("--workspace: no workspace has the slug or id \"\(value)\".")
    }

    static func role(_ raw: String) throws -> Role {
        guard let role = Role(rawValue: raw.lowercased()) else {
            let names = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure("--role: \"\(raw)\" is not a role (\(names))")
        }
        return role
    }
}
