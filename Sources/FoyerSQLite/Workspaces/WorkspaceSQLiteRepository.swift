import Foundation
import FoyerCore
import GRDB

/// Workspaces in SQLite. Creation inserts the workspace and its owner's membership in one transaction.
struct WorkspaceSQLiteRepository: WorkspaceRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(_ workspace: NewWorkspace, owner: UserID) async throws -> Workspace {
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "A workspace with this address already exists. Choose another name.",
            missingReference: "The owner was not found.", field: "name")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO workspaces (name, slug, time_zone, default_locale, created_at)
                    VALUES (?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [workspace.name, workspace.slug, workspace.timeZone, workspace.defaultLocale.rawValue, now])
            guard let row else { throw DomainError.notFound("The workspace could not be created.") }
            let created = try Self.workspace(row)
            try db.execute(
                sql: "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)",
                arguments: [created.id.rawValue, owner.rawValue, now])
            return created
        }
    }

    func find(_ id: WorkspaceID) async throws -> Workspace? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM workspaces WHERE id = ?", arguments: [id.rawValue]).map(
                Self.workspace)
        }
    }

    func find(slug: String) async throws -> Workspace? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM workspaces WHERE slug = ?", arguments: [slug]).map(Self.workspace)
        }
    }

    func list(for user: UserID) async throws -> [(workspace: Workspace, role: Role)] {
        let pairs = try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT w.*, m.role FROM workspaces w JOIN memberships m ON m.workspace_id = w.id
                    WHERE m.user_id = ? ORDER BY w.name COLLATE NOCASE, w.id
                    """,
                arguments: [user.rawValue]
            ).map { row in
                WorkspaceWithRole(workspace: try Self.workspace(row), role: try row.decode(Role.self, "role"))
            }
        }
        return pairs.map { ($0.workspace, $0.role) }
    }

    func update(_ id: WorkspaceID, name: String, timeZone: String, defaultLocale: AppLocale) async throws {
        try await writer.write(mapping: ConstraintMessages(unique: "", field: "name")) { db in
            try db.execute(
                sql: "UPDATE workspaces SET name = ?, time_zone = ?, default_locale = ? WHERE id = ?",
                arguments: [name, timeZone, defaultLocale.rawValue, id.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Workspace not found.") }
        }
    }

    func summary(_ id: WorkspaceID, now: Date) async throws -> WorkspaceSummary {
        let weekAgo = now.addingTimeInterval(-7 * 24 * 3600)
        return try await writer.read { db in
            let workspace = id.rawValue
            var summary = WorkspaceSummary()
            summary.channels =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM channels WHERE workspace_id = ?", arguments: [workspace]) ?? 0
            summary.members =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM members WHERE workspace_id = ?", arguments: [workspace]) ?? 0
            summary.messages =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM messages WHERE workspace_id = ?", arguments: [workspace]) ?? 0
            if let week = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS total,
                           coalesce(sum(sentiment = 'negative'), 0) AS negative,
                           coalesce(sum(toxic = 1), 0) AS toxic
                    FROM messages WHERE workspace_id = ? AND sent_at >= ? AND sent_at <= ?
                    """,
                arguments: [workspace, weekAgo, now])
            {
                summary.messagesLast7Days = week["total"]
                summary.negativeLast7Days = week["negative"]
                summary.toxicLast7Days = week["toxic"]
            }
            summary.latestMessageAt = try Date.fetchOne(
                db, sql: "SELECT max(sent_at) FROM messages WHERE workspace_id = ?", arguments: [workspace])
            for row in try Row.fetchAll(
                db, sql: "SELECT status, count(*) AS n FROM conversations WHERE workspace_id = ? GROUP BY status",
                arguments: [workspace])
            {
                summary.conversationsByStatus[try row.decode(ConversationStatus.self, "status")] = row["n"]
            }
            return summary
        }
    }

    static func workspace(_ row: Row) throws -> Workspace {
        Workspace(
            id: row.id("id"), name: row["name"], slug: row["slug"], timeZone: row["time_zone"],
            defaultLocale: try row.decode(AppLocale.self, "default_locale"), createdAt: row["created_at"])
    }
}

/// A Sendable pair to carry out of a database read (tuples of structs are not `Sendable` values here).
private struct WorkspaceWithRole: Sendable {
    var workspace: Workspace
    var role: Role
}
