import Foundation
import FoyerCore
import GRDB

/// Messages in SQLite. An insert also writes their full-text rows and their conversations' inbox columns
/// (``ConversationInboxColumns``); the `messages_fts` triggers follow later edits and deletions.
struct MessageSQLiteRepository: MessageRepository {
    let writer: any DatabaseWriter

    static let insertSQL = """
        INSERT INTO messages (
            workspace_id, channel_id, conversation_id, member_id, external_id, kind, direction, author_name, body,
            sent_at, received_at, url, language, language_confidence, sentiment, sentiment_score, toxicity_score,
            toxic, toxicity_categories, spam_score, spam, intents, like_count, share_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (channel_id, external_id) DO NOTHING
        RETURNING id
        """

    func insert(_ messages: [NewMessage], in workspace: WorkspaceID) async throws -> [Message] {
        guard !messages.isEmpty else { return [] }
        let constraintMessages = ConstraintMessages(
            unique: "This message is already stored.",
            missingReference: "A message refers to a conversation, channel or member that is not in this workspace.",
            field: "message")
        return try await writer.write(mapping: constraintMessages) { db in
            try Self.insert(messages, in: workspace, db)
        }
    }

    /// The body of ``insert(_:in:)``, inside the caller's write transaction (the demo's bulk loader uses it).
    static func insert(_ messages: [NewMessage], in workspace: WorkspaceID, _ db: Database) throws -> [Message] {
        let statement = try db.cachedStatement(sql: insertSQL)
        var stored: [Message] = []
        stored.reserveCapacity(messages.count)
        for message in messages {
            let analysis = message.analysis
            try statement.setArguments([
                workspace.rawValue, message.channelID.rawValue, message.conversationID.rawValue,
                message.memberID?.rawValue, message.externalID, message.kind.rawValue, message.direction.rawValue,
                message.authorName, message.body, message.sentAt, message.receivedAt, message.url, analysis.language,
                analysis.languageConfidence, analysis.sentiment?.rawValue, analysis.sentimentScore,
                analysis.toxicityScore, analysis.toxic, StringList.encode(analysis.toxicityCategories),
                analysis.spamScore, analysis.spam, StringList.encode(analysis.intents), message.likeCount,
                message.shareCount,
            ])
            // Building the result from the input (rather than `RETURNING *`) keeps bulk ingest fast; dates go
            // through the same conversion as a read, so the result equals what `find` returns.
            if let id = try Int64.fetchOne(statement) {
                stored.append(Self.message(id: id, workspace: workspace, message))
            }
        }
        try indexForSearch(stored, db)
        try ConversationInboxColumns.update(for: stored, db)
        try updateConversations(for: stored, db)
        try updateMembers(for: stored, db)
        return stored
    }

    static let insertFullText = RowWriter(
        "INSERT INTO messages_fts (rowid, body)", columns: 2, rows: RowWriter.rowsPerInsert)

    /// The full-text rows of new messages. FTS5 writes its pending terms out as a new segment whenever a rowid
    /// is not larger than the previous one, so they go in increasing id order.
    static func indexForSearch(_ messages: [Message], _ db: Database) throws {
        try insertFullText.run(messages.sorted { $0.id.rawValue < $1.id.rawValue }, db) { row, message in
            row.add(message.id.rawValue)
            row.add(message.body)
        }
    }

    /// Counters and times of each conversation that received new messages.
    private static func updateConversations(for messages: [Message], _ db: Database) throws {
        var batches: [ConversationID: (count: Int, first: Date, last: Date)] = [:]
        for message in messages {
            if let batch = batches[message.conversationID] {
                batches[message.conversationID] = (
                    batch.count + 1, min(batch.first, message.sentAt), max(batch.last, message.sentAt)
                )
            } else {
                batches[message.conversationID] = (1, message.sentAt, message.sentAt)
            }
        }
        let counters = try db.cachedStatement(
            sql: """
                UPDATE conversations SET
                    message_count = message_count + :count,
                    first_message_at = CASE WHEN message_count = 0 THEN :first ELSE min(first_message_at, :first) END,
                    last_message_at = CASE WHEN message_count = 0 THEN :last ELSE max(last_message_at, :last) END
                WHERE id = :id
                """)
        let firstResponse = try db.cachedStatement(sql: ConversationSQL.setFirstResponse)
        for (id, batch) in batches {
            try counters.execute(arguments: [
                "count": batch.count, "first": batch.first, "last": batch.last, "id": id.rawValue,
            ])
            try firstResponse.execute(arguments: ["id": id.rawValue])
        }
    }

    /// First and last seen times of the members who wrote new inbound messages.
    private static func updateMembers(for messages: [Message], _ db: Database) throws {
        var seen: [MemberID: (first: Date, last: Date)] = [:]
        for message in messages where message.direction == .inbound {
            guard let member = message.memberID else { continue }
            let current = seen[member]
            seen[member] = (
                min(current?.first ?? message.sentAt, message.sentAt),
                max(current?.last ?? message.sentAt, message.sentAt)
            )
        }
        guard !seen.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: """
                UPDATE members SET first_seen_at = min(first_seen_at, :first), last_seen_at = max(last_seen_at, :last)
                WHERE id = :id
                """)
        for (id, times) in seen {
            try statement.execute(arguments: ["first": times.first, "last": times.last, "id": id.rawValue])
        }
    }

    func find(_ id: MessageID, in workspace: WorkspaceID) async throws -> Message? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM messages WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.message)
        }
    }

    func list(in workspace: WorkspaceID, filter: MessageFilter, page: PageRequest) async throws -> Page<Message> {
        let cursor = try KeysetCursor.decode(page.cursor)
        var conditions = ["m.workspace_id = ?"]
        var arguments: StatementArguments = [workspace.rawValue]
        if let channel = filter.channelID {
            conditions.append("m.channel_id = ?")
            arguments += [channel.rawValue]
        }
        if let conversation = filter.conversationID {
            conditions.append("m.conversation_id = ?")
            arguments += [conversation.rawValue]
        }
        if let language = filter.language {
            conditions.append("m.language = ?")
            arguments += [language]
        }
        if let sentiment = filter.sentiment {
            conditions.append("m.sentiment = ?")
            arguments += [sentiment.rawValue]
        }
        if let cursor {
            conditions.append("(m.sent_at, m.id) < (?, ?)")
            arguments += [cursor.key, cursor.id]
        }
        var match: String?
        if let text = filter.text {
            guard let query = FullTextQuery.make(from: text) else { return Page(items: [], next: nil) }
            match = query
        }
        let limit = page.limit
        return try await writer.read { [conditions, arguments, match] db in
            var from = "messages m"
            var conditions = conditions
            var arguments = arguments
            var search: FullTextSearch.Strategy?
            if let match {
                let strategy = try FullTextSearch.strategy(for: match, db)
                switch strategy {
                case .fromMatches:
                    from = "messages_fts CROSS JOIN messages m ON m.id = messages_fts.rowid"
                    conditions.append("messages_fts MATCH ?")
                    arguments += [match]
                case .probe, .fromIndex:
                    let matches = FullTextSearch.commonTermCondition(strategy, match: match, column: "m.id")
                    conditions.append(matches.sql)
                    arguments += matches.arguments
                }
                search = strategy
            }
            let sql = """
                SELECT m.* FROM \(from) WHERE \(conditions.joined(separator: " AND "))
                ORDER BY m.sent_at DESC, m.id DESC LIMIT ?
                """
            arguments += [limit + 1]
            let rows = try withExtendedLifetime(search) { try Row.fetchAll(db, sql: sql, arguments: arguments) }
            let items = try rows.prefix(limit).map(Self.message)
            return Page(items: items, next: KeysetCursor.next(after: rows, limit: limit, column: "sent_at"))
        }
    }

    func thread(_ conversation: ConversationID, in workspace: WorkspaceID) async throws -> [Message] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM messages WHERE conversation_id = ? AND workspace_id = ? ORDER BY sent_at, id",
                arguments: [conversation.rawValue, workspace.rawValue]
            ).map(Self.message)
        }
    }

    func count(in workspace: WorkspaceID) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM messages WHERE workspace_id = ?", arguments: [workspace.rawValue])
                ?? 0
        }
    }

    func setModeration(_ moderation: MessageModeration, of id: MessageID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE messages SET moderation_state = ?, moderated_at = ?, moderated_by = ?
                    WHERE id = ? AND workspace_id = ?
                    """,
                arguments: [
                    moderation.state.rawValue, moderation.at, moderation.by?.rawValue, id.rawValue, workspace.rawValue,
                ])
            guard db.changesCount > 0 else { throw DomainError.notFound("Message not found.") }
        }
    }

    /// The stored form of `new`: dates rounded as the database stores them, lists as they read back.
    static func message(id: Int64, workspace: WorkspaceID, _ new: NewMessage) -> Message {
        var analysis = new.analysis
        analysis.toxicityCategories = StringList.decode(StringList.encode(analysis.toxicityCategories))
        analysis.intents = StringList.decode(StringList.encode(analysis.intents))
        return Message(
            id: MessageID(id), workspaceID: workspace, channelID: new.channelID, conversationID: new.conversationID,
            memberID: new.memberID, externalID: new.externalID, kind: new.kind, direction: new.direction,
            authorName: new.authorName, body: new.body, sentAt: stored(new.sentAt), receivedAt: stored(new.receivedAt),
            url: new.url, analysis: analysis, likeCount: new.likeCount, shareCount: new.shareCount)
    }

    /// A date as it reads back from the database (GRDB keeps milliseconds).
    static func stored(_ date: Date) -> Date {
        Date.fromDatabaseValue(date.databaseValue) ?? date
    }

    static func message(_ row: Row) throws -> Message {
        let analysis = MessageAnalysis(
            language: row["language"], languageConfidence: row["language_confidence"],
            sentiment: try row.decodeIfPresent(SentimentLabel.self, "sentiment"),
            sentimentScore: row["sentiment_score"],
            toxicityScore: row["toxicity_score"], toxic: row["toxic"],
            toxicityCategories: StringList.decode(row["toxicity_categories"]), spamScore: row["spam_score"],
            spam: row["spam"], intents: StringList.decode(row["intents"]))
        let moderation = try row.decodeIfPresent(MessageModerationState.self, "moderation_state").map { state in
            MessageModeration(state: state, at: row["moderated_at"], by: row.optionalID("moderated_by"))
        }
        return Message(
            id: row.id("id"), workspaceID: row.id("workspace_id"), channelID: row.id("channel_id"),
            conversationID: row.id("conversation_id"), memberID: row.optionalID("member_id"),
            externalID: row["external_id"], kind: try row.decode(MessageKind.self, "kind"),
            direction: try row.decode(MessageDirection.self, "direction"), authorName: row["author_name"],
            body: row["body"], sentAt: row["sent_at"], receivedAt: row["received_at"], url: row["url"],
            analysis: analysis, likeCount: row["like_count"], shareCount: row["share_count"], moderation: moderation)
    }
}
