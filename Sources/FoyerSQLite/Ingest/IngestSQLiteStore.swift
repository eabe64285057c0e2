import Foundation
import FoyerCore
import GRDB

/// The ingest hot path in SQLite: one write transaction per batch, a handful of statements per batch rather
/// than per message.
///
/// In order: skip items already stored (one query for the batch, and repeats inside the batch); resolve
/// authors to members (one query, then a member and an identity for each new author); find or create the
/// conversations (one query; a reply whose thread is unknown joins its parent's conversation); insert the
/// messages with multi-row `INSERT`s; update each touched conversation and member once; add to the daily
/// rollup of each (channel, day) once. New members, conversations and messages are numbered in Swift
/// (``NextIDs``) and written with multi-row `INSERT`s bound by ``RowWriter``.
///
/// The inbox columns of each conversation are computed in Swift with ``ConversationInboxColumns`` and written
/// with the conversation's one insert or update, and the full-text rows are written with multi-row `INSERT`s
/// (`messages` has no insert triggers since migration `0013_inbox_columns_in_swift`).
///
/// Hostile values are made to fit rather than failing the batch: bodies longer than the schema's 100,000
/// characters are truncated, names and subjects too, over-long URLs are dropped, and a `sentAt` in the far
/// future is brought back to `receivedAt` plus one day. An empty or over-long external id cannot be made to
/// fit: the batch is refused with ``DomainError/invalid(field:message:)`` and nothing is stored.
struct IngestSQLiteStore: IngestStore {
    let writer: any DatabaseWriter
    let clock: any WallClock

    static let bodyLimit = 100_000
    static let nameLimit = 500
    static let subjectLimit = 200
    static let urlLimit = 2048
    static let idLimit = 500

    static let constraintMessages = ConstraintMessages(
        unique: "A message of this batch is already stored.",
        missingReference: "The channel was not found in its workspace.", field: "message")

    /// Sanitizes the batch on the caller's thread, then queues its write transaction on the writer's serial
    /// queue (GRDB's `asyncWrite` enqueues before returning), so batches are stored in the order they were
    /// queued and the writer starts the next one as soon as it has committed the previous one.
    func queue(_ items: [PreparedItem], channel: Channel, receivedAt: Date, after previous: QueuedIngest?)
        -> QueuedIngest
    {
        let queued = QueuedIngest()
        guard !items.isEmpty else {
            queued.complete(.success(IngestOutcome()))
            return queued
        }
        let prepared: [PreparedItem]
        do {
            prepared = try Self.sanitize(items, receivedAt: receivedAt)
        } catch {
            queued.complete(.failure(error))
            return queued
        }
        let now = clock.now()
        writer.asyncWrite(
            { db in
                if let failure = previous?.failure { throw failure }
                var batch = IngestBatch(channel: channel, receivedAt: receivedAt, now: now, db: db)
                return try batch.run(prepared)
            },
            completion: { _, result in queued.complete(result.mapError(Self.constraintMessages.map)) })
        return queued
    }

    /// Validates ids and trims every value to what the schema accepts.
    static func sanitize(_ items: [PreparedItem], receivedAt: Date) throws -> [PreparedItem] {
        let latest = receivedAt.addingTimeInterval(86_400)
        let earliest = Date(timeIntervalSince1970: 0)
        return try items.enumerated().map { index, prepared in
            var item = prepared.item
            let externalID = item.externalID
            guard !externalID.isEmpty, externalID.unicodeScalars.count <= idLimit else {
                throw DomainError.invalid(
                    field: "externalID",
                    message: "Item \(index + 1) of the batch has \(externalID.isEmpty ? "an empty" : "a too long") "
                        + "external id; a message id has 1 to 500 characters.")
            }
            if item.threadID.isEmpty { item.threadID = externalID }
            item.threadID = clipped(item.threadID, idLimit)
            if let parent = item.parentID, parent.isEmpty || parent.unicodeScalars.count > idLimit {
                item.parentID = nil
            }
            item.body = clipped(item.body, bodyLimit)
            item.author.externalID = clipped(item.author.externalID, idLimit)
            item.author.handle = clipped(item.author.handle, nameLimit)
            item.author.displayName = item.author.displayName.map { clipped($0, nameLimit) }
            if let url = item.url, url.unicodeScalars.count > urlLimit { item.url = nil }
            if let url = item.author.profileURL, url.unicodeScalars.count > urlLimit { item.author.profileURL = nil }
            item.sentAt = min(max(item.sentAt, earliest), latest)
            return PreparedItem(item: item, analysis: prepared.analysis)
        }
    }

    /// `text` cut to at most `limit` Unicode scalars (what SQLite's `length()` counts).
    static func clipped(_ text: String, _ limit: Int) -> String {
        // UTF-8 length bounds the scalar count from above: most texts need no counting.
        guard text.utf8.count > limit, text.unicodeScalars.count > limit else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.prefix(limit))
        return String(view)
    }
}

/// The state of one batch inside its write transaction.
private struct IngestBatch {
    let channel: Channel
    let receivedAt: Date
    let now: Date
    let db: Database
    var workspace: WorkspaceID { channel.workspaceID }
    /// `now` as stored, formatted once.
    let nowText: String
    /// The ids the rows created by this batch take.
    private var ids = NextIDs()

    /// Per member: new in this batch, and the seen times to record.
    private var memberTimes: [MemberID: (first: Date, last: Date)] = [:]
    private var createdMembers: [MemberID] = []
    private var newMemberDay: [MemberID: String] = [:]

    init(channel: Channel, receivedAt: Date, now: Date, db: Database) {
        self.channel = channel
        self.receivedAt = receivedAt
        self.now = now
        self.nowText = StoredDateText.text(now)
        self.db = db
    }

    mutating func run(_ items: [PreparedItem]) throws -> IngestOutcome {
        let fresh = try newItems(items).map(BatchItem.init)
        let duplicates = items.count - fresh.count
        guard !fresh.isEmpty else { return IngestOutcome(duplicates: duplicates) }

        ids = try NextIDs(db)
        let members = try resolveAuthors(fresh)
        let (conversationOf, conversations, created) = try resolveConversations(fresh, members: members)
        let messages = try insertMessages(fresh, members: members, conversationOf: conversationOf)
        try updateConversations(messages, states: conversations)
        try updateMembers()
        try addRollups(messages, createdConversations: created, conversations: conversations)
        return IngestOutcome(
            messages: messages, createdConversations: created.map(\.id), createdMembers: createdMembers,
            duplicates: duplicates)
    }

    // MARK: Deduplication

    /// The items whose (channel, external id) is not stored yet, first occurrence kept.
    private func newItems(_ items: [PreparedItem]) throws -> [PreparedItem] {
        var seen = Set<String>()
        let distinct = items.filter { seen.insert($0.item.externalID).inserted }
        var stored = Set<String>()
        try RowReader.each(
            db.cachedStatement(
                sql: """
                    SELECT external_id FROM messages
                    WHERE channel_id = ? AND external_id IN (SELECT value FROM json_each(?))
                    """),
            arguments: [channel.id.rawValue, HotText.jsonArray(distinct.map(\.item.externalID))], db
        ) { row in
            stored.insert(row.text(0))
            return true
        }
        return stored.isEmpty ? distinct : distinct.filter { !stored.contains($0.item.externalID) }
    }

    // MARK: Members

    /// The member of each inbound author's external id, creating a member and an identity for new ones.
    /// Outbound items are the channel's own account and get no member.
    private mutating func resolveAuthors(_ items: [BatchItem]) throws -> [String: MemberID] {
        var firstItem: [String: BatchItem] = [:]
        var order: [String] = []
        var seen: [String: (first: Date, last: Date)] = [:]
        firstItem.reserveCapacity(items.count)
        seen.reserveCapacity(items.count)
        for prepared in items where prepared.item.direction == .inbound && !prepared.item.author.externalID.isEmpty {
            let author = prepared.item.author.externalID
            let sentAt = prepared.item.sentAt
            if let times = seen[author] {
                seen[author] = (min(times.first, sentAt), max(times.last, sentAt))
            } else {
                firstItem[author] = prepared
                order.append(author)
                seen[author] = (sentAt, sentAt)
            }
        }
        guard !order.isEmpty else { return [:] }
        var members: [String: MemberID] = [:]
        members.reserveCapacity(order.count)
        try RowReader.each(
            db.cachedStatement(
                sql: """
                    SELECT external_id, member_id FROM identities
                    WHERE workspace_id = ? AND platform = ? AND external_id IN (SELECT value FROM json_each(?))
                    """),
            arguments: [workspace.rawValue, channel.kind.rawValue, HotText.jsonArray(order)], db
        ) { row in
            members[row.text(0)] = MemberID(row.int64(1))
            return true
        }

        struct NewMember {
            var id: Int64
            var externalID: String
            var author: InboundAuthor
            var times: (first: Date, last: Date)
        }
        var created: [NewMember] = []
        for externalID in order where members[externalID] == nil {
            guard let item = firstItem[externalID]?.item else { continue }
            // Created with the batch's first and last times, so it needs no update afterwards.
            let times = seen[externalID] ?? (item.sentAt, item.sentAt)
            let new = NewMember(id: try ids.take(\.member), externalID: externalID, author: item.author, times: times)
            created.append(new)
            let member = MemberID(new.id)
            members[externalID] = member
            createdMembers.append(member)
            newMemberDay[member] = UTCDay.string(times.first)
        }
        let workspaceID = workspace.rawValue
        let now = nowText
        try Self.insertMember.run(created, db) { row, new in
            let handle = new.author.handle.isEmpty ? new.externalID : new.author.handle
            row.add(new.id)
            row.add(workspaceID)
            row.add(Self.nonBlank(new.author.displayName) ?? handle)
            row.add("other")
            row.add(0 as Int64)
            row.add(StoredDateText.text(new.times.first))
            row.add(StoredDateText.text(new.times.last))
            row.add(now)
        }
        let platform = channel.kind.rawValue
        try Self.insertIdentity.run(created, db) { row, new in
            row.add(workspaceID)
            row.add(new.id)
            row.add(platform)
            row.add(new.externalID)
            row.add(new.author.handle.isEmpty ? new.externalID : new.author.handle)
            row.add(new.author.displayName)
            row.add(new.author.profileURL)
        }
        for (externalID, times) in seen {
            guard let member = members[externalID], newMemberDay[member] == nil else { continue }
            memberTimes[member] = times
        }
        return members
    }

    private static let insertMember = RowWriter(
        """
        INSERT INTO members (id, workspace_id, display_name, member_type, score, first_seen_at, last_seen_at,
            created_at)
        """, columns: 8, rows: RowWriter.rowsPerInsert)

    private static let insertIdentity = RowWriter(
        """
        INSERT INTO identities (workspace_id, member_id, platform, external_id, handle, display_name,
            profile_url)
        """, columns: 7, rows: RowWriter.rowsPerInsert)

    private static let updateMember = RowWriter(
        """
        UPDATE members SET first_seen_at = min(first_seen_at, ?1), last_seen_at = max(last_seen_at, ?2)
        WHERE id = ?3 AND (first_seen_at > ?1 OR last_seen_at < ?2)
        """)

    private func updateMembers() throws {
        try Self.updateMember.run(memberTimes, db) { row, entry in
            row.add(StoredDateText.text(entry.value.first))
            row.add(StoredDateText.text(entry.value.last))
            row.add(entry.key.rawValue)
        }
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let text, !HotText.isBlank(text) else { return nil }
        return text
    }

    // MARK: Conversations

    struct ConversationState {
        var id: ConversationID
        var status: ConversationStatus
        var hasFirstResponse: Bool
        var isNew: Bool
        /// The inbox columns once this batch's messages are in, for a conversation that existed before it.
        var inbox = ConversationInboxColumns()

        /// The stored state of an existing conversation, from a row of ``selectColumns``.
        init(row: Row) throws {
            id = row.id("id")
            status = try row.decode(ConversationStatus.self, "status")
            hasFirstResponse = row["answered"]
            isNew = false
            inbox = ConversationInboxColumns(row: row)
        }

        init(id: ConversationID, status: ConversationStatus, hasFirstResponse: Bool, isNew: Bool) {
            self.id = id
            self.status = status
            self.hasFirstResponse = hasFirstResponse
            self.isNew = isNew
        }

        static let selectColumns = """
            id, status, first_response_at IS NOT NULL AS answered, \(ConversationInboxColumns.selectColumns)
            """
    }

    /// The conversation of each item (by external id), every touched conversation's state, and the created ones.
    private mutating func resolveConversations(_ items: [BatchItem], members: [String: MemberID]) throws -> (
        [String: ConversationID], [ConversationID: ConversationState], [ConversationState]
    ) {
        var threads: [String] = []
        var seenThreads = Set<String>()
        for prepared in items where seenThreads.insert(prepared.item.threadID).inserted {
            threads.append(prepared.item.threadID)
        }
        var byThread: [String: ConversationState] = [:]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT external_thread_id, \(ConversationState.selectColumns) FROM conversations
                    WHERE channel_id = ? AND external_thread_id IN (SELECT value FROM json_each(?))
                    """),
            arguments: [channel.id.rawValue, HotText.jsonArray(threads)])
        for row in rows {
            byThread[row["external_thread_id"]] = try ConversationState(row: row)
        }

        // Replies whose thread has no conversation yet join their parent's, when the parent is stored.
        let orphanParents = Set(
            items.compactMap { prepared -> String? in
                byThread[prepared.item.threadID] == nil ? prepared.item.parentID : nil
            })
        var storedParents: [String: ConversationID] = [:]
        if !orphanParents.isEmpty {
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT external_id, conversation_id FROM messages
                        WHERE channel_id = ? AND external_id IN (SELECT value FROM json_each(?))
                        """),
                arguments: [channel.id.rawValue, HotText.jsonArray(Array(orphanParents))])
            for row in rows { storedParents[row["external_id"]] = row.id("conversation_id") }
        }
        if !storedParents.isEmpty {
            let ids = Array(Set(storedParents.values))
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(ConversationState.selectColumns) FROM conversations
                        WHERE id IN (SELECT value FROM json_each(?))
                        """),
                arguments: [HotText.jsonArray(ids.map(\.rawValue))])
            var parentStates: [ConversationID: ConversationState] = [:]
            for row in rows {
                let state = try ConversationState(row: row)
                parentStates[state.id] = state
            }
            for prepared in items where byThread[prepared.item.threadID] == nil {
                guard let parent = prepared.item.parentID, let conversation = storedParents[parent] else { continue }
                byThread[prepared.item.threadID] = parentStates[conversation]
            }
        }

        // First pass: each item's conversation, an existing one or a new one named by the thread that opens it,
        // and the inbox columns of each, items applied in the order they are inserted.
        enum Target {
            case existing(ConversationID)
            case new(thread: String)
        }
        var existing: [ConversationID: ConversationState] = [:]
        for state in byThread.values { existing[state.id] = state }
        var targetOf: [String: Target] = [:]
        var newThreads: [String: Target] = [:]
        var opening: [(thread: String, item: InboundItem)] = []
        var totals: [String: (count: Int, first: Date, last: Date)] = [:]
        var newInbox: [String: ConversationInboxColumns] = [:]
        for prepared in items {
            let item = prepared.item
            var target: Target? = byThread[item.threadID].map { .existing($0.id) } ?? newThreads[item.threadID]
            // A parent earlier in this batch takes its replies along.
            if target == nil, let parent = item.parentID { target = targetOf[parent] }
            if target == nil {
                target = .new(thread: item.threadID)
                opening.append((item.threadID, item))
            }
            guard let target else { continue }
            switch target {
            case .existing(let id):
                if byThread[item.threadID] == nil { byThread[item.threadID] = existing[id] }
                existing[id]?.inbox.apply(prepared)
            case .new(let thread):
                newThreads[item.threadID] = target
                let total = totals[thread]
                totals[thread] = (
                    (total?.count ?? 0) + 1, min(total?.first ?? item.sentAt, item.sentAt),
                    max(total?.last ?? item.sentAt, item.sentAt)
                )
                newInbox[thread, default: ConversationInboxColumns()].apply(prepared)
            }
            targetOf[item.externalID] = target
        }

        // Second pass: new conversations are inserted with their final counters (every item of the batch is
        // new, so each becomes a message in this transaction), which spares an update per conversation.
        var createdByThread: [String: ConversationState] = [:]
        var created: [ConversationState] = []
        var newRows: [(id: Int64, thread: String, item: InboundItem, total: (count: Int, first: Date, last: Date))] = []
        for (thread, item) in opening {
            guard let total = totals[thread] else { continue }
            let id = try ids.take(\.conversation)
            newRows.append((id, thread, item, total))
            let new = ConversationState(id: ConversationID(id), status: .open, hasFirstResponse: false, isNew: true)
            createdByThread[thread] = new
            created.append(new)
        }
        let workspaceID = workspace.rawValue
        let channelID = channel.id.rawValue
        let now = nowText
        try Self.insertConversation.run(newRows, db) { row, new in
            let item = new.item
            let inbox = newInbox[new.thread] ?? ConversationInboxColumns()
            row.add(new.id)
            row.add(workspaceID)
            row.add(channelID)
            row.add(new.thread)
            row.add(Self.subject(of: item))
            row.add("open")
            row.add("normal")
            row.add(item.direction == .inbound ? members[item.author.externalID]?.rawValue : nil)
            row.add(StoredDateText.text(new.total.first))
            row.add(StoredDateText.text(new.total.last))
            row.add(new.total.count)
            row.add(now)
            inbox.bind(to: &row)
        }
        var conversationOf: [String: ConversationID] = [:]
        var states: [ConversationID: ConversationState] = [:]
        for (externalID, target) in targetOf {
            let state: ConversationState?
            switch target {
            case .existing(let id): state = existing[id]
            case .new(let thread): state = createdByThread[thread]
            }
            guard let state else { continue }
            states[state.id] = state
            conversationOf[externalID] = state.id
        }
        return (conversationOf, states, created)
    }

    private static let insertConversation = RowWriter(
        """
        INSERT INTO conversations (
            id, workspace_id, channel_id, external_thread_id, subject, status, priority, member_id,
            first_message_at, last_message_at, message_count, created_at, \(ConversationInboxColumns.selectColumns))
        """, columns: 20, rows: RowWriter.rowsPerInsert)

    /// The item's subject, or the first non-empty line of its body, cut to a short title.
    static func subject(of item: InboundItem) -> String {
        if let subject = nonBlank(item.subject) {
            return IngestSQLiteStore.clipped(HotText.trimmed(subject[...]), 200)
        }
        // Only the first non-blank line is looked at, however long the body.
        var line = ""
        var rest = item.body[...]
        while !rest.isEmpty {
            let end = rest.unicodeScalars.firstIndex(where: HotText.isNewline) ?? rest.endIndex
            line = HotText.trimmedSpaces(rest[..<end])
            if !line.isEmpty || end == rest.endIndex { break }
            rest = rest[rest.unicodeScalars.index(after: end)...]
        }
        let subject = IngestSQLiteStore.clipped(line, IngestSQLiteStore.subjectLimit)
        return subject == line ? subject : subject + "…"
    }

    /// Counters, times, reopening and the first response of each touched conversation, once each.
    private func updateConversations(_ messages: [Message], states: [ConversationID: ConversationState]) throws {
        struct Totals {
            var count = 0
            var first: Date
            var last: Date
            var hasInbound = false
            var firstOutbound: Date?
        }
        var totals: [ConversationID: Totals] = [:]
        for message in messages {
            var total = totals[message.conversationID] ?? Totals(first: message.sentAt, last: message.sentAt)
            total.count += 1
            total.first = min(total.first, message.sentAt)
            total.last = max(total.last, message.sentAt)
            if message.direction == .inbound {
                total.hasInbound = true
            } else {
                total.firstOutbound = min(total.firstOutbound ?? message.sentAt, message.sentAt)
            }
            totals[message.conversationID] = total
        }
        // A new inbound message reopens a closed or snoozed conversation; pending and open stay as they are.
        let counters = try db.cachedStatement(
            sql: """
                UPDATE conversations SET
                    message_count = message_count + :count,
                    first_message_at = CASE WHEN message_count = 0 THEN :first ELSE min(first_message_at, :first) END,
                    last_message_at = CASE WHEN message_count = 0 THEN :last ELSE max(last_message_at, :last) END,
                    status = CASE WHEN :reopen AND status IN ('closed', 'snoozed') THEN 'open' ELSE status END,
                    snoozed_until = CASE WHEN :reopen AND status IN ('closed', 'snoozed') THEN NULL ELSE snoozed_until END,
                    closed_at = CASE WHEN :reopen AND status IN ('closed', 'snoozed') THEN NULL ELSE closed_at END,
                    last_inbound_at = :lastInbound, last_outbound_at = :lastOutbound, waiting_since = :waiting,
                    inbound_language = :language, inbound_sentiment = :sentiment, inbound_toxic = :toxic,
                    inbound_spam = :spam, inbound_intents = :intents
                WHERE id = :id
                """)
        let firstResponse = try db.cachedStatement(sql: ConversationSQL.setFirstResponse)
        for (id, total) in totals {
            if let state = states[id], !state.isNew {
                let inbox = state.inbox
                try counters.execute(arguments: [
                    "count": total.count, "first": StoredDateText.text(total.first),
                    "last": StoredDateText.text(total.last), "reopen": total.hasInbound,
                    "lastInbound": inbox.lastInboundAt, "lastOutbound": inbox.lastOutboundAt,
                    "waiting": inbox.waitingSince, "language": inbox.language, "sentiment": inbox.sentiment,
                    "toxic": inbox.toxic, "spam": inbox.spam, "intents": inbox.intents, "id": id.rawValue,
                ])
            }
            if total.firstOutbound != nil, states[id]?.hasFirstResponse != true {
                try firstResponse.execute(arguments: ["id": id.rawValue])
            }
        }
    }

    // MARK: Messages

    private static let insertMessage = RowWriter(
        """
        INSERT INTO messages (id, workspace_id, channel_id, conversation_id, member_id, external_id, kind,
            direction, author_name, body, sent_at, received_at, url, language, language_confidence, sentiment,
            sentiment_score, toxicity_score, toxic, toxicity_categories, spam_score, spam, intents, like_count,
            share_count)
        """, columns: 25, rows: RowWriter.rowsPerInsert)

    /// Inserts the messages in item order, numbered from ``NextIDs``, and their full-text rows.
    private mutating func insertMessages(
        _ items: [BatchItem], members: [String: MemberID], conversationOf: [String: ConversationID]
    ) throws -> [Message] {
        // Dates are bound as GRDB's text, formatted once each; the result parses that same text, so it
        // equals what a read gives back.
        let receivedText = StoredDateText.text(receivedAt)
        let receivedStored = StoredDateText.date(receivedText) ?? receivedAt
        var rows: [PendingRow] = []
        rows.reserveCapacity(items.count)
        for prepared in items {
            let item = prepared.item
            guard let conversation = conversationOf[item.externalID] else { continue }
            let member = item.direction == .inbound ? members[item.author.externalID] : nil
            let authorName = IngestSQLiteStore.clipped(
                Self.nonBlank(item.author.displayName) ?? item.author.handle, IngestSQLiteStore.nameLimit)
            rows.append(
                PendingRow(
                    id: try ids.take(\.message), source: prepared, conversation: conversation, member: member,
                    authorName: authorName, categories: StringList.encode(prepared.analysis.toxicityCategories)))
        }
        let workspaceID = workspace.rawValue
        let channelID = channel.id.rawValue
        try Self.insertMessage.run(rows, db) { bound, row in
            let item = row.item
            let analysis = row.analysis
            bound.add(row.id)
            bound.add(workspaceID)
            bound.add(channelID)
            bound.add(row.conversation.rawValue)
            bound.add(row.member?.rawValue)
            bound.add(item.externalID)
            bound.add(item.kind.rawValue)
            bound.add(item.direction.rawValue)
            bound.add(row.authorName)
            bound.add(item.body)
            bound.add(row.source.sentText)
            bound.add(receivedText)
            bound.add(item.url)
            bound.add(analysis.language)
            bound.add(analysis.languageConfidence)
            bound.add(analysis.sentiment?.rawValue)
            bound.add(analysis.sentimentScore)
            bound.add(analysis.toxicityScore)
            bound.add(analysis.toxic)
            bound.add(row.categories)
            bound.add(analysis.spamScore)
            bound.add(analysis.spam)
            bound.add(row.source.intents)
            bound.add(0 as Int64)
            bound.add(0 as Int64)
        }
        // In increasing rowid order, as FTS5 wants them (see `MessageSQLiteRepository.indexForSearch`): the
        // messages were numbered in this order.
        try MessageSQLiteRepository.insertFullText.run(rows, db) { bound, row in
            bound.add(row.id)
            bound.add(row.item.body)
        }
        return rows.map { row in
            var analysis = row.analysis
            analysis.toxicityCategories = StringList.decode(row.categories)
            analysis.intents = StringList.decode(row.source.intents)
            return Message(
                id: MessageID(row.id), workspaceID: workspace, channelID: channel.id, conversationID: row.conversation,
                memberID: row.member, externalID: row.item.externalID, kind: row.item.kind,
                direction: row.item.direction, authorName: row.authorName, body: row.item.body,
                sentAt: StoredDateText.date(row.source.sentText) ?? row.item.sentAt, receivedAt: receivedStored,
                url: row.item.url, analysis: analysis, likeCount: 0, shareCount: 0)
        }
    }

    /// A message ready to bind, with the values computed once.
    private struct PendingRow {
        var id: Int64
        var source: BatchItem
        var conversation: ConversationID
        var member: MemberID?
        var authorName: String
        var categories: String
        var item: InboundItem { source.item }
        var analysis: MessageAnalysis { source.analysis }
    }

    // MARK: Rollups

    private func addRollups(
        _ messages: [Message], createdConversations: [ConversationState],
        conversations: [ConversationID: ConversationState]
    ) throws {
        var byDay: [String: DailyRollup] = [:]
        func update(_ day: String, _ change: (inout DailyRollup) -> Void) {
            var rollup =
                byDay[day]
                ?? DailyRollup(
                    channelID: channel.id, day: day, inbound: 0, outbound: 0, negative: 0, positive: 0, toxic: 0,
                    spam: 0, newMembers: 0, newConversations: 0)
            change(&rollup)
            byDay[day] = rollup
        }
        var conversationStart: [ConversationID: Date] = [:]
        for message in messages {
            let day = UTCDay.string(message.sentAt)
            update(day) { rollup in
                if message.direction == .inbound { rollup.inbound += 1 } else { rollup.outbound += 1 }
                if message.analysis.sentiment == .negative { rollup.negative += 1 }
                if message.analysis.sentiment == .positive { rollup.positive += 1 }
                if message.analysis.toxic == true { rollup.toxic += 1 }
                if message.analysis.spam == true { rollup.spam += 1 }
            }
            if conversations[message.conversationID]?.isNew == true {
                conversationStart[message.conversationID] = min(
                    conversationStart[message.conversationID] ?? message.sentAt, message.sentAt)
            }
        }
        for conversation in createdConversations {
            guard let start = conversationStart[conversation.id] else { continue }
            update(UTCDay.string(start)) { $0.newConversations += 1 }
        }
        for (_, day) in newMemberDay {
            update(day) { $0.newMembers += 1 }
        }
        for day in byDay.keys.sorted() {
            guard let rollup = byDay[day] else { continue }
            try RollupSQLiteRepository.add(rollup, workspace: workspace, db)
        }
    }
}

/// An item of the batch with the stored text of the values that several steps write, formatted once.
///
/// A class: the steps loop over the batch several times, and copying a struct of a dozen strings retains and
/// releases each of them (measured on bulk ingest, about 6 % of the writer's time).
private final class BatchItem {
    let item: InboundItem
    let analysis: MessageAnalysis
    /// `sentAt` as stored.
    let sentText: String
    /// The intents as stored.
    let intents: String

    init(_ prepared: PreparedItem) {
        item = prepared.item
        analysis = prepared.analysis
        sentText = StoredDateText.text(prepared.item.sentAt)
        intents = StringList.encode(prepared.analysis.intents)
    }
}

extension ConversationInboxColumns {
    /// Applies an item as the triggers would apply the message it becomes.
    fileprivate mutating func apply(_ prepared: BatchItem) {
        switch prepared.item.direction {
        case .inbound:
            let analysis = prepared.analysis
            apply(
                inboundAt: prepared.sentText, language: analysis.language, sentiment: analysis.sentiment?.rawValue,
                toxic: analysis.toxic, spam: analysis.spam, intents: prepared.intents)
        case .outbound:
            apply(outboundAt: prepared.sentText)
        }
    }
}

/// The next free id of each table a batch creates rows in, read once inside the batch's write transaction.
///
/// The rows are numbered as SQLite would number them (one more than the largest id), so the multi-row inserts
/// need no `RETURNING` (which made SQLite keep a statement journal) and no matching of returned rows.
private struct NextIDs {
    var member: Int64 = 0
    var conversation: Int64 = 0
    var message: Int64 = 0

    init() {}

    init(_ db: Database) throws {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT (SELECT coalesce(max(id), 0) FROM members), (SELECT coalesce(max(id), 0) FROM conversations),
                        (SELECT coalesce(max(id), 0) FROM messages)
                    """))
        member = row?[0] ?? 0
        conversation = row?[1] ?? 0
        message = row?[2] ?? 0
    }

    /// The next id of a table, taken.
    mutating func take(_ table: WritableKeyPath<NextIDs, Int64>) throws -> Int64 {
        guard self[keyPath: table] < Int64.max else {
            throw DomainError.invalid(field: "id", message: "This database has used every row id of a table.")
        }
        self[keyPath: table] += 1
        return self[keyPath: table]
    }
}
