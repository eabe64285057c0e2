import GRDB

/// Migration `0003_ingest`: the durable log of inbound deliveries, polling cursors, daily rollups, the
/// publish ledger, and the secret token of each channel's webhook URL.
///
/// As in ``InitialSchema``, every foreign key includes the workspace, so a row can never point at another
/// workspace's channel or conversation, and the lists of enum values are written out (frozen once shipped).
enum IngestSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements {
            try db.execute(sql: statement)
        }
    }

    static let statements: [String] = [
        // The token is the secret part of the channel's webhook URL; NULL for channels without webhooks.
        """
        ALTER TABLE channels ADD COLUMN webhook_token TEXT
            CHECK (webhook_token IS NULL OR length(webhook_token) BETWEEN 16 AND 128)
        """,
        "CREATE UNIQUE INDEX channels_webhook_token ON channels(webhook_token)",
        // Pending and failed events always have `next_attempt_at` (pending: when received), so one partial
        // index answers the worker's "what is due" query in order.
        """
        CREATE TABLE inbound_events (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('webhook', 'poll')),
            delivery_id TEXT CHECK (length(delivery_id) BETWEEN 1 AND 500),
            payload BLOB NOT NULL CHECK (length(payload) <= 16777216),
            status TEXT NOT NULL CHECK (status IN ('pending', 'processed', 'failed', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_error TEXT CHECK (length(last_error) <= 2000),
            received_at TEXT NOT NULL,
            next_attempt_at TEXT,
            processed_at TEXT,
            CHECK ((status IN ('pending', 'failed')) = (next_attempt_at IS NOT NULL)),
            CHECK ((status = 'processed') = (processed_at IS NOT NULL)),
            UNIQUE (channel_id, delivery_id),
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE
        )
        """,
        """
        CREATE INDEX inbound_events_due ON inbound_events(next_attempt_at, id)
            WHERE status IN ('pending', 'failed')
        """,
        "CREATE INDEX inbound_events_workspace ON inbound_events(workspace_id, status, received_at)",
        """
        CREATE TABLE channel_cursors (
            channel_id INTEGER NOT NULL PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            cursor TEXT NOT NULL CHECK (length(cursor) BETWEEN 1 AND 10000),
            updated_at TEXT NOT NULL,
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE daily_rollups (
            workspace_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            inbound INTEGER NOT NULL DEFAULT 0 CHECK (inbound >= 0),
            outbound INTEGER NOT NULL DEFAULT 0 CHECK (outbound >= 0),
            negative INTEGER NOT NULL DEFAULT 0 CHECK (negative >= 0),
            positive INTEGER NOT NULL DEFAULT 0 CHECK (positive >= 0),
            toxic INTEGER NOT NULL DEFAULT 0 CHECK (toxic >= 0),
            spam INTEGER NOT NULL DEFAULT 0 CHECK (spam >= 0),
            new_members INTEGER NOT NULL DEFAULT 0 CHECK (new_members >= 0),
            new_conversations INTEGER NOT NULL DEFAULT 0 CHECK (new_conversations >= 0),
            PRIMARY KEY (channel_id, day),
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE
        ) WITHOUT ROWID
        """,
        "CREATE INDEX daily_rollups_workspace ON daily_rollups(workspace_id, day)",
        // A reply must be on its conversation's channel: the foreign key covers (conversation, workspace,
        // channel). It is not checked for posts, whose conversation is NULL.
        """
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('reply', 'post')),
            conversation_id INTEGER,
            body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
            thread_id TEXT CHECK (length(thread_id) BETWEEN 1 AND 500),
            in_reply_to_external_id TEXT CHECK (length(in_reply_to_external_id) BETWEEN 1 AND 500),
            idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 16 AND 128),
            state TEXT NOT NULL CHECK (state IN ('scheduled', 'sending', 'published', 'failed', 'unknown')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            due_at TEXT NOT NULL,
            lease_expires_at TEXT,
            external_id TEXT CHECK (length(external_id) BETWEEN 1 AND 500),
            remote_url TEXT CHECK (length(remote_url) <= 2048),
            last_error TEXT CHECK (length(last_error) <= 2000),
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (purpose = 'post' OR conversation_id IS NOT NULL),
            CHECK ((state = 'sending') = (lease_expires_at IS NOT NULL)),
            CHECK (state <> 'published' OR external_id IS NOT NULL),
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (conversation_id, workspace_id, channel_id)
                REFERENCES conversations(id, workspace_id, channel_id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX publications_due ON publications(state, due_at)",
        "CREATE INDEX publications_conversation ON publications(conversation_id, created_at)",
        "CREATE INDEX publications_workspace ON publications(workspace_id, state, created_at)",
        "CREATE INDEX publications_channel ON publications(channel_id)",
    ]
}
