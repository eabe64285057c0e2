import Foundation
import FoyerCore
import GRDB

/// Polling cursors in SQLite, one row per channel; a `nil` cursor deletes the row.
struct ChannelCursorSQLiteRepository: ChannelCursorRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func cursor(for channel: ChannelID, in workspace: WorkspaceID) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT cursor FROM channel_cursors WHERE channel_id = ? AND workspace_id = ?",
                arguments: [channel.rawValue, workspace.rawValue])
        }
    }

    func setCursor(_ cursor: String?, for channel: ChannelID, in workspace: WorkspaceID) async throws {
        try Self.validate(cursor)
        let now = clock.now()
        let messages = ConstraintMessages(unique: "", missingReference: "Channel not found.", field: "cursor")
        try await writer.write(mapping: messages) { db in
            if let cursor {
                try Self.set(cursor, for: channel, in: workspace, at: now, db)
            } else {
                try db.execute(
                    sql: "DELETE FROM channel_cursors WHERE channel_id = ? AND workspace_id = ?",
                    arguments: [channel.rawValue, workspace.rawValue])
            }
        }
    }

    static func validate(_ cursor: String?) throws {
        guard let cursor else { return }
        guard !cursor.isEmpty, cursor.unicodeScalars.count <= 10_000 else {
            throw DomainError.invalid(field: "cursor", message: "A poll cursor has 1 to 10,000 characters.")
        }
    }

    /// Stores the cursor in the caller's transaction. The `WHERE` keeps a channel of another workspace
    /// from taking over the row (the foreign key refuses a new row for it).
    static func set(_ cursor: String, for channel: ChannelID, in workspace: WorkspaceID, at date: Date, _ db: Database)
        throws
    {
        try db.execute(
            sql: """
                INSERT INTO channel_cursors (channel_id, workspace_id, cursor, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (channel_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
                WHERE channel_cursors.workspace_id = excluded.workspace_id
                """,
            arguments: [channel.rawValue, workspace.rawValue, cursor, date])
    }
}
