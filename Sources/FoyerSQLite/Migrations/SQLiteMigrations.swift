import GRDB

/// The schema's history: append-only, numbered migrations.
///
/// Identifiers (`"0001_initial"`, …) are a contract shared with the PostgreSQL backend: never rename,
/// reorder or edit a migration that has shipped; add a new one instead.
enum SQLiteMigrations {
    /// Every migration this binary knows, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001_initial", migrate: InitialSchema.migrate)
        migrator.registerMigration("0002_inbox_language_index", migrate: InboxLanguageIndex.migrate)
        migrator.registerMigration("0003_ingest", migrate: IngestSchema.migrate)
        migrator.registerMigration("0004_inbox_workflow", migrate: InboxWorkflowSchema.migrate)
        migrator.registerMigration("0005_publication_request_key", migrate: PublicationRequestKey.migrate)
        migrator.registerMigration("0006_content", migrate: ContentSchema.migrate)
        // There is no 0007: the number was held for a change that shipped as 0012.
        migrator.registerMigration("0008_inbox_moderation", migrate: InboxModerationSchema.migrate)
        migrator.registerMigration("0009_saved_view_owners", migrate: SavedViewOwners.migrate)
        migrator.registerMigration("0010_notifications", migrate: NotificationsSchema.migrate)
        migrator.registerMigration("0011_publication_tally_index", migrate: PublicationTallyIndex.migrate)
        migrator.registerMigration("0012_ingest_batch", migrate: IngestBatchSchema.migrate)
        migrator.registerMigration("0013_inbox_columns_in_swift", migrate: InboxColumnsInSwift.migrate)
        migrator.registerMigration("0014_full_text_without_sizes", migrate: FullTextWithoutSizes.migrate)
        migrator.registerMigration("0015_conversation_language_column", migrate: ConversationLanguageColumn.migrate)
        migrator.registerMigration("0016_message_language_index", migrate: MessageLanguageIndex.migrate)
        return migrator
    }

    /// Their identifiers, in order.
    static var identifiers: [String] { migrator.migrations }
}
