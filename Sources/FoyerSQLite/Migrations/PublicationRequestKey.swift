import GRDB

/// Migration `0005_publication_request_key`: the key a client gives with a reply (the API's
/// `Idempotency-Key` header, the reply form's hidden key), unique per workspace, so a retried request finds
/// the reply it already queued instead of queuing a second one.
enum PublicationRequestKey {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE publications ADD COLUMN request_key TEXT
                    CHECK (request_key IS NULL OR length(request_key) BETWEEN 1 AND 200)
                """)
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX publications_request_key ON publications(workspace_id, request_key)
                    WHERE request_key IS NOT NULL
                """)
    }
}
