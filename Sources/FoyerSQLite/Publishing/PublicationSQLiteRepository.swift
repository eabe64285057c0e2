import Foundation
import FoyerCore
import GRDB

/// The publish ledger in SQLite. Every transition is computed by ``Publication/applying(_:)``; this type
/// only stores it, with a compare-and-set on the state so two workers never both move an entry.
struct PublicationSQLiteRepository: PublicationRepository {
    let writer: any DatabaseWriter

    static let constraintMessages = ConstraintMessages(
        unique: "This publication already exists.",
        missingReference: "The channel or the conversation was not found in this workspace.", field: "body")

    func create(_ publication: NewPublication, in workspace: WorkspaceID, now: Date) async throws -> Publication {
        let body = publication.body
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalid(field: "body", message: "Write something to publish.")
        }
        guard body.unicodeScalars.count <= 100_000 else {
            throw DomainError.invalid(field: "body", message: "The text is longer than 100,000 characters.")
        }
        if publication.purpose == .reply, publication.conversationID == nil {
            throw DomainError.invalid(field: "conversation", message: "A reply needs the conversation it answers.")
        }
        if let requestKey = publication.requestKey, requestKey.isEmpty || requestKey.unicodeScalars.count > 200 {
            throw DomainError.invalid(field: "Idempotency-Key", message: "A request key has 1 to 200 characters.")
        }
        if publication.purpose == .post, publication.post == nil {
            throw DomainError.invalid(field: "contentId", message: "A post needs the content item it publishes.")
        }
        let post = publication.post
        let key = Self.idempotencyKey()
        return try await writer.write(mapping: Self.constraintMessages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO publications (
                        workspace_id, channel_id, purpose, conversation_id, body, thread_id, in_reply_to_external_id,
                        idempotency_key, state, attempts, due_at, created_by, created_at, updated_at, request_key,
                        content_id, variant_id, market_id, title, follow_ups, media_ids, language)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, request_key) WHERE request_key IS NOT NULL DO NOTHING
                    RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, publication.channelID.rawValue, publication.purpose.rawValue,
                    publication.conversationID?.rawValue, body, publication.threadID,
                    publication.inReplyToExternalID, key, publication.dueAt, publication.createdBy?.rawValue, now,
                    now, publication.requestKey, post?.contentID.rawValue, post?.variantID?.rawValue,
                    post?.marketID?.rawValue, post?.title, JSONColumn.encode(post?.followUps ?? []),
                    JSONColumn.encode(ids: post?.mediaIDs ?? []), post?.language,
                ])
            if let row { return try Self.publication(row) }
            // The request key was used before in this workspace: the same request again gets its entry.
            guard let requestKey = publication.requestKey,
                let existing = try Row.fetchOne(
                    db, sql: "SELECT * FROM publications WHERE workspace_id = ? AND request_key = ?",
                    arguments: [workspace.rawValue, requestKey])
            else { throw DomainError.notFound("The publication could not be created.") }
            let earlier = try Self.publication(existing)
            guard earlier.conversationID == publication.conversationID, earlier.body == body,
                earlier.channelID == publication.channelID
            else {
                throw DomainError.conflict("This Idempotency-Key was already used for another reply.")
            }
            return earlier
        }
    }

    func find(_ id: PublicationID, in workspace: WorkspaceID) async throws -> Publication? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM publications WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.publication)
        }
    }

    func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws -> [Publication] {
        guard limit > 0 else { return [] }
        return try await writer.write { db in
            // Lapsed leases first: those sends may have happened, so they become `unknown` (reconciled later).
            let lapsed = try Row.fetchAll(
                db,
                sql: "SELECT * FROM publications WHERE state = 'sending' AND lease_expires_at <= ? ORDER BY id",
                arguments: [now]
            ).map(Self.publication)
            for publication in lapsed {
                // The database compares millisecond text; `max` keeps a sub-millisecond `now` from refusing.
                let at = max(now, publication.leaseExpiresAt ?? now)
                try Self.update(publication.applying(.leaseExpired(at: at)), expecting: .sending, db)
            }
            let due = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM publications WHERE state IN ('scheduled', 'unknown') AND due_at <= ?
                    ORDER BY due_at, id LIMIT ?
                    """,
                arguments: [now, limit]
            ).map(Self.publication)
            var claimed: [Publication] = []
            for publication in due {
                let next = try publication.applying(.claim(at: max(now, publication.dueAt), leaseUntil: leaseUntil))
                try Self.update(next, expecting: publication.state, db)
                claimed.append(next)
            }
            return claimed
        }
    }

    func save(_ publication: Publication, expecting expected: PublicationState) async throws {
        try await writer.write(mapping: Self.constraintMessages) { db in
            try Self.update(publication, expecting: expected, db)
        }
    }

    func list(conversation: ConversationID, in workspace: WorkspaceID) async throws -> [Publication] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM publications WHERE conversation_id = ? AND workspace_id = ?
                    ORDER BY created_at, id
                    """,
                arguments: [conversation.rawValue, workspace.rawValue]
            ).map(Self.publication)
        }
    }

    func list(in workspace: WorkspaceID, state: PublicationState?, purpose: PublicationPurpose?, limit: Int) async throws
        -> [Publication]
    {
        guard limit > 0 else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM publications
                    WHERE workspace_id = ? AND (? IS NULL OR state = ?) AND (? IS NULL OR purpose = ?)
                    ORDER BY created_at DESC, id DESC LIMIT ?
                    """,
                arguments: [
                    workspace.rawValue, state?.rawValue, state?.rawValue, purpose?.rawValue, purpose?.rawValue, limit,
                ]
            ).map(Self.publication)
        }
    }

    /// Writes the mutable fields when the stored state is still `expected`, in the caller's transaction.
    /// - Throws: ``DomainError/conflict(_:)`` when another worker moved the entry first,
    ///   ``DomainError/notFound(_:)`` when it is not in its workspace.
    static func update(_ publication: Publication, expecting expected: PublicationState, _ db: Database) throws {
        let lastError = publication.lastError.map { String($0.unicodeScalars.prefix(2000)) }
        try db.execute(
            sql: """
                UPDATE publications SET
                    state = ?, attempts = ?, due_at = ?, lease_expires_at = ?, external_id = ?, remote_url = ?,
                    last_error = ?, updated_at = ?
                WHERE id = ? AND workspace_id = ? AND state = ?
                """,
            arguments: [
                publication.state.rawValue, publication.attempts, publication.dueAt, publication.leaseExpiresAt,
                publication.externalID, publication.remoteURL, lastError, publication.updatedAt,
                publication.id.rawValue, publication.workspaceID.rawValue, expected.rawValue,
            ])
        guard db.changesCount == 0 else { return }
        let current = try String.fetchOne(
            db, sql: "SELECT state FROM publications WHERE id = ? AND workspace_id = ?",
            arguments: [publication.id.rawValue, publication.workspaceID.rawValue])
        guard let current else { throw DomainError.notFound("Publication not found.") }
        throw DomainError.conflict("The publication is \(current) now, no longer \(expected.rawValue).")
    }

    /// 32 hexadecimal characters from the system's cryptographic generator.
    static func idempotencyKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    static func publication(_ row: Row) throws -> Publication {
        Publication(
            id: row.id("id"), workspaceID: row.id("workspace_id"), channelID: row.id("channel_id"),
            purpose: try row.decode(PublicationPurpose.self, "purpose"),
            conversationID: row.optionalID("conversation_id"), body: row["body"], threadID: row["thread_id"],
            inReplyToExternalID: row["in_reply_to_external_id"], idempotencyKey: row["idempotency_key"],
            state: try row.decode(PublicationState.self, "state"), attempts: row["attempts"], dueAt: row["due_at"],
            leaseExpiresAt: row["lease_expires_at"], externalID: row["external_id"], remoteURL: row["remote_url"],
            lastError: row["last_error"], createdBy: row.optionalID("created_by"), createdAt: row["created_at"],
            updatedAt: row["updated_at"], post: postDetails(row))
    }

    /// A post's details; `nil` for a reply, or a post whose content item was deleted.
    static func postDetails(_ row: Row) -> PostDetails? {
        guard let contentID: ContentItemID = row.optionalID("content_id") else { return nil }
        return PostDetails(
            contentID: contentID, variantID: row.optionalID("variant_id"), marketID: row.optionalID("market_id"),
            title: row["title"], followUps: JSONColumn.decode(row["follow_ups"]),
            mediaIDs: JSONColumn.decode(ids: row["media_ids"]), language: row["language"])
    }

    func list(content: ContentItemID, in workspace: WorkspaceID) async throws -> [Publication] {
        try await fetch(
            "SELECT * FROM publications WHERE content_id = ? AND workspace_id = ? ORDER BY due_at DESC, id DESC",
            [content.rawValue, workspace.rawValue])
    }

    func tally(content: ContentItemID, in workspace: WorkspaceID) async throws -> PostTally {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT channel_id, state, COUNT(*) AS n FROM publications WHERE content_id = ? AND workspace_id = ?
                    GROUP BY channel_id, state
                    """,
                arguments: [content.rawValue, workspace.rawValue])
            var tally = PostTally()
            for row in rows {
                guard let state = PublicationState(rawValue: row["state"]) else { continue }
                tally.counts[ChannelID(row["channel_id"]), default: [:]][state] = row["n"]
            }
            return tally
        }
    }

    func posts(in workspace: WorkspaceID, from: Date, to: Date) async throws -> [Publication] {
        try await fetch(
            """
            SELECT * FROM publications WHERE workspace_id = ? AND purpose = 'post' AND due_at >= ? AND due_at < ?
            ORDER BY due_at, id
            """, [workspace.rawValue, from, to])
    }

    func reschedule(_ id: PublicationID, to dueAt: Date, in workspace: WorkspaceID, now: Date) async throws -> Publication {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE publications SET due_at = ?, updated_at = ?
                    WHERE id = ? AND workspace_id = ? AND state = 'scheduled' AND attempts = 0
                    """,
                arguments: [dueAt, now, id.rawValue, workspace.rawValue])
            try Self.requireWaiting(id, in: workspace, db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM publications WHERE id = ?", arguments: [id.rawValue]) else {
                throw DomainError.notFound("Publication not found.")
            }
            return try Self.publication(row)
        }
    }

    func cancel(_ id: PublicationID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM publications WHERE id = ? AND workspace_id = ? AND state = 'scheduled' AND attempts = 0",
                arguments: [id.rawValue, workspace.rawValue])
            try Self.requireWaiting(id, in: workspace, db)
        }
    }

    /// After a write limited to waiting entries: explains why nothing changed, if nothing did.
    private static func requireWaiting(_ id: PublicationID, in workspace: WorkspaceID, _ db: Database) throws {
        guard db.changesCount == 0 else { return }
        let state = try String.fetchOne(
            db, sql: "SELECT state FROM publications WHERE id = ? AND workspace_id = ?",
            arguments: [id.rawValue, workspace.rawValue])
        guard let state else { throw DomainError.notFound("Publication not found.") }
        throw DomainError.conflict("This publication is \(state) and was already tried; it can no longer be moved or cancelled.")
    }

    func needingAttention(in workspace: WorkspaceID?, dueBefore: Date, failedSince: Date, limit: Int) async throws -> [Publication] {
        try await fetch(
            """
            SELECT * FROM publications
            WHERE (? IS NULL OR workspace_id = ?)
              AND ((state IN ('scheduled', 'unknown') AND due_at < ?) OR (state = 'failed' AND updated_at >= ?))
            ORDER BY due_at, id LIMIT ?
            """, [workspace?.rawValue, workspace?.rawValue, dueBefore, failedSince, max(0, limit)])
    }

    func nextDueAt() async throws -> Date? {
        try await writer.read { db in
            try Date.fetchOne(db, sql: "SELECT MIN(due_at) FROM publications WHERE state IN ('scheduled', 'unknown')")
        }
    }

    func publishedPosts(channel: ChannelID, in workspace: WorkspaceID, since: Date) async throws -> [Publication] {
        try await fetch(
            """
            SELECT * FROM publications
            WHERE channel_id = ? AND workspace_id = ? AND purpose = 'post' AND state = 'published' AND due_at >= ?
            ORDER BY due_at
            """, [channel.rawValue, workspace.rawValue, since])
    }

    private func fetch(_ sql: String, _ arguments: StatementArguments) async throws -> [Publication] {
        try await writer.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.publication) }
    }

}
