import GRDB

/// Migration `0011_publication_tally_index`: counts an item's posts per channel and state from the index
/// alone (``PublicationSQLiteRepository/tally(content:in:)``, run each time a post is published), however
/// many times an evergreen item went out. It replaces the plain `content_id` index.
enum PublicationTallyIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: "CREATE INDEX publications_content_tally ON publications(content_id, workspace_id, channel_id, state)")
        try db.execute(sql: "DROP INDEX publications_content")
    }
}
