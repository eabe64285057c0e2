import Foundation
import FoyerCore
import GRDB

/// The SQLite storage: one GRDB connection pool (WAL) per process, its migrations, and every repository.
///
/// ```swift
/// let database = try SQLiteDatabase.open(path: "foyer-data/foyer.sqlite")
/// try await database.migrate()
/// let storage = database.storage
/// ```
public final class SQLiteDatabase: Sendable {
    /// The GRDB connection, for bulk inserts (the demo) and benchmarks. Repositories are the normal way in.
    public let writer: any DatabaseWriter
    /// Every repository, backed by this database.
    public let storage: Storage

    init(writer: any DatabaseWriter, clock: any WallClock) {
        self.writer = writer
        self.storage = Storage(
            users: UserSQLiteRepository(writer: writer, clock: clock),
            memberships: MembershipSQLiteRepository(writer: writer, clock: clock),
            sessions: SessionSQLiteRepository(writer: writer),
            invitations: InvitationSQLiteRepository(writer: writer, clock: clock),
            apiTokens: APITokenSQLiteRepository(writer: writer, clock: clock),
            workspaces: WorkspaceSQLiteRepository(writer: writer, clock: clock),
            channels: CachingChannelRepository(ChannelSQLiteRepository(writer: writer, clock: clock)),
            members: MemberSQLiteRepository(writer: writer, clock: clock),
            conversations: ConversationSQLiteRepository(writer: writer, clock: clock),
            messages: MessageSQLiteRepository(writer: writer),
            notes: NoteSQLiteRepository(writer: writer, clock: clock),
            tags: TagSQLiteRepository(writer: writer),
            audit: AuditSQLiteRepository(writer: writer, clock: clock),
            inboundEvents: InboundEventSQLiteRepository(writer: writer),
            channelCursors: ChannelCursorSQLiteRepository(writer: writer, clock: clock),
            ingest: IngestSQLiteStore(writer: writer, clock: clock),
            rollups: RollupSQLiteRepository(writer: writer),
            publications: PublicationSQLiteRepository(writer: writer),
            savedViews: SavedViewSQLiteRepository(writer: writer, clock: clock),
            savedReplies: SavedReplySQLiteRepository(writer: writer, clock: clock),
            inboxSettings: InboxSettingsSQLiteRepository(writer: writer, clock: clock),
            content: ContentSQLiteRepository(writer: writer, clock: clock),
            planning: PlanningSQLiteRepository(writer: writer, clock: clock),
            notifications: InboxNotificationSQLiteRepository(writer: writer, clock: clock),
            engagement: PostEngagementSQLiteRepository(writer: writer),
            health: SQLiteStorageHealth(writer: writer)
        )
    }

    /// Opens (or creates) the database file at `path` as a WAL connection pool with foreign keys on and
    /// a 5 s busy timeout. The parent folder must exist. Call ``migrate()`` before use.
    ///
    /// - Parameter clock: the time stamped on created rows (`created_at`).
    public static func open(path: String, clock: any WallClock = SystemClock()) throws -> SQLiteDatabase {
        let pool = try DatabasePool(path: path, configuration: configuration())
        return SQLiteDatabase(writer: pool, clock: clock)
    }

    /// A private in-memory database for tests, with the same configuration and API. Not migrated.
    public static func temporary(clock: any WallClock = SystemClock()) throws -> SQLiteDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        return SQLiteDatabase(writer: queue, clock: clock)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Writers wait up to 5 s for the lock; GRDB gives pool readers their own (10 s) busy handler.
        configuration.busyMode = .timeout(5)
        configuration.label = "foyer"
        configuration.prepareDatabase { db in
            // WAL makes NORMAL durable against application crashes; a power loss may lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer keeps its statement journals in memory. A multi-row insert in a transaction needs one
            // (it may fail halfway), and past 64 KiB SQLite spills it to a temporary file: on bulk ingest that
            // was one `pwrite` per message (56,000 → 31,000 for 30,000 messages). Readers are left as they are.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            db.add(function: FullTextSearch.matchFunction)
        }
        return configuration
    }

    /// Applies the migrations this database has not seen yet. Running it again is a no-op.
    public func migrate() async throws {
        let migrator = SQLiteMigrations.migrator
        let writer = self.writer
        // `asyncMigrate` runs on GRDB's writer queue: no blocking of the caller's cooperative thread.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            migrator.asyncMigrate(writer) { result in
                switch result {
                case .success: continuation.resume()
                case .failure(let error): continuation.resume(throwing: error)
                }
            }
        }
    }

    /// The identifiers of migrations known to this binary and not applied yet (empty when current).
    public func pendingMigrations() async throws -> [String] {
        try await storage.health.pendingMigrations()
    }
}
