import Foundation
import FoyerCore
import GRDB

/// Saved inbox views in SQLite; names are unique per workspace, ignoring case.
struct SavedViewSQLiteRepository: SavedViewRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(name: String, filters: [String: String], createdBy: UserID?, in workspace: WorkspaceID) async throws
        -> SavedView
    {
        let name = try Validation.name(name)
        let filters = try JSONText.encode(try SavedView.validatedFilters(filters))
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "A saved view with this name already exists.", missingReference: "Workspace not found.",
            field: "name")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO saved_views (workspace_id, name, filters, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [workspace.rawValue, name, filters, createdBy?.rawValue, now])
            guard let row else { throw DomainError.notFound("The view could not be saved.") }
            return try Self.view(row)
        }
    }

    func find(_ id: SavedViewID, in workspace: WorkspaceID) async throws -> SavedView? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM saved_views WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.view)
        }
    }

    func list(in workspace: WorkspaceID) async throws -> [SavedView] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM saved_views WHERE workspace_id = ? ORDER BY name, id",
                arguments: [workspace.rawValue]
            ).map(Self.view)
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
            createdAt: row["created_at"])
    }
}
