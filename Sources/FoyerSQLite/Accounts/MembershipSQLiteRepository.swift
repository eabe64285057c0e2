import Foundation
import FoyerCore
import GRDB

/// Memberships in SQLite. The primary key (workspace_id, user_id) reports duplicates; every change that
/// would leave a workspace without an owner is refused inside the same write transaction.
struct MembershipSQLiteRepository: MembershipRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    static let lastOwnerMessage = "A workspace needs at least one owner. Make someone else an owner first."

    func add(user: UserID, to workspace: WorkspaceID, role: Role) async throws -> Membership {
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "This person is already a member of this workspace.",
            missingReference: "The user or the workspace was not found.", field: "role")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql:
                    "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?) RETURNING *",
                arguments: [workspace.rawValue, user.rawValue, role.rawValue, now])
            guard let row else { throw DomainError.notFound("The user or the workspace was not found.") }
            return try Self.membership(row)
        }
    }

    func find(user: UserID, in workspace: WorkspaceID) async throws -> Membership? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM memberships WHERE workspace_id = ? AND user_id = ?",
                arguments: [workspace.rawValue, user.rawValue]
            ).map(Self.membership)
        }
    }

    func list(in workspace: WorkspaceID) async throws -> [MembershipWithUser] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.workspace_id, m.user_id, m.role, m.created_at AS membership_created_at,
                           u.id, u.email, u.name, u.password_hash, u.preferred_locale, u.created_at
                    FROM memberships m JOIN users u ON u.id = m.user_id
                    WHERE m.workspace_id = ?
                    ORDER BY u.name COLLATE NOCASE, u.id
                    """,
                arguments: [workspace.rawValue])
            return try rows.map { row in
                let membership = Membership(
                    workspaceID: row.id("workspace_id"), userID: row.id("user_id"),
                    role: try row.decode(Role.self, "role"), createdAt: row["membership_created_at"])
                return MembershipWithUser(membership: membership, user: try UserSQLiteRepository.user(row))
            }
        }
    }

    func changeRole(user: UserID, in workspace: WorkspaceID, to role: Role) async throws {
        try await writer.write(mapping: ConstraintMessages(unique: "", field: "role")) { db in
            let current = try Self.role(of: user, in: workspace, db)
            if current == .owner, role != .owner, try Self.ownerCount(in: workspace, db) <= 1 {
                throw DomainError.conflict(Self.lastOwnerMessage)
            }
            try db.execute(
                sql: "UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?",
                arguments: [role.rawValue, workspace.rawValue, user.rawValue])
        }
    }

    func remove(user: UserID, from workspace: WorkspaceID) async throws {
        try await writer.write { db in
            let current = try Self.role(of: user, in: workspace, db)
            if current == .owner, try Self.ownerCount(in: workspace, db) <= 1 {
                throw DomainError.conflict(Self.lastOwnerMessage)
            }
            try db.execute(
                sql: "DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?",
                arguments: [workspace.rawValue, user.rawValue])
        }
    }

    private static func role(of user: UserID, in workspace: WorkspaceID, _ db: Database) throws -> Role {
        let raw = try String.fetchOne(
            db, sql: "SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?",
            arguments: [workspace.rawValue, user.rawValue])
        guard let raw else { throw DomainError.notFound("This person is not a member of this workspace.") }
        guard let role = Role(rawValue: raw) else { throw StoredValueError(column: "role", value: raw) }
        return role
    }

    private static func ownerCount(in workspace: WorkspaceID, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM memberships WHERE workspace_id = ? AND role = 'owner'",
            arguments: [workspace.rawValue]) ?? 0
    }

    static func membership(_ row: Row) throws -> Membership {
        Membership(
            workspaceID: row.id("workspace_id"), userID: row.id("user_id"), role: try row.decode(Role.self, "role"),
            createdAt: row["created_at"])
    }
}
