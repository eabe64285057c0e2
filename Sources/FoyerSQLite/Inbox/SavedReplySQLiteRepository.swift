import Foundation
import FoyerCore
import GRDB

/// Saved replies and their versions per language in SQLite; a reply and its versions change together.
struct SavedReplySQLiteRepository: SavedReplyRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    static let messages = ConstraintMessages(
        unique: "A saved reply with this name already exists.", missingReference: "Workspace not found.",
        field: "name")

    func create(_ reply: NewSavedReply, in workspace: WorkspaceID) async throws -> SavedReply {
        let reply = try reply.validated()
        let now = clock.now()
        return try await writer.write(mapping: Self.messages) { db in
            let id = try Int64.fetchOne(
                db,
                sql: """
                    INSERT INTO saved_replies (workspace_id, name, intents, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?) RETURNING id
                    """,
                arguments: [workspace.rawValue, reply.name, StringList.encode(reply.intents), now, now])
            guard let id else { throw DomainError.notFound("The saved reply could not be created.") }
            try Self.insertVersions(reply.versions, of: id, db)
            return try Self.load(SavedReplyID(id), in: workspace, db)
        }
    }

    func update(_ id: SavedReplyID, with reply: NewSavedReply, in workspace: WorkspaceID) async throws -> SavedReply {
        let reply = try reply.validated()
        let now = clock.now()
        return try await writer.write(mapping: Self.messages) { db in
            try db.execute(
                sql: "UPDATE saved_replies SET name = ?, intents = ?, updated_at = ? WHERE id = ? AND workspace_id = ?",
                arguments: [reply.name, StringList.encode(reply.intents), now, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Saved reply not found.") }
            try db.execute(sql: "DELETE FROM saved_reply_versions WHERE saved_reply_id = ?", arguments: [id.rawValue])
            try Self.insertVersions(reply.versions, of: id.rawValue, db)
            return try Self.load(id, in: workspace, db)
        }
    }

    func find(_ id: SavedReplyID, in workspace: WorkspaceID) async throws -> SavedReply? {
        try await writer.read { db in
            do {
                return try Self.load(id, in: workspace, db)
            } catch DomainError.notFound {
                return nil
            }
        }
    }

    func list(in workspace: WorkspaceID) async throws -> [SavedReply] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM saved_replies WHERE workspace_id = ? ORDER BY name, id",
                arguments: [workspace.rawValue])
            let versions = try Self.versions(of: rows.map { $0["id"] }, db)
            return rows.map { Self.reply($0, versions: versions[$0["id"]] ?? []) }
        }
    }

    func delete(_ id: SavedReplyID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM saved_replies WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Saved reply not found.") }
        }
    }

    private static func insertVersions(_ versions: [SavedReplyVersion], of id: Int64, _ db: Database) throws {
        for version in versions {
            try db.execute(
                sql: "INSERT INTO saved_reply_versions (saved_reply_id, language, body) VALUES (?, ?, ?)",
                arguments: [id, version.language, version.body])
        }
    }

    private static func load(_ id: SavedReplyID, in workspace: WorkspaceID, _ db: Database) throws -> SavedReply {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM saved_replies WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue])
        else { throw DomainError.notFound("Saved reply not found.") }
        return reply(row, versions: try versions(of: [id.rawValue], db)[id.rawValue] ?? [])
    }

    private static func versions(of ids: [Int64], _ db: Database) throws -> [Int64: [SavedReplyVersion]] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [SavedReplyVersion]] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM saved_reply_versions WHERE saved_reply_id IN (SELECT value FROM json_each(?))
                ORDER BY language
                """,
            arguments: [HotText.jsonArray(ids)])
        for row in rows {
            result[row["saved_reply_id"], default: []].append(
                SavedReplyVersion(language: row["language"], body: row["body"]))
        }
        return result
    }

    private static func reply(_ row: Row, versions: [SavedReplyVersion]) -> SavedReply {
        SavedReply(
            id: row.id("id"), workspaceID: row.id("workspace_id"), name: row["name"],
            intents: StringList.decode(row["intents"]), versions: versions, createdAt: row["created_at"],
            updatedAt: row["updated_at"])
    }
}
