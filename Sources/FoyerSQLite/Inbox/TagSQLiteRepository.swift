import Foundation
import FoyerCore
import GRDB

/// Tags in SQLite: unique per workspace by name, ignoring ASCII case.
struct TagSQLiteRepository: TagRepository {
    let writer: any DatabaseWriter

    /// The colour of tags created on the fly by ``ConversationSQLiteRepository/addTag(_:to:in:)``.
    static let defaultColor = "#6b7280"

    /// The id of the workspace's tag with this name, created (in the default colour) when missing.
    static func ensure(_ name: String, in workspace: WorkspaceID, _ db: Database) throws -> Int64? {
        // The no-op update makes RETURNING give the id of an existing tag too.
        try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO tags (workspace_id, name, color) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id, name) DO UPDATE SET name = tags.name
                RETURNING id
                """,
            arguments: [workspace.rawValue, name, defaultColor])
    }

    func create(name: String, color: String, in workspace: WorkspaceID) async throws -> Tag {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 50 else {
            throw DomainError.invalid(field: "name", message: "Use a tag name of 1 to 50 characters.")
        }
        let messages = ConstraintMessages(
            unique: "A tag with this name already exists.", missingReference: "Workspace not found.", field: "color")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db, sql: "INSERT INTO tags (workspace_id, name, color) VALUES (?, ?, ?) RETURNING *",
                arguments: [workspace.rawValue, name, color.lowercased()])
            guard let row else { throw DomainError.notFound("The tag could not be created.") }
            return Self.tag(row)
        }
    }

    func list(in workspace: WorkspaceID) async throws -> [Tag] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM tags WHERE workspace_id = ? ORDER BY name, id", arguments: [workspace.rawValue]
            ).map(Self.tag)
        }
    }

    static func tag(_ row: Row) -> Tag {
        Tag(id: row.id("id"), workspaceID: row.id("workspace_id"), name: row["name"], color: row["color"])
    }
}
