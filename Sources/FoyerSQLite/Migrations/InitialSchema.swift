import GRDB

/// Migration `0001_initial`: accounts, workspaces, channels, members, the inbox, full-text search, audit.
///
/// Dates are stored as GRDB's UTC text (`yyyy-MM-dd HH:mm:ss.SSS`), which sorts chronologically.
/// The lists of enum values are written out here on purpose: a migration is frozen once shipped, so it
/// must not change when a Swift enum grows (a later migration widens the CHECK instead).
enum InitialSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements {
            try db.execute(sql: statement)
        }
    }

    static let statements: [String] = [
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            password_hash TEXT NOT NULL CHECK (length(password_hash) BETWEEN 1 AND 200),
            preferred_locale TEXT CHECK (preferred_locale IN ('en', 'fr')),
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE workspaces (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100 AND slug NOT GLOB '*[^a-z0-9-]*'),
            time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
            default_locale TEXT NOT NULL CHECK (default_locale IN ('en', 'fr')),
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE memberships (
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'moderator', 'analyst', 'client')),
            created_at TEXT NOT NULL,
            PRIMARY KEY (workspace_id, user_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX memberships_user ON memberships(user_id)",
        """
        CREATE TABLE sessions (
            token_hash TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) BETWEEN 16 AND 128),
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL CHECK (length(csrf_token) BETWEEN 16 AND 128),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        "CREATE INDEX sessions_user ON sessions(user_id)",
        "CREATE INDEX sessions_expires_at ON sessions(expires_at)",
        """
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
            role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'moderator', 'analyst', 'client')),
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) BETWEEN 16 AND 128),
            invited_by INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            accepted_at TEXT
        )
        """,
        "CREATE INDEX invitations_workspace ON invitations(workspace_id, created_at)",
        """
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) BETWEEN 16 AND 128),
            prefix TEXT NOT NULL CHECK (length(prefix) BETWEEN 1 AND 32),
            created_at TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at TEXT
        )
        """,
        "CREATE INDEX api_tokens_user ON api_tokens(user_id, created_at)",
        """
        CREATE TABLE channels (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('matrix', 'slack', 'discourse', 'mastodon', 'discord', 'bluesky',
                'facebook', 'instagram', 'x', 'youtube', 'feed', 'webhook', 'email', 'import')),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings) AND json_type(settings) = 'object'),
            sealed_credentials BLOB,
            last_success_at TEXT,
            last_error_at TEXT,
            last_error TEXT CHECK (length(last_error) <= 2000),
            token_expires_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (id, workspace_id)
        )
        """,
        "CREATE INDEX channels_workspace ON channels(workspace_id, name)",
        """
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 500),
            member_type TEXT NOT NULL CHECK (member_type IN ('customer', 'employee', 'partner', 'other')),
            score REAL NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (id, workspace_id)
        )
        """,
        "CREATE INDEX members_workspace_last_seen ON members(workspace_id, last_seen_at DESC, id DESC)",
        """
        CREATE TABLE identities (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            member_id INTEGER NOT NULL,
            platform TEXT NOT NULL CHECK (platform IN ('matrix', 'slack', 'discourse', 'mastodon', 'discord',
                'bluesky', 'facebook', 'instagram', 'x', 'youtube', 'feed', 'webhook', 'email', 'import')),
            external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 500),
            handle TEXT NOT NULL CHECK (length(handle) BETWEEN 1 AND 500),
            display_name TEXT CHECK (length(display_name) <= 500),
            profile_url TEXT CHECK (length(profile_url) <= 2048),
            UNIQUE (workspace_id, platform, external_id),
            FOREIGN KEY (member_id, workspace_id) REFERENCES members(id, workspace_id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX identities_member ON identities(member_id)",
        """
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 50),
            color TEXT NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
            UNIQUE (workspace_id, name),
            UNIQUE (id, workspace_id)
        )
        """,
        """
        CREATE TABLE member_tags (
            workspace_id INTEGER NOT NULL,
            member_id INTEGER NOT NULL,
            tag_id INTEGER NOT NULL,
            PRIMARY KEY (member_id, tag_id),
            FOREIGN KEY (member_id, workspace_id) REFERENCES members(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (tag_id, workspace_id) REFERENCES tags(id, workspace_id) ON DELETE CASCADE
        ) WITHOUT ROWID
        """,
        "CREATE INDEX member_tags_tag ON member_tags(tag_id)",
        """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            external_thread_id TEXT NOT NULL CHECK (length(external_thread_id) BETWEEN 1 AND 500),
            subject TEXT NOT NULL CHECK (length(subject) <= 1000),
            status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'snoozed', 'closed')),
            priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            member_id INTEGER,
            snoozed_until TEXT,
            first_message_at TEXT NOT NULL,
            last_message_at TEXT NOT NULL,
            first_response_at TEXT,
            closed_at TEXT,
            message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
            created_at TEXT NOT NULL,
            UNIQUE (channel_id, external_thread_id),
            UNIQUE (id, workspace_id),
            UNIQUE (id, workspace_id, channel_id),
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (member_id, workspace_id) REFERENCES members(id, workspace_id)
        )
        """,
        "CREATE INDEX conversations_inbox ON conversations(workspace_id, last_message_at DESC, id DESC)",
        "CREATE INDEX conversations_inbox_status ON conversations(workspace_id, status, last_message_at DESC, id DESC)",
        "CREATE INDEX conversations_member ON conversations(member_id)",
        "CREATE INDEX conversations_assignee ON conversations(assignee_id)",
        """
        CREATE TABLE conversation_tags (
            workspace_id INTEGER NOT NULL,
            conversation_id INTEGER NOT NULL,
            tag_id INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, tag_id),
            FOREIGN KEY (conversation_id, workspace_id) REFERENCES conversations(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (tag_id, workspace_id) REFERENCES tags(id, workspace_id) ON DELETE CASCADE
        ) WITHOUT ROWID
        """,
        "CREATE INDEX conversation_tags_tag ON conversation_tags(tag_id)",
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            conversation_id INTEGER NOT NULL,
            member_id INTEGER,
            external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 500),
            kind TEXT NOT NULL CHECK (kind IN ('post', 'comment', 'reply', 'mention', 'direct_message', 'review')),
            direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
            author_name TEXT NOT NULL CHECK (length(author_name) <= 500),
            body TEXT NOT NULL CHECK (length(body) <= 100000),
            sent_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            url TEXT CHECK (length(url) <= 2048),
            language TEXT CHECK (length(language) BETWEEN 2 AND 16),
            language_confidence REAL CHECK (language_confidence BETWEEN 0 AND 1),
            sentiment TEXT CHECK (sentiment IN ('negative', 'neutral', 'positive')),
            sentiment_score REAL CHECK (sentiment_score BETWEEN -1 AND 1),
            toxicity_score REAL CHECK (toxicity_score BETWEEN 0 AND 1),
            toxic INTEGER CHECK (toxic IN (0, 1)),
            toxicity_categories TEXT NOT NULL DEFAULT '' CHECK (length(toxicity_categories) <= 500),
            spam_score REAL CHECK (spam_score BETWEEN 0 AND 1),
            spam INTEGER CHECK (spam IN (0, 1)),
            intents TEXT NOT NULL DEFAULT '' CHECK (length(intents) <= 500),
            like_count INTEGER NOT NULL DEFAULT 0 CHECK (like_count >= 0),
            share_count INTEGER NOT NULL DEFAULT 0 CHECK (share_count >= 0),
            UNIQUE (channel_id, external_id),
            FOREIGN KEY (conversation_id, workspace_id, channel_id)
                REFERENCES conversations(id, workspace_id, channel_id) ON DELETE CASCADE,
            FOREIGN KEY (member_id, workspace_id) REFERENCES members(id, workspace_id)
        )
        """,
        "CREATE INDEX messages_workspace_sent ON messages(workspace_id, sent_at DESC, id DESC)",
        "CREATE INDEX messages_conversation_sent ON messages(conversation_id, sent_at, id)",
        "CREATE INDEX messages_workspace_language ON messages(workspace_id, language)",
        "CREATE INDEX messages_member ON messages(member_id)",
        """
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            body,
            content = 'messages',
            content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        )
        """,
        """
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
        END
        """,
        """
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END
        """,
        """
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
        END
        """,
        """
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            conversation_id INTEGER,
            member_id INTEGER,
            author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
            created_at TEXT NOT NULL,
            CHECK (conversation_id IS NOT NULL OR member_id IS NOT NULL),
            FOREIGN KEY (conversation_id, workspace_id) REFERENCES conversations(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (member_id, workspace_id) REFERENCES members(id, workspace_id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX notes_conversation ON notes(conversation_id, created_at)",
        "CREATE INDEX notes_member ON notes(member_id, created_at)",
        """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER REFERENCES workspaces(id) ON DELETE CASCADE,
            actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
            target_type TEXT CHECK (length(target_type) <= 100),
            target_id TEXT CHECK (length(target_id) <= 200),
            details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details) AND json_type(details) = 'object'),
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_events_workspace ON audit_events(workspace_id, created_at DESC, id DESC)",
    ]
}
