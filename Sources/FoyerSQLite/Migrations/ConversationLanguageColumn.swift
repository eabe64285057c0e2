import GRDB

/// Migration `0015_conversation_language_column`: drops `messages_conversation_language`.
///
/// The inbox's language filter now reads `conversations.inbound_language` (the language the member last
/// wrote in, kept with the other inbox columns), as the sentiment and intent filters do, instead of looking
/// for any message of the conversation in that language. The index only served that lookup, and every
/// message paid for it on insert (bulk ingest, docs/PERFORMANCE.md).
enum ConversationLanguageColumn {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX messages_conversation_language")
    }
}
