import Foundation
import FoyerCore
import GRDB

/// The inbox settings of each workspace in SQLite: one row per workspace, absent until first saved.
struct InboxSettingsSQLiteRepository: InboxSettingsRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func find(in workspace: WorkspaceID) async throws -> InboxSettings {
        try await writer.read { db in try Self.settings(of: workspace, db) }
    }

    func save(_ settings: InboxSettings, in workspace: WorkspaceID) async throws {
        let settings = try settings.validated()
        let hours = String(decoding: try JSONEncoder().encode(settings.businessHours.periods), as: UTF8.self)
        let now = clock.now()
        let messages = ConstraintMessages(unique: "", missingReference: "Workspace not found.", field: "settings")
        try await writer.write(mapping: messages) { db in
            try db.execute(
                sql: """
                    INSERT INTO inbox_settings (workspace_id, first_response_minutes, business_hours, updated_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (workspace_id) DO UPDATE SET first_response_minutes = excluded.first_response_minutes,
                        business_hours = excluded.business_hours, updated_at = excluded.updated_at
                    """,
                arguments: [workspace.rawValue, settings.firstResponseMinutes, hours, now])
        }
    }

    /// The settings inside a transaction; the defaults when none are stored.
    static func settings(of workspace: WorkspaceID, _ db: Database) throws -> InboxSettings {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM inbox_settings WHERE workspace_id = ?", arguments: [workspace.rawValue])
        else { return InboxSettings() }
        let text: String = row["business_hours"] ?? "[]"
        let periods = try JSONDecoder().decode([BusinessHours.Period].self, from: Data(text.utf8))
        return InboxSettings(
            firstResponseMinutes: row["first_response_minutes"], businessHours: BusinessHours(periods: periods))
    }
}
