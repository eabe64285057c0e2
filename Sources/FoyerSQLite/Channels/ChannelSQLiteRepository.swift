import Foundation
import FoyerCore
import GRDB

/// Channels in SQLite: settings as a JSON object, credentials as the sealed BLOB, health in columns.
struct ChannelSQLiteRepository: ChannelRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(_ channel: NewChannel, in workspace: WorkspaceID) async throws -> Channel {
        let now = clock.now()
        let settings = try JSONText.encode(channel.settings)
        let messages = ConstraintMessages(
            unique: "This channel already exists.", missingReference: "Workspace not found.", field: "name")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO channels (workspace_id, kind, name, settings, sealed_credentials, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, channel.kind.rawValue, channel.name, settings, channel.sealedCredentials, now,
                ])
            guard let row else { throw DomainError.notFound("The channel could not be created.") }
            return try Self.channel(row)
        }
    }

    func find(_ id: ChannelID, in workspace: WorkspaceID) async throws -> Channel? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM channels WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.channel)
        }
    }

    func list(in workspace: WorkspaceID) async throws -> [Channel] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM channels WHERE workspace_id = ? ORDER BY name COLLATE NOCASE, id",
                arguments: [workspace.rawValue]
            ).map(Self.channel)
        }
    }

    func updateHealth(_ id: ChannelID, in workspace: WorkspaceID, health: ChannelHealth) async throws {
        let lastError = health.lastError.map { String($0.prefix(2000)) }
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE channels SET last_success_at = ?, last_error_at = ?, last_error = ?, token_expires_at = ?
                    WHERE id = ? AND workspace_id = ?
                    """,
                arguments: [
                    health.lastSuccessAt, health.lastErrorAt, lastError, health.tokenExpiresAt, id.rawValue,
                    workspace.rawValue,
                ])
            guard db.changesCount > 0 else { throw DomainError.notFound("Channel not found.") }
        }
    }

    static func channel(_ row: Row) throws -> Channel {
        Channel(
            id: row.id("id"), workspaceID: row.id("workspace_id"), kind: try row.decode(ChannelKind.self, "kind"),
            name: row["name"], settings: try row.stringDictionary("settings"),
            sealedCredentials: row["sealed_credentials"],
            health: ChannelHealth(
                lastSuccessAt: row["last_success_at"], lastErrorAt: row["last_error_at"], lastError: row["last_error"],
                tokenExpiresAt: row["token_expires_at"]),
            createdAt: row["created_at"])
    }
}
