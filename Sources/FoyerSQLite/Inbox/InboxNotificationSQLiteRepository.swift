import Foundation
import FoyerCore
import GRDB

/// Notifications in SQLite. Every statement is scoped by recipient and workspace.
struct InboxNotificationSQLiteRepository: InboxNotificationRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(_ notifications: [NewInboxNotification], in workspace: WorkspaceID) async throws
        -> [InboxNotification]
    {
        guard !notifications.isEmpty else { return [] }
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "This notification already exists.",
            missingReference: "Only members of this workspace can be notified, about its own conversations.",
            field: "user")
        return try await writer.write(mapping: messages) { db in
            try notifications.map { notification in
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        INSERT INTO notifications (workspace_id, user_id, kind, conversation_id, note_id, actor_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
                        """,
                    arguments: [
                        workspace.rawValue, notification.userID.rawValue, notification.kind.rawValue,
                        notification.conversationID.rawValue, notification.noteID?.rawValue,
                        notification.actorID?.rawValue, now,
                    ])
                guard let row else { throw DomainError.notFound("The notification could not be stored.") }
                return try Self.notification(row)
            }
        }
    }

    func list(for user: UserID, in workspace: WorkspaceID, unreadOnly: Bool, page: PageRequest) async throws
        -> Page<InboxNotification>
    {
        let cursor = try KeysetCursor.decode(page.cursor)
        var sql = "SELECT * FROM notifications WHERE user_id = ? AND workspace_id = ?"
        var arguments: StatementArguments = [user.rawValue, workspace.rawValue]
        if unreadOnly { sql += " AND read_at IS NULL" }
        if let cursor {
            sql += " AND (created_at, id) < (?, ?)"
            arguments += [cursor.key, cursor.id]
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        arguments += [page.limit + 1]
        return try await writer.read { [sql, arguments] db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return Page(
                items: try rows.prefix(page.limit).map(Self.notification),
                next: KeysetCursor.next(after: rows, limit: page.limit, column: "created_at"))
        }
    }

    func unreadCount(for user: UserID, in workspace: WorkspaceID) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM notifications WHERE user_id = ? AND workspace_id = ? AND read_at IS NULL",
                arguments: [user.rawValue, workspace.rawValue]) ?? 0
        }
    }

    func markRead(_ id: InboxNotificationID, for user: UserID, in workspace: WorkspaceID, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE notifications SET read_at = coalesce(read_at, ?)
                    WHERE id = ? AND user_id = ? AND workspace_id = ?
                    """,
                arguments: [at, id.rawValue, user.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Notification not found.") }
        }
    }

    func markAllRead(for user: UserID, in workspace: WorkspaceID, at: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE notifications SET read_at = ? WHERE user_id = ? AND workspace_id = ? AND read_at IS NULL",
                arguments: [at, user.rawValue, workspace.rawValue])
            return db.changesCount
        }
    }

    static func notification(_ row: Row) throws -> InboxNotification {
        InboxNotification(
            id: row.id("id"), workspaceID: row.id("workspace_id"), userID: row.id("user_id"),
            kind: try row.decode(InboxNotification.Kind.self, "kind"), conversationID: row.id("conversation_id"),
            noteID: row.optionalID("note_id"), actorID: row.optionalID("actor_id"), createdAt: row["created_at"],
            readAt: row["read_at"])
    }
}
