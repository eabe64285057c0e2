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
        if let token = channel.webhookToken, !(16...128).contains(token.count) {
            throw DomainError.invalid(field: "webhookToken", message: "Use a webhook token of 16 to 128 characters.")
        }
        let messages = ConstraintMessages(
            unique: "This channel already exists.", missingReference: "Workspace not found.", field: "name")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO channels (
                        workspace_id, kind, name, settings, sealed_credentials, webhook_token, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, channel.kind.rawValue, channel.name, settings, channel.sealedCredentials,
                    channel.webhookToken, now,
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

    func find(webhookToken: String) async throws -> Channel? {
        // Tokens are 16 to 128 characters; anything else cannot match, so it costs no query.
        guard (16...128).contains(webhookToken.count) else { return nil }
        return try await writer.read { db in
            // Asked by webhook deliveries whose channel is not in the cache in front of this repository
            // (CachingChannelRepository): the statement is prepared once per connection.
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM channels WHERE webhook_token = ?"), arguments: [webhookToken]
            ).map(Self.channel)
        }
    }

    func find(_ id: ChannelID) async throws -> Channel? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM channels WHERE id = ?", arguments: [id.rawValue]).map(Self.channel)
        }
    }

    func listAll() async throws -> [Channel] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM channels ORDER BY id").map(Self.channel)
        }
    }

    func updateSettings(
        _ id: ChannelID, in workspace: WorkspaceID, name: String, settings: [String: String], sealedCredentials: Data?
    ) async throws {
        let settings = try JSONText.encode(settings)
        let messages = ConstraintMessages(unique: "This channel already exists.", field: "name")
        try await writer.write(mapping: messages) { db in
            try db.execute(
                sql: """
                    UPDATE channels SET name = ?, settings = ?, sealed_credentials = coalesce(?, sealed_credentials)
                    WHERE id = ? AND workspace_id = ?
                    """,
                arguments: [name, settings, sealedCredentials, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Channel not found.") }
        }
    }

    func delete(_ id: ChannelID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM channels WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue])
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
            createdAt: row["created_at"], webhookToken: row["webhook_token"])
    }
}
