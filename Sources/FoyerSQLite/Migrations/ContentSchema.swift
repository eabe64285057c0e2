import GRDB

/// Migration `0006_content`: the content stock (items, variants per channel and market, media, reviews),
/// planning settings (markets, content types, cadence goals, the calendar feed's secret) and the post
/// columns of the publish ledger.
enum ContentSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements = [
        """
        CREATE TABLE markets (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            locale TEXT NOT NULL CHECK (length(locale) BETWEEN 2 AND 10),
            time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 100),
            created_at TEXT NOT NULL,
            UNIQUE (id, workspace_id)
        )
        """,
        "CREATE UNIQUE INDEX markets_name ON markets(workspace_id, name COLLATE NOCASE)",
        """
        CREATE TABLE content_types (
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
            position INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, key)
        )
        """,
        """
        CREATE TABLE content_items (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
            body TEXT NOT NULL CHECK (length(body) <= 20000),
            status TEXT NOT NULL
                CHECK (status IN ('idea', 'draft', 'in_review', 'approved', 'scheduled', 'published', 'archived')),
            content_type TEXT NOT NULL CHECK (length(content_type) BETWEEN 1 AND 40),
            campaign TEXT CHECK (length(campaign) BETWEEN 1 AND 100),
            tags TEXT NOT NULL DEFAULT '',
            evergreen_interval_days INTEGER CHECK (evergreen_interval_days BETWEEN 1 AND 365),
            evergreen_until TEXT,
            evergreen_cap INTEGER CHECK (evergreen_cap BETWEEN 1 AND 1000),
            notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
            approved_fingerprint TEXT,
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (id, workspace_id),
            CHECK (status NOT IN ('approved', 'scheduled') OR approved_fingerprint IS NOT NULL)
        )
        """,
        "CREATE INDEX content_items_status ON content_items(workspace_id, status, updated_at)",
        "CREATE INDEX content_items_campaign ON content_items(workspace_id, campaign)",
        """
        CREATE TABLE content_variants (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            channel_id INTEGER,
            market_id INTEGER,
            title TEXT CHECK (length(title) BETWEEN 1 AND 200),
            body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
            follow_ups TEXT NOT NULL DEFAULT '[]',
            media_ids TEXT NOT NULL DEFAULT '[]',
            translation TEXT NOT NULL DEFAULT 'none' CHECK (translation IN ('none', 'needed', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            CHECK (channel_id IS NOT NULL OR market_id IS NOT NULL),
            FOREIGN KEY (content_id, workspace_id) REFERENCES content_items(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE,
            FOREIGN KEY (market_id, workspace_id) REFERENCES markets(id, workspace_id) ON DELETE CASCADE
        )
        """,
        """
        CREATE UNIQUE INDEX content_variants_target
            ON content_variants(content_id, IFNULL(channel_id, 0), IFNULL(market_id, 0))
        """,
        "CREATE INDEX content_variants_channel ON content_variants(channel_id)",
        "CREATE INDEX content_variants_market ON content_variants(market_id)",
        """
        CREATE TABLE content_media (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
            mime_type TEXT NOT NULL CHECK (length(mime_type) BETWEEN 3 AND 100),
            byte_count INTEGER NOT NULL CHECK (byte_count > 0),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            alt_text TEXT CHECK (length(alt_text) <= 1500),
            created_at TEXT NOT NULL,
            FOREIGN KEY (content_id, workspace_id) REFERENCES content_items(id, workspace_id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX content_media_item ON content_media(content_id)",
        """
        CREATE TABLE content_reviews (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            content_id INTEGER NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested', 'commented')),
            reviewer_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            reviewer_name TEXT NOT NULL CHECK (length(reviewer_name) BETWEEN 1 AND 100),
            via_link INTEGER NOT NULL DEFAULT 0 CHECK (via_link IN (0, 1)),
            comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            FOREIGN KEY (content_id, workspace_id) REFERENCES content_items(id, workspace_id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX content_reviews_item ON content_reviews(content_id, created_at)",
        """
        CREATE TABLE cadence_goals (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            content_type TEXT CHECK (length(content_type) BETWEEN 1 AND 40),
            count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 100),
            period TEXT NOT NULL CHECK (period IN ('week', 'month')),
            created_at TEXT NOT NULL,
            FOREIGN KEY (channel_id, workspace_id) REFERENCES channels(id, workspace_id) ON DELETE CASCADE
        )
        """,
        """
        CREATE UNIQUE INDEX cadence_goals_target
            ON cadence_goals(workspace_id, channel_id, IFNULL(content_type, ''), period)
        """,
        """
        CREATE TABLE calendar_feeds (
            workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            created_at TEXT NOT NULL
        )
        """,
        "ALTER TABLE publications ADD COLUMN content_id INTEGER REFERENCES content_items(id) ON DELETE SET NULL",
        "ALTER TABLE publications ADD COLUMN variant_id INTEGER REFERENCES content_variants(id) ON DELETE SET NULL",
        "ALTER TABLE publications ADD COLUMN market_id INTEGER REFERENCES markets(id) ON DELETE SET NULL",
        "ALTER TABLE publications ADD COLUMN title TEXT CHECK (length(title) BETWEEN 1 AND 200)",
        "ALTER TABLE publications ADD COLUMN follow_ups TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE publications ADD COLUMN media_ids TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE publications ADD COLUMN language TEXT CHECK (length(language) BETWEEN 2 AND 10)",
        "CREATE INDEX publications_content ON publications(content_id)",
        "CREATE INDEX publications_calendar ON publications(workspace_id, purpose, due_at)",
    ]
}
