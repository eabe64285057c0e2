import Foundation
import FoyerCore
import GRDB

/// The audit log in SQLite. Append-only: there is no update or delete.
struct AuditSQLiteRepository: AuditRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    @discardableResult
    func record(_ event: NewAuditEvent) async throws -> AuditEvent {
        let now = clock.now()
        let details = try JSONText.encode(event.details)
        let messages = ConstraintMessages(
            unique: "", missingReference: "The workspace or the actor was not found.", field: "action")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO audit_events (workspace_id, actor_id, action, target_type, target_id, details, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    event.workspaceID?.rawValue, event.actorID?.rawValue, event.action, event.targetType,
                    event.targetID, details, now,
                ])
            guard let row else { throw DomainError.notFound("The audit event could not be recorded.") }
            return try Self.event(row)
        }
    }

    func list(in workspace: WorkspaceID, page: PageRequest) async throws -> Page<AuditEvent> {
        let cursor = try KeysetCursor.decode(page.cursor)
        var sql = "SELECT * FROM audit_events WHERE workspace_id = ?"
        var arguments: StatementArguments = [workspace.rawValue]
        if let cursor {
            sql += " AND (created_at, id) < (?, ?)"
            arguments += [cursor.key, cursor.id]
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        arguments += [page.limit + 1]
        return try await writer.read { [sql, arguments] db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let items = try rows.prefix(page.limit).map(Self.event)
            return Page(items: items, next: KeysetCursor.next(after: rows, limit: page.limit, column: "created_at"))
        }
    }

    static func event(_ row: Row) throws -> AuditEvent {
        AuditEvent(
            id: row.id("id"), workspaceID: row.optionalID("workspace_id"), actorID: row.optionalID("actor_id"),
            action: row["action"], targetType: row["target_type"], targetID: row["target_id"],
            details: try row.stringDictionary("details"), createdAt: row["created_at"])
    }
}
