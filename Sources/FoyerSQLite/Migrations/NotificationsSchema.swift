import GRDB

/// Migration `0010_notifications`: what a workspace user is told about (an internal note mentioning them).
///
/// A notification references the recipient's membership, so only members of the workspace can be notified and
/// leaving the workspace removes them; it goes with its conversation and its note.
enum NotificationsSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements: [String] = [
        """
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('mention')),
            conversation_id INTEGER NOT NULL,
            note_id INTEGER REFERENCES notes(id) ON DELETE CASCADE,
            actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            read_at TEXT,
            FOREIGN KEY (workspace_id, user_id) REFERENCES memberships(workspace_id, user_id) ON DELETE CASCADE,
            FOREIGN KEY (conversation_id, workspace_id) REFERENCES conversations(id, workspace_id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX notifications_user ON notifications(user_id, workspace_id, created_at DESC, id DESC)",
        "CREATE INDEX notifications_unread ON notifications(user_id, workspace_id) WHERE read_at IS NULL",
        "CREATE INDEX notifications_conversation ON notifications(conversation_id)",
        "CREATE INDEX notifications_note ON notifications(note_id)",
    ]
}
