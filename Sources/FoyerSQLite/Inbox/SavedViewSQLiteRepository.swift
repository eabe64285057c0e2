import Foundation
import FoyerCore
import GRDB

/// Saved inbox views in SQLite; shared names are unique per workspace and private ones per owner, ignoring
/// case. Reads filter on the owner in SQL, so another user's private view never leaves the database.
struct SavedViewSQLiteRepository: SavedViewRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    private static let constraintMessages = ConstraintMessages(
        unique: "A saved view with this name already exists.", missingReference: "Workspace not found.",
        field: "name")

    func create(
        name: String, filters: [String: String], createdBy: UserID?, owner: UserID?, in workspace: WorkspaceID
    ) async throws -> SavedView {
        let name = try Validation.name(name)
        let filters = try JSONText.encode(try SavedView.validatedFilters(filters))
        let now = clock.now()
        return try await writer.write(mapping: Self.constraintMessages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO saved_views (workspace_id, name, filters, created_by, owner_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [workspace.rawValue, name, filters, createdBy?.rawValue, owner?.rawValue, now])
            guard let row else { throw DomainError.notFound("The view could not be saved.") }
            return try Self.view(row)
        }
    }

    func find(_ id: SavedViewID, in workspace: WorkspaceID, visibleTo user: UserID) async throws -> SavedView? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM saved_views WHERE id = ? AND workspace_id = ? AND (owner_id IS NULL OR owner_id = ?)
                    """,
                arguments: [id.rawValue, workspace.rawValue, user.rawValue]
            ).map(Self.view)
        }
    }

    func list(in workspace: WorkspaceID, visibleTo user: UserID) async throws -> [SavedView] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM saved_views WHERE workspace_id = ? AND (owner_id IS NULL OR owner_id = ?)
                    ORDER BY name, id
                    """,
                arguments: [workspace.rawValue, user.rawValue]
            ).map(Self.view)
        }
    }

    func update(
        _ id: SavedViewID, name: String, filters: [String: String], owner: UserID?, in workspace: WorkspaceID
    ) async throws -> SavedView {
        let name = try Validation.name(name)
        let filters = try JSONText.encode(try SavedView.validatedFilters(filters))
        return try await writer.write(mapping: Self.constraintMessages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    UPDATE saved_views SET name = ?, filters = ?, owner_id = ? WHERE id = ? AND workspace_id = ?
                    RETURNING *
                    """,
                arguments: [name, filters, owner?.rawValue, id.rawValue, workspace.rawValue])
            guard let row else { throw DomainError.notFound("Saved view not found.") }
            return try Self.view(row)
        }
    }

    func delete(_ id: SavedViewID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM saved_views WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Saved view not found.") }
        }
    }

    static func view(_ row: Row) throws -> SavedView {
        SavedView(
            id: row.id("id"), workspaceID: row.id("workspace_id"), name: row["name"],
            filters: try row.stringDictionary("filters"), createdBy: row.optionalID("created_by"),
            ownerID: row.optionalID("owner_id"), createdAt: row["created_at"])
    }
}
