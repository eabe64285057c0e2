import GRDB

/// Migration `0009_saved_view_owners`: a saved view is private to its `owner_id`, or shared when it is
/// `NULL` (every existing view stays shared). Shared names are unique per workspace, private names per owner,
/// so two people may each keep a private view with the same name. The table is rebuilt to replace its
/// `UNIQUE (workspace_id, name)` constraint with those two indexes.
enum SavedViewOwners {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements: [String] = [
        """
        CREATE TABLE saved_views_new (
            id INTEGER PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
            filters TEXT NOT NULL CHECK (json_valid(filters) AND json_type(filters) = 'object'),
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            owner_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        )
        """,
        """
        INSERT INTO saved_views_new (id, workspace_id, name, filters, created_by, owner_id, created_at)
            SELECT id, workspace_id, name, filters, created_by, NULL, created_at FROM saved_views
        """,
        "DROP TABLE saved_views",
        "ALTER TABLE saved_views_new RENAME TO saved_views",
        "CREATE UNIQUE INDEX saved_views_shared_name ON saved_views(workspace_id, name) WHERE owner_id IS NULL",
        """
        CREATE UNIQUE INDEX saved_views_private_name ON saved_views(workspace_id, owner_id, name)
            WHERE owner_id IS NOT NULL
        """,
    ]
}
