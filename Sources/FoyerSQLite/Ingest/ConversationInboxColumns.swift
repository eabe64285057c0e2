import FoyerCore
import GRDB

/// The columns of `conversations` that the inbox list filters and sorts on, kept up to date by every writer
/// of messages (the ingest store for a whole batch, the message repository with ``update(for:_:)``).
///
/// ``apply(inboundAt:language:sentiment:toxic:spam:intents:)`` and ``apply(outboundAt:)`` are the bodies of
/// the triggers `conversations_track_inbound` and `conversations_track_outbound` of `0004_inbox_workflow`
/// (dropped by `0013_inbox_columns_in_swift`), statement for statement: applying messages in insertion order
/// from the stored values gives the values the triggers left. Times are compared as the stored text
/// (`yyyy-MM-dd HH:mm:ss.SSS`), as SQLite compares them.
struct ConversationInboxColumns: Equatable {
    var lastInboundAt: String?
    var lastOutboundAt: String?
    var waitingSince: String?
    var language: String?
    var sentiment: String?
    var toxic = false
    var spam = false
    var intents = ""

    /// A new inbound message.
    mutating func apply(
        inboundAt sent: String, language: String?, sentiment: String?, toxic: Bool?, spam: Bool?, intents: String
    ) {
        // Each step reads the values the previous ones left, as the trigger's three updates do.
        if lastInboundAt.map({ sent >= $0 }) ?? true {
            self.language = language
            self.sentiment = sentiment
            self.toxic = toxic ?? false
            self.spam = spam ?? false
            self.intents = intents
        }
        if waitingSince.map({ sent < $0 }) ?? true, lastOutboundAt.map({ sent > $0 }) ?? true {
            waitingSince = sent
        }
        if lastInboundAt.map({ sent > $0 }) ?? true {
            lastInboundAt = sent
        }
    }

    /// A new outbound message.
    mutating func apply(outboundAt sent: String) {
        if let waiting = waitingSince, waiting <= sent {
            // `last_inbound_at > sent` is false when `last_inbound_at` is NULL.
            waitingSince = lastInboundAt.flatMap { $0 > sent ? $0 : nil }
        }
        if lastOutboundAt.map({ sent > $0 }) ?? true {
            lastOutboundAt = sent
        }
    }
}

extension ConversationInboxColumns {
    /// The stored columns, in the order ``init(row:)`` reads them.
    static let selectColumns = """
        last_inbound_at, last_outbound_at, waiting_since, inbound_language, inbound_sentiment, inbound_toxic,
        inbound_spam, inbound_intents
        """

    init(row: Row) {
        self.init(
            lastInboundAt: row["last_inbound_at"], lastOutboundAt: row["last_outbound_at"],
            waitingSince: row["waiting_since"], language: row["inbound_language"],
            sentiment: row["inbound_sentiment"], toxic: row["inbound_toxic"], spam: row["inbound_spam"],
            intents: row["inbound_intents"])
    }

    /// Binds the values of ``selectColumns``, in that order.
    func bind(to row: inout StatementBindings) {
        row.add(lastInboundAt)
        row.add(lastOutboundAt)
        row.add(waitingSince)
        row.add(language)
        row.add(sentiment)
        row.add(toxic)
        row.add(spam)
        row.add(intents)
    }

    /// Applies a stored message.
    mutating func apply(_ message: Message) {
        let sent = StoredDateText.text(message.sentAt)
        switch message.direction {
        case .inbound:
            let analysis = message.analysis
            apply(
                inboundAt: sent, language: analysis.language, sentiment: analysis.sentiment?.rawValue,
                toxic: analysis.toxic, spam: analysis.spam, intents: StringList.encode(analysis.intents))
        case .outbound:
            apply(outboundAt: sent)
        }
    }

    /// Brings the inbox columns of the conversations of `messages`, just inserted in this order, up to date;
    /// only the conversations whose columns change are written.
    static func update(for messages: [Message], _ db: Database) throws {
        guard !messages.isEmpty else { return }
        var ids: [Int64] = []
        var seen = Set<ConversationID>()
        for message in messages where seen.insert(message.conversationID).inserted {
            ids.append(message.conversationID.rawValue)
        }
        var stored: [ConversationID: ConversationInboxColumns] = [:]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, \(selectColumns) FROM conversations WHERE id IN (SELECT value FROM json_each(?))
                    """),
            arguments: [HotText.jsonArray(ids)])
        for row in rows { stored[row.id("id")] = ConversationInboxColumns(row: row) }
        var updated = stored
        for message in messages { updated[message.conversationID]?.apply(message) }
        let changed = updated.filter { stored[$0.key] != $0.value }
        try write.run(changed, db) { row, entry in
            entry.value.bind(to: &row)
            row.add(entry.key.rawValue)
        }
    }

    private static let write = RowWriter(
        """
        UPDATE conversations SET last_inbound_at = ?, last_outbound_at = ?, waiting_since = ?, inbound_language = ?,
            inbound_sentiment = ?, inbound_toxic = ?, inbound_spam = ?, inbound_intents = ?
        WHERE id = ?
        """)
}
