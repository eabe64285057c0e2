import Foundation
import FoyerCore
import GRDB

/// The inbox workflow on conversations: the list's filters and orders, counts, priority and bulk actions.
extension ConversationSQLiteRepository {
    /// The most conversations one bulk action takes.
    static let maximumBulkCount = 500

    /// The conditions of a filter on `conversations c`, for one workspace; `nil` when nothing can match
    /// (a search without words, or an SLA filter in a workspace without a target). `search` holds the
    /// matches of a full-text filter: keep it alive until the query's rows are read.
    static func conditions(
        for filter: ConversationFilter, in workspace: WorkspaceID, now: Date, _ db: Database
    ) throws -> (sql: [String], arguments: StatementArguments, search: FullTextSearch.Strategy?)? {
        var conditions = ["c.workspace_id = ?"]
        var arguments: StatementArguments = [workspace.rawValue]
        if let status = filter.status {
            conditions.append("c.status = ?")
            arguments += [status.rawValue]
        }
        if let channel = filter.channelID {
            conditions.append("c.channel_id = ?")
            arguments += [channel.rawValue]
        }
        switch filter.assignee {
        case nil: break
        case .unassigned: conditions.append("c.assignee_id IS NULL")
        case .someone: conditions.append("c.assignee_id IS NOT NULL")
        case .user(let user):
            conditions.append("c.assignee_id = ?")
            arguments += [user.rawValue]
        }
        if let member = filter.memberID {
            conditions.append("c.member_id = ?")
            arguments += [member.rawValue]
        }
        if let language = filter.language {
            // The language the member last wrote in, like the sentiment and intent filters.
            conditions.append("c.inbound_language = ?")
            arguments += [language]
        }
        if let tag = filter.tag {
            conditions.append(
                """
                c.id IN (SELECT ct.conversation_id FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
                    WHERE t.workspace_id = ? AND t.name = ?)
                """)
            arguments += [workspace.rawValue, tag.trimmingCharacters(in: .whitespacesAndNewlines)]
        }
        if let sentiment = filter.sentiment {
            conditions.append("c.inbound_sentiment = ?")
            arguments += [sentiment.rawValue]
        }
        if let intent = filter.intent {
            conditions.append("instr(',' || c.inbound_intents || ',', ?) > 0")
            arguments += ["," + intent.replacingOccurrences(of: ",", with: " ") + ","]
        }
        if let toxic = filter.toxic {
            conditions.append(toxic ? "c.inbound_toxic = 1" : "c.inbound_toxic = 0")
        }
        if let spam = filter.spam {
            conditions.append(
                spam ? "(c.marked_spam = 1 OR c.inbound_spam = 1)" : "(c.marked_spam = 0 AND c.inbound_spam = 0)")
        }
        if filter.slaBreached {
            guard let cutoff = try breachCutoff(in: workspace, now: now, db) else { return nil }
            conditions.append("c.status IN ('open', 'pending') AND c.waiting_since <= ?")
            arguments += [cutoff]
        }
        if filter.sort == .oldestWaiting {
            conditions.append("c.waiting_since IS NOT NULL")
        }
        var search: FullTextSearch.Strategy?
        if let text = filter.text {
            guard let match = FullTextQuery.make(from: text) else { return nil }
            let strategy = try FullTextSearch.strategy(for: match, db)
            switch strategy {
            case .fromMatches:
                conditions.append(
                    """
                    c.id IN (SELECT m.conversation_id FROM messages_fts CROSS JOIN messages m
                        ON m.id = messages_fts.rowid WHERE messages_fts MATCH ? AND m.workspace_id = ?)
                    """)
                arguments += [match, workspace.rawValue]
            case .probe, .fromIndex:
                let matches = FullTextSearch.commonTermCondition(strategy, match: match, column: "m.id")
                conditions.append("EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND \(matches.sql))")
                arguments += matches.arguments
            }
            search = strategy
        }
        return (conditions, arguments, search)
    }

    /// The latest `waiting_since` that is breached now, from the workspace's settings and time zone.
    static func breachCutoff(in workspace: WorkspaceID, now: Date, _ db: Database) throws -> Date? {
        let settings = try InboxSettingsSQLiteRepository.settings(of: workspace, db)
        let timeZone =
            try String.fetchOne(
                db, sql: "SELECT time_zone FROM workspaces WHERE id = ?", arguments: [workspace.rawValue])
            ?? "UTC"
        return SLAPolicy(settings: settings, timeZoneIdentifier: timeZone)?.breachCutoff(now: now)
    }

    func list(in workspace: WorkspaceID, filter: ConversationFilter, page: PageRequest) async throws -> Page<
        Conversation
    > {
        let now = clock.now()
        let limit = page.limit
        let sort = filter.sort
        let newestCursor = sort == .newest ? try KeysetCursor.decode(page.cursor) : nil
        let waitingCursor = sort == .oldestWaiting ? try KeysetCursor.decode(page.cursor) : nil
        let priorityCursor = sort == .priority ? try PriorityCursor.decode(page.cursor) : nil
        return try await writer.read { db in
            guard let query = try Self.conditions(for: filter, in: workspace, now: now, db) else {
                return Page(items: [], next: nil)
            }
            var (conditions, arguments) = (query.sql, query.arguments)
            let order: String
            switch sort {
            case .newest:
                if let cursor = newestCursor {
                    conditions.append("(c.last_message_at, c.id) < (?, ?)")
                    arguments += [cursor.key, cursor.id]
                }
                order = "c.last_message_at DESC, c.id DESC"
            case .oldestWaiting:
                if let cursor = waitingCursor {
                    conditions.append("(c.waiting_since, c.id) > (?, ?)")
                    arguments += [cursor.key, cursor.id]
                }
                order = "c.waiting_since, c.id"
            case .priority:
                if let cursor = priorityCursor {
                    conditions.append("(c.priority_rank, c.last_message_at, c.id) < (?, ?, ?)")
                    arguments += [cursor.rank, cursor.key, cursor.id]
                }
                order = "c.priority_rank DESC, c.last_message_at DESC, c.id DESC"
            }
            let sql = """
                SELECT c.*, c.priority_rank FROM conversations c WHERE \(conditions.joined(separator: " AND "))
                ORDER BY \(order) LIMIT ?
                """
            arguments += [limit + 1]
            let rows = try withExtendedLifetime(query.search) { try Row.fetchAll(db, sql: sql, arguments: arguments) }
            let pageRows = Array(rows.prefix(limit))
            let tags = try Self.tags(of: pageRows.map { $0["id"] }, db)
            let items = try pageRows.map { row in try Self.conversation(row, tags: tags[row["id"]] ?? []) }
            let next: String?
            switch sort {
            case .newest: next = KeysetCursor.next(after: rows, limit: limit, column: "last_message_at")
            case .oldestWaiting: next = KeysetCursor.next(after: rows, limit: limit, column: "waiting_since")
            case .priority:
                next =
                    rows.count > limit
                    ? PriorityCursor(
                        rank: rows[limit - 1]["priority_rank"], key: rows[limit - 1]["last_message_at"],
                        id: rows[limit - 1]["id"]
                    ).encoded : nil
            }
            return Page(items: items, next: next)
        }
    }

    func count(in workspace: WorkspaceID, filter: ConversationFilter) async throws -> Int {
        let now = clock.now()
        return try await writer.read { db in
            guard let (conditions, arguments, search) = try Self.conditions(for: filter, in: workspace, now: now, db)
            else {
                return 0
            }
            return try withExtendedLifetime(search) {
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM conversations c WHERE \(conditions.joined(separator: " AND "))",
                    arguments: arguments) ?? 0
            }
        }
    }

    func wakeSnoozed(now: Date) async throws -> [Conversation] {
        try await writer.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    UPDATE conversations SET status = 'open', snoozed_until = NULL
                    WHERE status = 'snoozed' AND snoozed_until <= ? RETURNING *
                    """,
                arguments: [now])
            let tags = try Self.tags(of: rows.map { $0["id"] }, db)
            return try rows.map { row in try Self.conversation(row, tags: tags[row["id"]] ?? []) }
        }
    }

    func setPriority(_ id: ConversationID, in workspace: WorkspaceID, priority: ConversationPriority) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE conversations SET priority = ? WHERE id = ? AND workspace_id = ?",
                arguments: [priority.rawValue, id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Conversation not found.") }
        }
    }

    func apply(
        _ action: ConversationBulkAction, to ids: [ConversationID], in workspace: WorkspaceID, by actor: UserID?,
        at: Date
    ) async throws -> Int {
        guard !ids.isEmpty else {
            throw DomainError.invalid(field: "ids", message: "Select at least one conversation.")
        }
        guard ids.count <= Self.maximumBulkCount else {
            throw DomainError.invalid(
                field: "ids", message: "Select at most \(Self.maximumBulkCount) conversations at a time.")
        }
        var tagName: String?
        var details: [String: String] = [:]
        switch action {
        case .tag(let raw):
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 50 else {
                throw DomainError.invalid(field: "tag", message: "Use a tag name of 1 to 50 characters.")
            }
            tagName = name
            details["tag"] = name
        case .assign(let user):
            details["assignee"] = user?.description ?? ""
        case .close, .markSpam:
            break
        }
        let detailsText = try JSONText.encode(details.merging(["bulk": ids.count > 1 ? "true" : "false"]) { a, _ in a })
        let idList = HotText.jsonArray(ids.map(\.rawValue))
        return try await writer.write { [tagName] db in
            let targets = try Int64.fetchAll(
                db,
                sql: "SELECT id FROM conversations WHERE workspace_id = ? AND id IN (SELECT value FROM json_each(?))",
                arguments: [workspace.rawValue, idList])
            guard !targets.isEmpty else { return 0 }
            let targetList = HotText.jsonArray(targets)
            let scope = "workspace_id = ? AND id IN (SELECT value FROM json_each(?))"
            switch action {
            case .assign(let user):
                if let user { try Self.requireMember(user, of: workspace, db) }
                try db.execute(
                    sql: "UPDATE conversations SET assignee_id = ? WHERE \(scope)",
                    arguments: [user?.rawValue, workspace.rawValue, targetList])
            case .tag:
                let tagID = try tagName.flatMap { try TagSQLiteRepository.ensure($0, in: workspace, db) }
                try db.execute(
                    sql: """
                        INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id)
                        SELECT ?, value, ? FROM json_each(?) WHERE true
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [workspace.rawValue, tagID, targetList])
            case .close, .markSpam:
                let spam = action == .markSpam ? ", marked_spam = 1" : ""
                try db.execute(
                    sql: """
                        UPDATE conversations SET status = 'closed', snoozed_until = NULL,
                            closed_at = coalesce(closed_at, ?)\(spam)
                        WHERE \(scope)
                        """,
                    arguments: [at, workspace.rawValue, targetList])
            }
            let audit = try db.cachedStatement(
                sql: """
                    INSERT INTO audit_events (workspace_id, actor_id, action, target_type, target_id, details, created_at)
                    VALUES (?, ?, ?, 'conversation', ?, ?, ?)
                    """)
            for target in targets {
                try audit.execute(arguments: [
                    workspace.rawValue, actor?.rawValue, action.auditAction, String(target), detailsText, at,
                ])
            }
            return targets.count
        }
    }
}

/// The keyset cursor of the priority order: base64url of `"<rank>|<stored date>|<id>"`.
struct PriorityCursor: Equatable {
    var rank: Int
    var key: String
    var id: Int64

    static func decode(_ text: String?) throws -> PriorityCursor? {
        guard let text else { return nil }
        let invalid = DomainError.invalid(
            field: "cursor", message: "This page link is not valid any more. Start again from the first page.")
        guard text.count <= 200, let data = Data(base64URLEncoded: text),
            let plain = String(data: data, encoding: .utf8)
        else { throw invalid }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let rank = Int(parts[0]), (0...3).contains(rank), let id = Int64(parts[2]), id > 0,
            Date.fromDatabaseValue(String(parts[1]).databaseValue) != nil
        else { throw invalid }
        return PriorityCursor(rank: rank, key: String(parts[1]), id: id)
    }

    var encoded: String { Data("\(rank)|\(key)|\(id)".utf8).base64URLEncodedString() }
}
