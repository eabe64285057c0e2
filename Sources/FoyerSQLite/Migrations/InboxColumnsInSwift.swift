import GRDB

/// Migration `0013_inbox_columns_in_swift`: drops the insert triggers on `messages`.
///
/// Both writers of messages, the ingest store and the message repository, now write the full-text rows and the
/// inbox columns of `conversations` themselves, with ``ConversationInboxColumns`` (what the triggers of
/// `0004_inbox_workflow` did, statement for statement). A trigger cost every inserted row a call into a
/// sub-program even when its `WHEN` clause left it idle: about 10 % of bulk ingest (docs/PERFORMANCE.md).
/// The update and delete triggers of the full-text index stay.
enum InboxColumnsInSwift {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements: [String] = [
        "DROP TRIGGER conversations_track_inbound",
        "DROP TRIGGER conversations_track_outbound",
        "DROP TRIGGER messages_fts_insert",
        "DROP TABLE ingest_batch_writing",
    ]
}
