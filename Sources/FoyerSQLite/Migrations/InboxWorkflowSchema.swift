import GRDB

/// Migration `0004_inbox_workflow`: saved views, saved replies with a version per language, the inbox
/// settings (first-response target, business hours), and what the inbox list needs to filter and sort
/// conversations without reading their messages.
///
/// Each conversation keeps, up to date by triggers on `messages` (so every writer keeps them right: the
/// repository, ingest and the demo's bulk loader):
/// - `last_inbound_at`, `last_outbound_at`;
/// - `waiting_since`: the first inbound message after the last outbound one, `NULL` when the team spoke last;
/// - the analysis of its latest inbound message: `inbound_language`, `inbound_sentiment`, `inbound_toxic`,
///   `inbound_spam`, `inbound_intents`;
/// - `marked_spam`, set by the team; `priority_rank`, a generated column for sorting by priority.
enum InboxWorkflowSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements: [String] = [
        "ALTER TABLE conversations ADD COLUMN last_inbound_at TEXT",
        "ALTER TABLE conversations ADD COLUMN last_outbound_at TEXT",
        "ALTER TABLE conversations ADD COLUMN waiting_since TEXT",
        "ALTER TABLE conversations ADD COLUMN inbound_language TEXT",
        "ALTER TABLE conversations ADD COLUMN inbound_sentiment TEXT",
        "ALTER TABLE conversations ADD COLUMN inbound_toxic INTEGER NOT NULL DEFAULT 0 CHECK (inbound_toxic IN (0, 1))",
        "ALTER TABLE conversations ADD COLUMN inbound_spam INTEGER NOT NULL DEFAULT 0 CHECK (inbound_spam IN (0, 1))",
        "ALTER TABLE conversations ADD COLUMN inbound_intents TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE conversations ADD COLUMN marked_spam INTEGER NOT NULL DEFAULT 0 CHECK (marked_spam IN (0, 1))",
        """
        ALTER TABLE conversations ADD COLUMN priority_rank INTEGER GENERATED ALWAYS AS (
            CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) VIRTUAL
        """,
        // Existing conversations: the same values the triggers would have kept.
        """
        UPDATE conversations SET
            last_inbound_at = (SELECT max(m.sent_at) FROM messages m
                WHERE m.conversation_id = conversations.id AND m.direction = 'inbound'),
            last_outbound_at = (SELECT max(m.sent_at) FROM messages m
                WHERE m.conversation_id = conversations.id AND m.direction = 'outbound')
        """,
        """
        UPDATE conversations SET waiting_since = (SELECT min(m.sent_at) FROM messages m
            WHERE m.conversation_id = conversations.id AND m.direction = 'inbound'
            AND (conversations.last_outbound_at IS NULL OR m.sent_at > conversations.last_outbound_at))
        """,
        """
        UPDATE conversations SET (inbound_language, inbound_sentiment, inbound_toxic, inbound_spam, inbound_intents) = (
            SELECT m.language, m.sentiment, coalesce(m.toxic, 0), coalesce(m.spam, 0), m.intents FROM messages m
            WHERE m.conversation_id = conversations.id AND m.direction = 'inbound'
            ORDER BY m.sent_at DESC, m.id DESC LIMIT 1)
        WHERE last_inbound_at IS NOT NULL
        """,
        // Three small updates rather than one: a statement that assigns an indexed column rewrites that index
        // entry even when the value is unchanged, so each one only runs when it changes something (on bulk
        // ingest this halves the triggers' cost). They run in order: the first two compare with the old
        // `last_inbound_at`.
        """
        CREATE TRIGGER conversations_track_inbound AFTER INSERT ON messages WHEN new.direction = 'inbound' BEGIN
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
        CREATE TRIGGER conversations_track_outbound AFTER INSERT ON messages WHEN new.direction = 'outbound' BEGIN
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
        CREATE INDEX conversations_waiting ON conversations(workspace_id, waiting_since, id)
            WHERE waiting_since IS NOT NULL
        """,
        """
        CREATE INDEX conversations_priority
            ON conversations(workspace_id, priority_rank DESC, last_message_at DESC, id DESC)
        """,
        """
        CREATE INDEX conversations_assignee_inbox
            ON conversations(workspace_id, assignee_id, last_message_at DESC, id DESC)
        """,
        """
        CREATE INDEX conversations_sentiment_inbox
            ON conversations(workspace_id, inbound_sentiment, last_message_at DESC, id DESC)
        """,
        // Partial indexes match the list's conditions word for word, so SQLite can use them.
        """
        CREATE INDEX conversations_spam_inbox ON conversations(workspace_id, last_message_at DESC, id DESC)
            WHERE marked_spam = 1 OR inbound_spam = 1
        """,
        """
        CREATE INDEX conversations_toxic_inbox ON conversations(workspace_id, last_message_at DESC, id DESC)
            WHERE inbound_toxic = 1
        """,
        // The breach count on every inbox page: two index range scans (open, pending), no table reads.
        """
        CREATE INDEX conversations_waiting_status ON conversations(workspace_id, status, waiting_since)
            WHERE waiting_since IS NOT NULL
        """,
        """
        CREATE TABLE saved_views (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
            filters TEXT NOT NULL CHECK (json_valid(filters) AND json_type(filters) = 'object'),
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            UNIQUE (workspace_id, name)
        )
        """,
        """
        CREATE TABLE saved_replies (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
            intents TEXT NOT NULL DEFAULT '' CHECK (length(intents) <= 500),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (workspace_id, name)
        )
        """,
        """
        CREATE TABLE saved_reply_versions (
            saved_reply_id INTEGER NOT NULL REFERENCES saved_replies(id) ON DELETE CASCADE,
            language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
            body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
            PRIMARY KEY (saved_reply_id, language)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE inbox_settings (
            workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
            first_response_minutes INTEGER CHECK (first_response_minutes BETWEEN 1 AND 525600),
            business_hours TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(business_hours)),
            updated_at TEXT NOT NULL
        )
        """,
    ]
}
