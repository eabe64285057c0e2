import Foundation
import FoyerCore
import GRDB

/// Conversations (the inbox) and their tags in SQLite.
///
/// The composite foreign keys of the schema (`channel_id, workspace_id`) make a conversation on another
/// workspace's channel impossible; reads filter by `workspace_id`.
struct ConversationSQLiteRepository: ConversationRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(_ conversation: NewConversation, in workspace: WorkspaceID) async throws -> Conversation {
        let now = clock.now()
        let closedAt: Date? = conversation.status == .closed ? conversation.startedAt : nil
        let snoozedUntil = conversation.status == .snoozed ? conversation.snoozedUntil : nil
        let messages = ConstraintMessages(
            unique: "This thread already has a conversation on this channel.",
            missingReference: "The channel or the member was not found in this workspace.", field: "subject")
        return try await writer.write(mapping: messages) { db in
            if let assignee = conversation.assigneeID {
                try Self.requireMember(assignee, of: workspace, db)
            }
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO conversations (
                        workspace_id, channel_id, external_thread_id, subject, status, priority, assignee_id, member_id,
                        snoozed_until, first_message_at, last_message_at, closed_at, message_count, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, conversation.channelID.rawValue, conversation.externalThreadID,
                    conversation.subject, conversation.status.rawValue, conversation.priority.rawValue,
                    conversation.assigneeID?.rawValue, conversation.memberID?.rawValue, snoozedUntil,
                    conversation.startedAt, conversation.startedAt, closedAt, now,
                ])
            guard let row else { throw DomainError.notFound("The conversation could not be created.") }
            return try Self.conversation(row, tags: [])
        }
    }

    func find(_ id: ConversationID, in workspace: WorkspaceID) async throws -> Conversation? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM conversations WHERE id = ? AND workspace_id = ?",
                    arguments: [id.rawValue, workspace.rawValue])
            else { return nil }
            let tags = try Self.tags(of: [id.rawValue], db)
            return try Self.conversation(row, tags: tags[id.rawValue] ?? [])
        }
    }

    func find(channel: ChannelID, externalThreadID: String, in workspace: WorkspaceID) async throws -> Conversation? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT * FROM conversations WHERE channel_id = ? AND external_thread_id = ? AND workspace_id = ?",
                    arguments: [channel.rawValue, externalThreadID, workspace.rawValue])
            else { return nil }
            let id: Int64 = row["id"]
            let tags = try Self.tags(of: [id], db)
            return try Self.conversation(row, tags: tags[id] ?? [])
        }
    }

    func updateStatus(
        _ id: ConversationID, in workspace: WorkspaceID, status: ConversationStatus, snoozedUntil: Date?, at: Date
    ) async throws {
        if status == .snoozed, snoozedUntil == nil {
            throw DomainError.invalid(field: "snoozedUntil", message: "Choose until when to snooze the conversation.")
        }
        let until = status == .snoozed ? snoozedUntil : nil
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE conversations SET status = ?, snoozed_until = ?,
                        closed_at = CASE WHEN ? = 'closed' THEN coalesce(closed_at, ?) ELSE NULL END
                    WHERE id = ? AND workspace_id = ?
                    """,
                arguments: [status.rawValue, until, status.rawValue, at, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Conversation not found.") }
        }
    }

    func assign(_ id: ConversationID, in workspace: WorkspaceID, to user: UserID?) async throws {
        try await writer.write { db in
            if let user { try Self.requireMember(user, of: workspace, db) }
            try db.execute(
                sql: "UPDATE conversations SET assignee_id = ? WHERE id = ? AND workspace_id = ?",
                arguments: [user?.rawValue, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Conversation not found.") }
        }
    }

    func addTag(_ name: String, to id: ConversationID, in workspace: WorkspaceID) async throws {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 50 else {
            throw DomainError.invalid(field: "tag", message: "Use a tag name of 1 to 50 characters.")
        }
        let messages = ConstraintMessages(unique: "", missingReference: "Conversation not found.", field: "tag")
        try await writer.write(mapping: messages) { db in
            guard try Self.exists(id, in: workspace, db) else { throw DomainError.notFound("Conversation not found.") }
            let tagID = try TagSQLiteRepository.ensure(name, in: workspace, db)
            try db.execute(
                sql: """
                    INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [workspace.rawValue, id.rawValue, tagID])
        }
    }

    func removeTag(_ name: String, from id: ConversationID, in workspace: WorkspaceID) async throws {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        try await writer.write { db in
            guard try Self.exists(id, in: workspace, db) else { throw DomainError.notFound("Conversation not found.") }
            try db.execute(
                sql: """
                    DELETE FROM conversation_tags WHERE conversation_id = ? AND workspace_id = ?
                    AND tag_id IN (SELECT id FROM tags WHERE workspace_id = ? AND name = ?)
                    """,
                arguments: [id.rawValue, workspace.rawValue, workspace.rawValue, name])
        }
    }

    func count(in workspace: WorkspaceID, status: ConversationStatus?) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM conversations WHERE workspace_id = ? AND (? IS NULL OR status = ?)",
                arguments: [workspace.rawValue, status?.rawValue, status?.rawValue]) ?? 0
        }
    }

    private static func exists(_ id: ConversationID, in workspace: WorkspaceID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM conversations WHERE id = ? AND workspace_id = ?)",
            arguments: [id.rawValue, workspace.rawValue]) ?? false
    }

    /// Refuses an assignee who is not a member of the workspace.
    static func requireMember(_ user: UserID, of workspace: WorkspaceID, _ db: Database) throws {
        let isMember =
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM memberships WHERE workspace_id = ? AND user_id = ?)",
                arguments: [workspace.rawValue, user.rawValue]) ?? false
        guard isMember else {
            throw DomainError.invalid(field: "assignee", message: "Choose someone who is a member of this workspace.")
        }
    }

    /// The tag names of each conversation, sorted.
    static func tags(of ids: [Int64], _ db: Database) throws -> [Int64: [String]] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [String]] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT ct.conversation_id, t.name FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
                WHERE ct.conversation_id IN (SELECT value FROM json_each(?))
                ORDER BY t.name COLLATE NOCASE
                """,
            arguments: [HotText.jsonArray(ids)])
        for row in rows {
            result[row["conversation_id"], default: []].append(row["name"])
        }
        return result
    }

    static func conversation(_ row: Row, tags: [String]) throws -> Conversation {
        var conversation = Conversation(
            id: row.id("id"), workspaceID: row.id("workspace_id"), channelID: row.id("channel_id"),
            externalThreadID: row["external_thread_id"], subject: row["subject"],
            status: try row.decode(ConversationStatus.self, "status"),
            priority: try row.decode(ConversationPriority.self, "priority"), assigneeID: row.optionalID("assignee_id"),
            memberID: row.optionalID("member_id"), snoozedUntil: row["snoozed_until"],
            firstMessageAt: row["first_message_at"], lastMessageAt: row["last_message_at"],
            firstResponseAt: row["first_response_at"], closedAt: row["closed_at"], messageCount: row["message_count"],
            tags: tags)
        conversation.waitingSince = row["waiting_since"]
        conversation.isSpam = row["marked_spam"] ?? false
        return conversation
    }
}
