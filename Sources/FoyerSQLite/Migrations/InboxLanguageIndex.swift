import GRDB

/// Migration `0002_inbox_language_index`: lets the inbox's language filter check each conversation with
/// one index seek (`EXISTS … WHERE conversation_id = ? AND language = ?`).
enum InboxLanguageIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX messages_conversation_language ON messages(conversation_id, language)")
    }
}
