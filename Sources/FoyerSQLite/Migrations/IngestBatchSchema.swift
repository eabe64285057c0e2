import GRDB

/// Migration `0012_ingest_batch`: lets the ingest store write, once per batch, what the row triggers on
/// `messages` otherwise write once per message (the inbox columns of `conversations`, the full-text index).
///
/// While a row is in `ingest_batch_writing`, the triggers `conversations_track_inbound`,
/// `conversations_track_outbound` and `messages_fts_insert` do nothing: the ingest store inserts that row at
/// the start of a batch and deletes it before its transaction commits, and writes those columns and the
/// index rows itself in between (see `IngestSQLiteStore`). No other transaction can see the row (it never
/// commits), so every other writer keeps the triggers exactly as before. The triggers are otherwise those
/// of `0001_initial` and `0004_inbox_workflow`; update and delete triggers are unchanged.
enum IngestBatchSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements: [String] = [
        "CREATE TABLE ingest_batch_writing (id INTEGER PRIMARY KEY CHECK (id = 1))",
        "DROP TRIGGER conversations_track_inbound",
        "DROP TRIGGER conversations_track_outbound",
        "DROP TRIGGER messages_fts_insert",
        """
        CREATE TRIGGER conversations_track_inbound AFTER INSERT ON messages
        WHEN new.direction = 'inbound' AND NOT EXISTS (SELECT 1 FROM ingest_batch_writing) BEGIN
            UPDATE conversations SET
                inbound_language = new.language, inbound_sentiment = new.sentiment,
                inbound_toxic = coalesce(new.toxic, 0), inbound_spam = coalesce(new.spam, 0),
                inbound_intents = new.intents
            WHERE id = new.conversation_id AND (last_inbound_at IS NULL OR new.sent_at >= last_inbound_at)
                AND (inbound_language IS NOT new.language OR inbound_sentiment IS NOT new.sentiment
                    OR inbound_toxic IS NOT coalesce(new.toxic, 0) OR inbound_spam IS NOT coalesce(new.spam, 0)
                    OR inbound_intents IS NOT new.intents);
            UPDATE conversations SET waiting_since = new.sent_at
            WHERE id = new.conversation_id AND (waiting_since IS NULL OR new.sent_at < waiting_since)
                AND (last_outbound_at IS NULL OR new.sent_at > last_outbound_at);
            UPDATE conversations SET last_inbound_at = new.sent_at
            WHERE id = new.conversation_id AND (last_inbound_at IS NULL OR new.sent_at > last_inbound_at);
        END
        """,
        """
        CREATE TRIGGER conversations_track_outbound AFTER INSERT ON messages
        WHEN new.direction = 'outbound' AND NOT EXISTS (SELECT 1 FROM ingest_batch_writing) BEGIN
            UPDATE conversations SET
                waiting_since = CASE
                    WHEN waiting_since IS NULL OR waiting_since > new.sent_at THEN waiting_since
                    WHEN last_inbound_at > new.sent_at THEN last_inbound_at
                    ELSE NULL END,
                last_outbound_at = CASE WHEN last_outbound_at IS NULL OR new.sent_at > last_outbound_at
                    THEN new.sent_at ELSE last_outbound_at END
            WHERE id = new.conversation_id;
        END
        """,
        """
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
        WHEN NOT EXISTS (SELECT 1 FROM ingest_batch_writing) BEGIN
            INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
        END
        """,
    ]
}
