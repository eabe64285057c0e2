import Foundation
import FoyerCore
import GRDB

/// Internal notes in SQLite. Composite foreign keys keep a note's conversation and member in its workspace.
struct NoteSQLiteRepository: NoteRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func add(
        body: String, author: UserID, conversation: ConversationID?, member: MemberID?, in workspace: WorkspaceID
    ) async throws -> Note {
        guard conversation != nil || member != nil else {
            throw DomainError.invalid(field: "note", message: "A note belongs to a conversation or a member.")
        }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalid(field: "body", message: "Write the note first.") }
        guard trimmed.count <= Validation.maxTextLength else {
            throw DomainError.invalid(field: "body", message: "Use at most \(Validation.maxTextLength) characters.")
        }
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "", missingReference: "The conversation or the member was not found in this workspace.",
            field: "body")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO notes (workspace_id, conversation_id, member_id, author_id, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, conversation?.rawValue, member?.rawValue, author.rawValue, trimmed, now,
                ])
            guard let row else { throw DomainError.notFound("The note could not be created.") }
            return Self.note(row)
        }
    }

    func list(conversation: ConversationID, in workspace: WorkspaceID) async throws -> [Note] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM notes WHERE conversation_id = ? AND workspace_id = ? ORDER BY created_at, id",
                arguments: [conversation.rawValue, workspace.rawValue]
            ).map(Self.note)
        }
    }

    func list(member: MemberID, in workspace: WorkspaceID) async throws -> [Note] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM notes WHERE member_id = ? AND workspace_id = ? ORDER BY created_at, id",
                arguments: [member.rawValue, workspace.rawValue]
            ).map(Self.note)
        }
    }

    static func note(_ row: Row) -> Note {
        Note(
            id: row.id("id"), workspaceID: row.id("workspace_id"), conversationID: row.optionalID("conversation_id"),
            memberID: row.optionalID("member_id"), authorID: row.id("author_id"), body: row["body"],
            createdAt: row["created_at"])
    }
}
