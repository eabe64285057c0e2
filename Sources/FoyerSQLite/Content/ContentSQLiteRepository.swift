import Foundation
import FoyerCore
import GRDB

/// The content stock in SQLite. Items, variants, media rows and reviews of one item change in one
/// transaction; the approval rule (a changed text needs approval again) is applied where the text changes.
struct ContentSQLiteRepository: ContentRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    static let itemMessages = ConstraintMessages(
        unique: "This content item already exists.", missingReference: "Workspace not found.", field: "title")
    static let variantMessages = ConstraintMessages(
        unique: "This item already has a variant for this channel and market.",
        missingReference: "The channel or market was not found in this workspace.", field: "channelId")

    func create(_ draft: ContentDraft, createdBy: UserID?, in workspace: WorkspaceID) async throws -> ContentItem {
        let now = clock.now()
        return try await writer.write(mapping: Self.itemMessages) { db in
            try Self.insert(draft, createdBy: createdBy, in: workspace, now: now, db)
        }
    }

    static func insert(_ draft: ContentDraft, createdBy: UserID?, in workspace: WorkspaceID, now: Date, _ db: Database) throws
        -> ContentItem
    {
        let row = try Row.fetchOne(
            db,
            sql: """
                INSERT INTO content_items (
                    workspace_id, title, body, status, content_type, campaign, tags, evergreen_interval_days,
                    evergreen_until, evergreen_cap, notes, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                """,
            arguments: [
                workspace.rawValue, draft.title, draft.body, (draft.status ?? .idea).rawValue, draft.contentType, draft.campaign,
                StringList.encode(draft.tags), draft.evergreen?.intervalDays, draft.evergreen?.until,
                draft.evergreen?.cap, draft.notes, createdBy?.rawValue, now, now,
            ])
        guard let row else { throw DomainError.notFound("The content item could not be created.") }
        return try item(row)
    }

    func importItems(_ rows: [ContentCSV.ImportedRow], createdBy: UserID?, in workspace: WorkspaceID) async throws
        -> ContentImportCounts
    {
        let now = clock.now()
        return try await writer.write(mapping: Self.itemMessages) { db in
            var counts = ContentImportCounts(created: 0, updated: 0)
            for row in rows {
                if let id = row.id {
                    _ = try Self.change(id, with: row.draft, in: workspace, now: now, db)
                    counts.updated += 1
                } else {
                    _ = try Self.insert(row.draft, createdBy: createdBy, in: workspace, now: now, db)
                    counts.created += 1
                }
            }
            return counts
        }
    }

    func find(_ id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentItem? {
        try await writer.read { db in try Self.find(id, in: workspace, db) }
    }

    static func find(_ id: ContentItemID, in workspace: WorkspaceID, _ db: Database) throws -> ContentItem? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM content_items WHERE id = ? AND workspace_id = ?", arguments: [id.rawValue, workspace.rawValue]
        ).map(item)
    }

    static func require(_ id: ContentItemID, in workspace: WorkspaceID, _ db: Database) throws -> ContentItem {
        guard let item = try find(id, in: workspace, db) else { throw DomainError.notFound("Content item not found.") }
        return item
    }

    func list(in workspace: WorkspaceID, filter: ContentFilter, page: PageRequest) async throws -> Page<ContentItem> {
        let cursor = try KeysetCursor.decode(page.cursor)
        var sql = "SELECT * FROM content_items WHERE workspace_id = ?"
        var arguments: StatementArguments = [workspace.rawValue]
        if !filter.statuses.isEmpty {
            sql += " AND status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))"
            for status in filter.statuses { arguments += [status.rawValue] }
        }
        if let type = filter.contentType {
            sql += " AND content_type = ?"
            arguments += [type]
        }
        if let campaign = filter.campaign {
            sql += " AND campaign = ? COLLATE NOCASE"
            arguments += [campaign]
        }
        if let tag = filter.tag?.lowercased() {
            sql += " AND (',' || tags || ',') LIKE ? ESCAPE '\\'"
            arguments += [LikePattern.contains(",\(tag),")]
        }
        if let evergreen = filter.evergreen {
            sql += evergreen ? " AND evergreen_interval_days IS NOT NULL" : " AND evergreen_interval_days IS NULL"
        }
        if let query = filter.query?.trimmingCharacters(in: .whitespacesAndNewlines), !query.isEmpty {
            let pattern = LikePattern.contains(String(query.prefix(200)))
            sql += " AND (title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' OR campaign LIKE ? ESCAPE '\\')"
            arguments += [pattern, pattern, pattern]
        }
        if let cursor {
            sql += " AND (updated_at, id) < (?, ?)"
            arguments += [cursor.key, cursor.id]
        }
        sql += " ORDER BY updated_at DESC, id DESC LIMIT ?"
        arguments += [page.limit + 1]
        return try await writer.read { [sql, arguments] db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return Page(
                items: try rows.prefix(page.limit).map(Self.item),
                next: KeysetCursor.next(after: rows, limit: page.limit, column: "updated_at"))
        }
    }

    func update(_ id: ContentItemID, with draft: ContentDraft, in workspace: WorkspaceID) async throws -> ContentItem {
        let now = clock.now()
        return try await writer.write(mapping: Self.itemMessages) { db in
            try Self.change(id, with: draft, in: workspace, now: now, db)
        }
    }

    static func change(_ id: ContentItemID, with draft: ContentDraft, in workspace: WorkspaceID, now: Date, _ db: Database) throws
        -> ContentItem
    {
        let current = try require(id, in: workspace, db)
        // Approval, scheduling and publishing own the other states: an edit keeps them unless the text changed.
        let status = draft.status ?? current.status
        try db.execute(
            sql: """
                UPDATE content_items SET title = ?, body = ?, status = ?, content_type = ?, campaign = ?, tags = ?,
                    evergreen_interval_days = ?, evergreen_until = ?, evergreen_cap = ?, notes = ?, updated_at = ?
                WHERE id = ? AND workspace_id = ?
                """,
            arguments: [
                draft.title, draft.body, status.rawValue, draft.contentType, draft.campaign, StringList.encode(draft.tags),
                draft.evergreen?.intervalDays, draft.evergreen?.until, draft.evergreen?.cap, draft.notes, now,
                id.rawValue, workspace.rawValue,
            ])
        try revokeApprovalIfChanged(id, in: workspace, now: now, db)
        return try require(id, in: workspace, db)
    }

    /// An approved or scheduled item whose text no longer matches what was approved goes back to review.
    /// Publications already queued keep the text they were given when scheduled.
    static func revokeApprovalIfChanged(_ id: ContentItemID, in workspace: WorkspaceID, now: Date, _ db: Database) throws {
        let item = try require(id, in: workspace, db)
        guard let approved = item.approvedFingerprint else { return }
        let fingerprint = ContentFingerprint.of(item, variants: try variants(of: id, db), media: try media(of: id, db))
        guard fingerprint != approved else { return }
        let status: ContentStatus = [.approved, .scheduled].contains(item.status) ? .inReview : item.status
        try db.execute(
            sql: "UPDATE content_items SET approved_fingerprint = NULL, status = ?, updated_at = ? WHERE id = ?",
            arguments: [status.rawValue, now, id.rawValue])
    }

    func setStatus(_ id: ContentItemID, to status: ContentStatus, in workspace: WorkspaceID) async throws {
        let now = clock.now()
        try await writer.write(mapping: Self.itemMessages) { db in
            _ = try Self.require(id, in: workspace, db)
            if [.approved, .scheduled].contains(status) {
                let approved = try String.fetchOne(
                    db, sql: "SELECT approved_fingerprint FROM content_items WHERE id = ?", arguments: [id.rawValue])
                guard approved != nil else {
                    throw DomainError.invalid(field: "status", message: "This item needs an approval first.")
                }
            }
            try db.execute(
                sql: "UPDATE content_items SET status = ?, updated_at = ? WHERE id = ? AND workspace_id = ?",
                arguments: [status.rawValue, now, id.rawValue, workspace.rawValue])
        }
    }

    func delete(_ id: ContentItemID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            _ = try Self.require(id, in: workspace, db)
            let pending = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM publications WHERE content_id = ? AND state IN ('scheduled', 'sending', 'unknown')",
                arguments: [id.rawValue]) ?? 0
            guard pending == 0 else {
                throw DomainError.conflict("This item has \(pending) publication(s) waiting. Cancel them before deleting it.")
            }
            try db.execute(sql: "DELETE FROM content_items WHERE id = ? AND workspace_id = ?", arguments: [id.rawValue, workspace.rawValue])
        }
    }

    // MARK: Variants

    func variants(of id: ContentItemID, in workspace: WorkspaceID) async throws -> [ContentVariant] {
        try await writer.read { db in
            _ = try Self.require(id, in: workspace, db)
            return try Self.variants(of: id, db)
        }
    }

    static func variants(of id: ContentItemID, _ db: Database) throws -> [ContentVariant] {
        try Row.fetchAll(db, sql: "SELECT * FROM content_variants WHERE content_id = ? ORDER BY id", arguments: [id.rawValue]).map(variant)
    }

    func saveVariant(_ draft: VariantDraft, of id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentVariant {
        let now = clock.now()
        return try await writer.write(mapping: Self.variantMessages) { db in
            _ = try Self.require(id, in: workspace, db)
            let files = Set(try Self.media(of: id, db).map(\.id))
            guard draft.mediaIDs.allSatisfy(files.contains) else {
                throw DomainError.invalid(field: "mediaIds", message: "Attach the file to this item before using it in a variant.")
            }
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO content_variants (
                        workspace_id, content_id, channel_id, market_id, title, body, follow_ups, media_ids, translation, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (content_id, IFNULL(channel_id, 0), IFNULL(market_id, 0)) DO UPDATE SET
                        title = excluded.title, body = excluded.body, follow_ups = excluded.follow_ups,
                        media_ids = excluded.media_ids, translation = excluded.translation, updated_at = excluded.updated_at
                    RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, id.rawValue, draft.channelID?.rawValue, draft.marketID?.rawValue, draft.title, draft.body,
                    JSONColumn.encode(draft.followUps), JSONColumn.encode(ids: draft.mediaIDs), draft.translation.rawValue, now,
                ])
            guard let row else { throw DomainError.notFound("The variant could not be saved.") }
            try Self.touch(id, now: now, db)
            try Self.revokeApprovalIfChanged(id, in: workspace, now: now, db)
            return try Self.variant(row)
        }
    }

    func deleteVariant(_ variantID: ContentVariantID, of id: ContentItemID, in workspace: WorkspaceID) async throws {
        let now = clock.now()
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM content_variants WHERE id = ? AND content_id = ? AND workspace_id = ?",
                arguments: [variantID.rawValue, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Variant not found.") }
            try Self.touch(id, now: now, db)
            try Self.revokeApprovalIfChanged(id, in: workspace, now: now, db)
        }
    }

    private static func touch(_ id: ContentItemID, now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE content_items SET updated_at = ? WHERE id = ?", arguments: [now, id.rawValue])
    }

    // MARK: Media

    func addMedia(
        to id: ContentItemID, filename: String, mimeType: String, byteCount: Int, sha256: String, altText: String?,
        in workspace: WorkspaceID
    ) async throws -> ContentMedia {
        let now = clock.now()
        let alt = altText?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (alt?.count ?? 0) <= 1500 else {
            throw DomainError.invalid(field: "altText", message: "Use at most 1,500 characters of alternative text.")
        }
        return try await writer.write(mapping: Self.itemMessages) { db in
            _ = try Self.require(id, in: workspace, db)
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO content_media (workspace_id, content_id, filename, mime_type, byte_count, sha256, alt_text, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, id.rawValue, filename, mimeType, byteCount, sha256, (alt?.isEmpty ?? true) ? nil : alt, now,
                ])
            guard let row else { throw DomainError.notFound("The file could not be attached.") }
            try Self.touch(id, now: now, db)
            try Self.revokeApprovalIfChanged(id, in: workspace, now: now, db)
            return Self.media(row)
        }
    }

    func media(of id: ContentItemID, in workspace: WorkspaceID) async throws -> [ContentMedia] {
        try await writer.read { db in
            _ = try Self.require(id, in: workspace, db)
            return try Self.media(of: id, db)
        }
    }

    static func media(of id: ContentItemID, _ db: Database) throws -> [ContentMedia] {
        try Row.fetchAll(db, sql: "SELECT * FROM content_media WHERE content_id = ? ORDER BY id", arguments: [id.rawValue]).map(media)
    }

    func findMedia(_ id: MediaID, in workspace: WorkspaceID) async throws -> ContentMedia? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM content_media WHERE id = ? AND workspace_id = ?", arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.media)
        }
    }

    func deleteMedia(_ mediaID: MediaID, of id: ContentItemID, in workspace: WorkspaceID) async throws {
        let now = clock.now()
        try await writer.write { db in
            let used = try Self.variants(of: id, db).filter { $0.mediaIDs.contains(mediaID) }
            guard used.isEmpty else {
                throw DomainError.conflict("This file is used by \(used.count) variant(s). Remove it from them first.")
            }
            try db.execute(
                sql: "DELETE FROM content_media WHERE id = ? AND content_id = ? AND workspace_id = ?",
                arguments: [mediaID.rawValue, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("File not found.") }
            try Self.touch(id, now: now, db)
            try Self.revokeApprovalIfChanged(id, in: workspace, now: now, db)
        }
    }

    // MARK: Reviews

    func addReview(_ review: NewContentReview, to id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentReview {
        let now = clock.now()
        return try await writer.write(mapping: Self.itemMessages) { db in
            let item = try Self.require(id, in: workspace, db)
            let current = ContentFingerprint.of(item, variants: try Self.variants(of: id, db), media: try Self.media(of: id, db))
            guard review.fingerprint == current else {
                throw DomainError.conflict("The content changed since it was opened. Reload it and review the current text.")
            }
            guard ![.published, .archived].contains(item.status) || review.decision == .commented else {
                throw DomainError.conflict("This item is \(item.status.rawValue.replacingOccurrences(of: "_", with: " ")); it can only be commented.")
            }
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO content_reviews (
                        workspace_id, content_id, decision, reviewer_id, reviewer_name, via_link, comment, fingerprint, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, id.rawValue, review.decision.rawValue, review.reviewerID?.rawValue, review.reviewerName,
                    review.viaLink, review.comment, current, now,
                ])
            guard let row else { throw DomainError.notFound("The review could not be recorded.") }
            switch review.decision {
            case .approved:
                let status: ContentStatus = item.status == .scheduled ? .scheduled : .approved
                try db.execute(
                    sql: "UPDATE content_items SET approved_fingerprint = ?, status = ?, updated_at = ? WHERE id = ?",
                    arguments: [current, status.rawValue, now, id.rawValue])
            case .changesRequested:
                try db.execute(
                    sql: "UPDATE content_items SET approved_fingerprint = NULL, status = 'draft', updated_at = ? WHERE id = ?",
                    arguments: [now, id.rawValue])
            case .commented:
                break
            }
            return try Self.review(row)
        }
    }

    func reviews(of id: ContentItemID, in workspace: WorkspaceID) async throws -> [ContentReview] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM content_reviews WHERE content_id = ? AND workspace_id = ? ORDER BY created_at, id",
                arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.review)
        }
    }

    func countByStatus(in workspace: WorkspaceID) async throws -> [ContentStatus: Int] {
        try await writer.read { db in
            var counts: [ContentStatus: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) AS n FROM content_items WHERE workspace_id = ? GROUP BY status",
                arguments: [workspace.rawValue])
            {
                if let status = ContentStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    // MARK: Rows

    static func item(_ row: Row) throws -> ContentItem {
        let interval: Int? = row["evergreen_interval_days"]
        return ContentItem(
            id: row.id("id"), workspaceID: row.id("workspace_id"), title: row["title"], body: row["body"],
            status: try row.decode(ContentStatus.self, "status"), contentType: row["content_type"], campaign: row["campaign"],
            tags: StringList.decode(row["tags"]),
            evergreen: interval.map { EvergreenPolicy(intervalDays: $0, until: row["evergreen_until"], cap: row["evergreen_cap"]) },
            notes: row["notes"], approvedFingerprint: row["approved_fingerprint"], createdBy: row.optionalID("created_by"),
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func variant(_ row: Row) throws -> ContentVariant {
        ContentVariant(
            id: row.id("id"), contentID: row.id("content_id"), channelID: row.optionalID("channel_id"),
            marketID: row.optionalID("market_id"), title: row["title"], body: row["body"],
            followUps: JSONColumn.decode(row["follow_ups"]), mediaIDs: JSONColumn.decode(ids: row["media_ids"]),
            translation: try row.decode(TranslationStatus.self, "translation"), updatedAt: row["updated_at"])
    }

    static func media(_ row: Row) -> ContentMedia {
        ContentMedia(
            id: row.id("id"), workspaceID: row.id("workspace_id"), contentID: row.id("content_id"), filename: row["filename"],
            mimeType: row["mime_type"], byteCount: row["byte_count"], sha256: row["sha256"], altText: row["alt_text"],
            createdAt: row["created_at"])
    }

    static func review(_ row: Row) throws -> ContentReview {
        ContentReview(
            id: row.id("id"), contentID: row.id("content_id"), decision: try row.decode(ReviewDecision.self, "decision"),
            reviewerID: row.optionalID("reviewer_id"), reviewerName: row["reviewer_name"], viaLink: row["via_link"],
            comment: row["comment"], fingerprint: row["fingerprint"], createdAt: row["created_at"])
    }
}
