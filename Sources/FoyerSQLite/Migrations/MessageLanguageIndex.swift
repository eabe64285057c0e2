import GRDB

/// Migration `0016_message_language_index`: drops `messages_workspace_language`.
///
/// No query uses it: the message list filters on `language` while it walks `messages_workspace_sent` in date
/// order (SQLite's own choice, checked by `MigrationTests`), and the conversation list reads
/// `conversations.inbound_language`. Every message paid for it on insert: about 7 % of bulk ingest
/// (docs/PERFORMANCE.md).
enum MessageLanguageIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX messages_workspace_language")
    }
}
