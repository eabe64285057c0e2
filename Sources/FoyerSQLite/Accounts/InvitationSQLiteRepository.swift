import Foundation
import FoyerCore
import GRDB

/// Invitations in SQLite. Acceptance is a conditional update, so a link works exactly once even when two
/// requests race.
struct InvitationSQLiteRepository: InvitationRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(
        workspace: WorkspaceID, email: String, role: Role, tokenHash: String, invitedBy: UserID, expiresAt: Date
    ) async throws -> Invitation {
        let now = clock.now()
        let email = email.lowercased()
        let messages = ConstraintMessages(
            unique: "This invitation link already exists.",
            missingReference: "The workspace or the user was not found.",
            field: "email")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [workspace.rawValue, email, role.rawValue, tokenHash, invitedBy.rawValue, now, expiresAt])
            guard let row else { throw DomainError.notFound("The invitation could not be created.") }
            return try Self.invitation(row)
        }
    }

    func findPending(tokenHash: String) async throws -> Invitation? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM invitations WHERE token_hash = ? AND accepted_at IS NULL",
                arguments: [tokenHash]
            ).map(Self.invitation)
        }
    }

    func listPending(in workspace: WorkspaceID, now: Date) async throws -> [Invitation] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM invitations
                    WHERE workspace_id = ? AND accepted_at IS NULL AND expires_at > ?
                    ORDER BY created_at DESC, id DESC
                    """,
                arguments: [workspace.rawValue, now]
            ).map(Self.invitation)
        }
    }

    func markAccepted(_ id: InvitationID, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL",
                arguments: [at, id.rawValue])
            guard db.changesCount > 0 else {
                throw DomainError.notFound("This invitation has already been used or no longer exists.")
            }
        }
    }

    func revoke(_ id: InvitationID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM invitations WHERE id = ? AND workspace_id = ? AND accepted_at IS NULL",
                arguments: [id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Invitation not found.") }
        }
    }

    static func invitation(_ row: Row) throws -> Invitation {
        Invitation(
            id: row.id("id"), workspaceID: row.id("workspace_id"), email: row["email"],
            role: try row.decode(Role.self, "role"), tokenHash: row["token_hash"], invitedBy: row.id("invited_by"),
            createdAt: row["created_at"], expiresAt: row["expires_at"], acceptedAt: row["accepted_at"])
    }
}
