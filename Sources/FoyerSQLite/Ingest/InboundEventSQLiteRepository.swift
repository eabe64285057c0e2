import Foundation
import FoyerCore
import GRDB

/// The inbound log in SQLite.
///
/// Each append is its own write transaction, committed before the method returns: with WAL and
/// `synchronous = NORMAL` a stored delivery survives a crash of the process (a power loss may lose the last
/// commits). Pending and failed events keep `next_attempt_at` (pending ones: when received), so
/// ``due(now:limit:)`` walks the partial index `inbound_events_due` in order.
///
/// `due` does not claim: with SQLite one process runs one ingest worker.
struct InboundEventSQLiteRepository: InboundEventRepository {
    let writer: any DatabaseWriter

    /// The longest error message kept; the column allows 2,000 characters.
    static let errorLimit = 2000

    static let constraintMessages = ConstraintMessages(
        unique: "This delivery is already stored.", missingReference: "Channel not found.", field: "delivery")

    func append(_ event: NewInboundEvent, in workspace: WorkspaceID) async throws -> InboundAppendResult {
        try Self.validate(event)
        return try await writer.write(mapping: Self.constraintMessages) { db in
            try Self.append(event, in: workspace, db)
        }
    }

    func appendPoll(_ event: NewInboundEvent, cursor: String?, in workspace: WorkspaceID) async throws
        -> InboundEventID
    {
        try Self.validate(event)
        try ChannelCursorSQLiteRepository.validate(cursor)
        return try await writer.write(mapping: Self.constraintMessages) { db in
            let result = try Self.append(event, in: workspace, db)
            if let cursor {
                try ChannelCursorSQLiteRepository.set(cursor, for: event.channelID, in: workspace, at: event.receivedAt, db)
            }
            switch result {
            case .stored(let id), .duplicate(let id): return id
            }
        }
    }

    func due(now: Date, limit: Int) async throws -> [InboundEvent] {
        guard limit > 0 else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT * FROM inbound_events
                        WHERE status IN ('pending', 'failed') AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, id LIMIT ?
                        """),
                arguments: [StoredDateText.text(now), limit]
            ).map(Self.event)
        }
    }

    func markProcessed(_ ids: [InboundEventID], at: Date) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            try db.cachedStatement(
                sql: """
                    UPDATE inbound_events SET status = 'processed', processed_at = ?, next_attempt_at = NULL
                    WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'failed')
                    """
            ).execute(arguments: [StoredDateText.text(at), HotText.jsonArray(ids.map(\.rawValue))])
        }
    }

    func markFailed(_ id: InboundEventID, error: String, retryAt: Date, maxAttempts: Int) async throws {
        let message = String(error.unicodeScalars.prefix(Self.errorLimit))
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE inbound_events SET
                        attempts = attempts + 1,
                        last_error = :error,
                        status = CASE WHEN attempts + 1 >= :max THEN 'dead' ELSE 'failed' END,
                        next_attempt_at = CASE WHEN attempts + 1 >= :max THEN NULL ELSE :retryAt END
                    WHERE id = :id AND status IN ('pending', 'failed')
                    """,
                arguments: ["error": message, "max": max(1, maxAttempts), "retryAt": retryAt, "id": id.rawValue])
            guard db.changesCount > 0 else {
                throw DomainError.notFound("The inbound event is not waiting to be processed.")
            }
        }
    }

    func requeue(_ id: InboundEventID, in workspace: WorkspaceID, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE inbound_events SET status = 'pending', attempts = 0, next_attempt_at = ?
                    WHERE id = ? AND workspace_id = ? AND status IN ('failed', 'dead')
                    """,
                arguments: [now, id.rawValue, workspace.rawValue])
            guard db.changesCount == 0 else { return }
            let status = try String.fetchOne(
                db, sql: "SELECT status FROM inbound_events WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue])
            guard status != nil else { throw DomainError.notFound("Inbound event not found.") }
            throw DomainError.conflict("Only a failed event can be retried; this one is \(status ?? "").")
        }
    }

    func failures(in workspace: WorkspaceID, channel: ChannelID?, limit: Int) async throws -> [InboundEvent] {
        guard limit > 0 else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM inbound_events
                    WHERE workspace_id = ? AND status IN ('failed', 'dead') AND (? IS NULL OR channel_id = ?)
                    ORDER BY received_at DESC, id DESC LIMIT ?
                    """,
                arguments: [workspace.rawValue, channel?.rawValue, channel?.rawValue, limit]
            ).map(Self.event)
        }
    }

    func count(in workspace: WorkspaceID, status: InboundEventStatus?) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM inbound_events WHERE workspace_id = ? AND (? IS NULL OR status = ?)",
                arguments: [workspace.rawValue, status?.rawValue, status?.rawValue]) ?? 0
        }
    }

    /// Refuses what the schema would refuse, with a message naming the problem.
    static func validate(_ event: NewInboundEvent) throws {
        if let delivery = event.deliveryID, delivery.isEmpty || delivery.unicodeScalars.count > 500 {
            throw DomainError.invalid(field: "deliveryID", message: "A delivery id has 1 to 500 characters.")
        }
        if event.payload.count > 16_777_216 {
            throw DomainError.invalid(field: "payload", message: "The delivery is larger than 16 MB.")
        }
    }

    /// Inserts the event unless its delivery id is already stored on the channel.
    static func append(_ event: NewInboundEvent, in workspace: WorkspaceID, _ db: Database) throws
        -> InboundAppendResult
    {
        // One statement per delivery on the webhook path: prepared once per connection, and the time written
        // as GRDB writes it without its date formatter.
        let received = StoredDateText.text(event.receivedAt)
        let id = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    INSERT INTO inbound_events (
                        workspace_id, channel_id, source, delivery_id, payload, status, attempts, received_at,
                        next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                    ON CONFLICT (channel_id, delivery_id) DO NOTHING
                    RETURNING id
                    """),
            arguments: [
                workspace.rawValue, event.channelID.rawValue, event.source.rawValue, event.deliveryID, event.payload,
                received, received,
            ])
        if let id { return .stored(InboundEventID(id)) }
        // Only a known delivery id conflicts; the existing row is on the same channel, so in the same workspace.
        let existing = try Int64.fetchOne(
            db, sql: "SELECT id FROM inbound_events WHERE channel_id = ? AND delivery_id = ? AND workspace_id = ?",
            arguments: [event.channelID.rawValue, event.deliveryID, workspace.rawValue])
        guard let existing else { throw DomainError.notFound("Channel not found.") }
        return .duplicate(InboundEventID(existing))
    }

    static func event(_ row: Row) throws -> InboundEvent {
        InboundEvent(
            id: row.id("id"), workspaceID: row.id("workspace_id"), channelID: row.id("channel_id"),
            source: try row.decode(InboundSource.self, "source"), deliveryID: row["delivery_id"],
            payload: row["payload"], status: try row.decode(InboundEventStatus.self, "status"),
            attempts: row["attempts"], lastError: row["last_error"], receivedAt: row["received_at"],
            nextAttemptAt: row["next_attempt_at"], processedAt: row["processed_at"])
    }
}
