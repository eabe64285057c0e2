import Foundation
import FoyerCore
import GRDB

/// The ingest hot path in SQLite: one write transaction per batch, a handful of statements per batch rather
/// than per message.
///
/// Before the transaction, on the caller's thread, the batch is laid out (``IngestBatchPlan``: repeats inside the
/// batch dropped, authors and threads numbered, every stored text formatted). Then, in the transaction, in order:
/// skip items already stored (one query for the batch); resolve authors to members (one query, then a member and
/// an identity for each new author); find or create the conversations (one query; a reply whose thread is
/// unknown joins its parent's conversation); insert the messages with multi-row `INSERT`s; update each touched
/// conversation and member once; add to the daily rollup of each (channel, day) once. New members,
/// conversations and messages are numbered in Swift (``NextIDs``) and written with multi-row `INSERT`s bound by
/// ``RowWriter``.
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

    /// Lays the batch out on the caller's thread (``IngestBatchPlan``), then queues its write transaction on the
    /// writer's serial queue (GRDB's `asyncWrite` enqueues before returning), so batches are stored in the order
    /// they were queued and the writer starts the next one as soon as it has committed the previous one. The
    /// outcome's messages are built off the writer, once the transaction has committed.
    func queue(_ items: [PreparedItem], channel: Channel, receivedAt: Date, after previous: QueuedIngest?)
        -> QueuedIngest
    {
        let queued = QueuedIngest()
        guard !items.isEmpty else {
            queued.complete(.success(IngestOutcome()))
            return queued
        }
        let plan: IngestBatchPlan
        do {
            plan = try IngestBatchPlan.make(items, receivedAt: receivedAt)
        } catch {
            queued.complete(.failure(error))
            return queued
        }
        let now = clock.now()
        writer.asyncWrite(
            { db in
                if let failure = previous?.failure { throw failure }
                var batch = IngestBatch(channel: channel, receivedAt: receivedAt, now: now, db: db)
                return try batch.run(plan)
            },
            completion: { _, result in
                switch result {
                case .success(let stored):
                    // A batch queued behind this one only looks for a failure, which is recorded at once.
                    DispatchQueue.global().async { queued.complete(.success(stored.outcome())) }
                case .failure(let error):
                    queued.complete(.failure(Self.constraintMessages.map(error)))
                }
            })
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

extension IngestSQLiteStore {
    static func nonBlank(_ text: String?) -> String? {
        guard let text, !HotText.isBlank(text) else { return nil }
        return text
    }

    /// The item's subject, or the first non-empty line of its body, cut to a short title.
    static func subject(of item: InboundItem) -> String {
        if let subject = nonBlank(item.subject) {
            return clipped(HotText.trimmed(subject[...]), 200)
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
        let subject = clipped(line, subjectLimit)
        return subject == line ? subject : subject + "…"
    }
}

/// What a batch's transaction stored; ``outcome()`` builds the messages once it has committed, off the writer.
private struct StoredBatch: Sendable {
    let workspace: WorkspaceID
    let channel: ChannelID
    /// `receivedAt` as stored.
    let receivedText: String
    let receivedAt: Date
    let duplicates: Int
    var rows: [PendingRow] = []
    var createdConversations: [ConversationID] = []
    var createdMembers: [MemberID] = []

    func outcome() -> IngestOutcome {
        // The dates are parsed back from the stored text, so the result equals what a read gives back.
        let receivedStored = StoredDateText.date(receivedText) ?? receivedAt
        let messages = rows.map { row in
            let source = row.source
            var analysis = source.analysis
            analysis.toxicityCategories = StringList.decode(source.categories)
            analysis.intents = StringList.decode(source.intents)
            return Message(
                id: MessageID(row.id), workspaceID: workspace, channelID: channel, conversationID: row.conversation,
                memberID: row.member, externalID: source.item.externalID, kind: source.item.kind,
                direction: source.item.direction, authorName: source.authorName, body: source.item.body,
                sentAt: StoredDateText.date(source.sentText) ?? source.item.sentAt, receivedAt: receivedStored,
                url: source.item.url, analysis: analysis, likeCount: 0, shareCount: 0)
        }
        return IngestOutcome(
            messages: messages, createdConversations: createdConversations, createdMembers: createdMembers,
            duplicates: duplicates)
    }
}

/// A message of the batch, numbered, with its conversation and member.
private struct PendingRow: Sendable {
    var id: Int64
    var source: BatchItem
    var conversation: ConversationID
    var member: MemberID?
}

/// The state of one batch inside its write transaction.
private struct IngestBatch {
    let channel: Channel
    let receivedAt: Date
    let db: Database
    var workspace: WorkspaceID { channel.workspaceID }
    /// `now` as stored, formatted once.
    let nowText: String
    /// The ids the rows created by this batch take.
    private var ids = NextIDs()

    /// Existing members whose seen times this batch moves, with the batch's earliest and latest times.
    private var memberTimes: [(member: MemberID, first: String, last: String)] = []
    private var createdMembers: [MemberID] = []
    /// The UTC day each created member was first seen.
    private var newMemberDays: [String] = []

    init(channel: Channel, receivedAt: Date, now: Date, db: Database) {
        self.channel = channel
        self.receivedAt = receivedAt
        self.nowText = StoredDateText.text(now)
        self.db = db
    }

    mutating func run(_ given: IngestBatchPlan) throws -> StoredBatch {
        let stored = try storedItems(given)
        let plan = stored.isEmpty ? given : given.without(stored)
        var result = StoredBatch(
            workspace: workspace, channel: channel.id, receivedText: StoredDateText.text(receivedAt),
            receivedAt: receivedAt, duplicates: given.repeats + stored.count)
        guard !plan.items.isEmpty else { return result }

        ids = try NextIDs(db)
        let members = try resolveAuthors(plan)
        let conversations = try resolveConversations(plan, members: members)
        let rows = try insertMessages(
            plan, members: members, conversationOf: conversations.ofItem, receivedText: result.receivedText)
        try updateConversations(rows, states: conversations.states)
        try updateMembers()
        try addRollups(rows, conversations: conversations.states)
        result.rows = rows
        result.createdConversations = conversations.created
        result.createdMembers = createdMembers
        return result
    }

    // MARK: Deduplication

    /// The indices of the plan's items whose (channel, external id) is already stored.
    private func storedItems(_ plan: IngestBatchPlan) throws -> Set<Int> {
        var stored = Set<Int>()
        try RowReader.each(
            db.cachedStatement(
                sql: """
                    SELECT j.key FROM json_each(?) AS j
                    CROSS JOIN messages AS m ON m.channel_id = ? AND m.external_id = j.value
                    """),
            arguments: [plan.externalIDsJSON, channel.id.rawValue], db
        ) { row in
            stored.insert(Int(row.int64(0)))
            return true
        }
        return stored
    }

    // MARK: Members

    /// The member of each of the plan's authors, creating a member and an identity for new ones. Outbound items
    /// are the channel's own account and get no member.
    private mutating func resolveAuthors(_ plan: IngestBatchPlan) throws -> [MemberID?] {
        var members = [MemberID?](repeating: nil, count: plan.authors.count)
        guard !plan.authors.isEmpty else { return members }
        try RowReader.each(
            db.cachedStatement(
                sql: """
                    SELECT j.key, i.member_id FROM json_each(?) AS j
                    CROSS JOIN identities AS i
                        ON i.workspace_id = ? AND i.platform = ? AND i.external_id = j.value
                    """),
            arguments: [plan.authorsJSON, workspace.rawValue, channel.kind.rawValue], db
        ) { row in
            members[Int(row.int64(0))] = MemberID(row.int64(1))
            return true
        }

        var created: [(id: Int64, author: IngestBatchPlan.Author)] = []
        for (index, author) in plan.authors.enumerated() {
            if let member = members[index] {
                memberTimes.append((member, author.firstSeen, author.lastSeen))
                continue
            }
            // Created with the batch's first and last times, so it needs no update afterwards.
            let id = try ids.take(\.member)
            created.append((id, author))
            members[index] = MemberID(id)
            createdMembers.append(MemberID(id))
            newMemberDays.append(author.firstDay)
        }
        let workspaceID = workspace.rawValue
        let now = nowText
        try Self.insertMember.run(created, db) { row, new in
            let author = plan.items[new.author.firstItem].item.author
            let handle = author.handle.isEmpty ? new.author.externalID : author.handle
            row.add(new.id)
            row.add(workspaceID)
            row.add(IngestSQLiteStore.nonBlank(author.displayName) ?? handle)
            row.add("other")
            row.add(0 as Int64)
            row.add(new.author.firstSeen)
            row.add(new.author.lastSeen)
            row.add(now)
        }
        let platform = channel.kind.rawValue
        try Self.insertIdentity.run(created, db) { row, new in
            let author = plan.items[new.author.firstItem].item.author
            row.add(workspaceID)
            row.add(new.id)
            row.add(platform)
            row.add(new.author.externalID)
            row.add(author.handle.isEmpty ? new.author.externalID : author.handle)
            row.add(author.displayName)
            row.add(author.profileURL)
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
            row.add(entry.first)
            row.add(entry.last)
            row.add(entry.member.rawValue)
        }
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

    /// Where the batch's messages go: per item its conversation, every touched conversation's state, and the
    /// created ones.
    struct Conversations {
        var ofItem: [ConversationID?]
        var states: [ConversationID: ConversationState]
        var created: [ConversationID]
    }

    /// Finds each item's conversation: its thread's, else (for a reply) its parent's, else a new one opened by
    /// the thread's first item.
    private mutating func resolveConversations(_ plan: IngestBatchPlan, members: [MemberID?]) throws
        -> Conversations
    {
        enum Target {
            case existing(ConversationID)
            /// A conversation this batch opens, by its index in `opening`.
            case new(Int)
        }
        let items = plan.items
        var threadTarget = [Target?](repeating: nil, count: plan.threads.count)
        var existing: [ConversationID: ConversationState] = [:]
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT external_thread_id, \(ConversationState.selectColumns) FROM conversations
                    WHERE channel_id = ? AND external_thread_id IN (SELECT value FROM json_each(?))
                    """),
            arguments: [channel.id.rawValue, HotText.jsonArray(plan.threads)])
        for row in rows {
            guard let thread = plan.threadIndex[row["external_thread_id"]] else { continue }
            let state = try ConversationState(row: row)
            threadTarget[thread] = .existing(state.id)
            existing[state.id] = state
        }

        // Replies whose thread has no conversation yet join their parent's, when the parent is stored. A parent
        // in this batch is not stored (the batch holds only new items), so only the others are looked up.
        var orphanParents = Set<String>()
        for (index, batchItem) in items.enumerated() {
            guard threadTarget[plan.threadOfItem[index]] == nil, plan.parentOfItem[index] == nil,
                let parent = batchItem.item.parentID
            else { continue }
            orphanParents.insert(parent)
        }
        if !orphanParents.isEmpty {
            var storedParents: [String: ConversationID] = [:]
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT external_id, conversation_id FROM messages
                        WHERE channel_id = ? AND external_id IN (SELECT value FROM json_each(?))
                        """),
                arguments: [channel.id.rawValue, HotText.jsonArray(Array(orphanParents))])
            for row in rows { storedParents[row["external_id"]] = row.id("conversation_id") }
            if !storedParents.isEmpty {
                let rows = try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT \(ConversationState.selectColumns) FROM conversations
                            WHERE id IN (SELECT value FROM json_each(?))
                            """),
                    arguments: [HotText.jsonArray(Set(storedParents.values).map(\.rawValue))])
                for row in rows {
                    let state = try ConversationState(row: row)
                    existing[state.id] = state
                }
                for (index, batchItem) in items.enumerated() where threadTarget[plan.threadOfItem[index]] == nil {
                    guard let parent = batchItem.item.parentID, let conversation = storedParents[parent],
                        existing[conversation] != nil
                    else { continue }
                    threadTarget[plan.threadOfItem[index]] = .existing(conversation)
                }
            }
        }

        // First pass: each item's conversation, an existing one or a new one opened by the thread's first item,
        // and the inbox columns of each, items applied in the order they are inserted.
        struct Opening {
            var item: Int
            var count = 0
            var first: String
            var last: String
            var inbox = ConversationInboxColumns()
        }
        var opening: [Opening] = []
        var itemTarget = [Target?](repeating: nil, count: items.count)
        for (index, batchItem) in items.enumerated() {
            let thread = plan.threadOfItem[index]
            var target = threadTarget[thread]
            // A parent earlier in this batch takes its replies along.
            if target == nil, let parent = plan.parentOfItem[index], parent < index { target = itemTarget[parent] }
            let resolved: Target
            if let target {
                resolved = target
            } else {
                resolved = .new(opening.count)
                opening.append(Opening(item: index, first: batchItem.sentText, last: batchItem.sentText))
            }
            switch resolved {
            case .existing(let id):
                existing[id]?.inbox.apply(batchItem)
            case .new(let open):
                opening[open].count += 1
                opening[open].first = min(opening[open].first, batchItem.sentText)
                opening[open].last = max(opening[open].last, batchItem.sentText)
                opening[open].inbox.apply(batchItem)
            }
            if threadTarget[thread] == nil { threadTarget[thread] = resolved }
            itemTarget[index] = resolved
        }

        // Second pass: new conversations are inserted with their final counters (every item of the batch is
        // new, so each becomes a message in this transaction), which spares an update per conversation.
        var newIDs: [ConversationID] = []
        newIDs.reserveCapacity(opening.count)
        for _ in opening { newIDs.append(ConversationID(try ids.take(\.conversation))) }
        let workspaceID = workspace.rawValue
        let channelID = channel.id.rawValue
        let now = nowText
        try Self.insertConversation.run(zip(newIDs, opening).map { $0 }, db) { row, new in
            let (id, open) = new
            let source = items[open.item]
            row.add(id.rawValue)
            row.add(workspaceID)
            row.add(channelID)
            row.add(source.item.threadID)
            row.add(source.subject)
            row.add("open")
            row.add("normal")
            row.add(plan.authorOfItem[open.item].flatMap { members[$0] }?.rawValue)
            row.add(open.first)
            row.add(open.last)
            row.add(open.count)
            row.add(now)
            open.inbox.bind(to: &row)
        }

        var states = existing
        for id in newIDs {
            states[id] = ConversationState(id: id, status: .open, hasFirstResponse: false, isNew: true)
        }
        let ofItem = itemTarget.map { target -> ConversationID? in
            switch target {
            case .existing(let id): id
            case .new(let open): newIDs[open]
            case nil: nil
            }
        }
        return Conversations(ofItem: ofItem, states: states, created: newIDs)
    }

    private static let insertConversation = RowWriter(
        """
        INSERT INTO conversations (
            id, workspace_id, channel_id, external_thread_id, subject, status, priority, member_id,
            first_message_at, last_message_at, message_count, created_at, \(ConversationInboxColumns.selectColumns))
        """, columns: 20, rows: RowWriter.rowsPerInsert)

    /// Counters, times, reopening and the first response of each touched conversation, once each.
    private func updateConversations(_ rows: [PendingRow], states: [ConversationID: ConversationState]) throws {
        struct Totals {
            var count = 0
            var first: String
            var last: String
            var hasInbound = false
            var hasOutbound = false
        }
        var totals: [ConversationID: Totals] = [:]
        for row in rows {
            let sent = row.source.sentText
            var total = totals[row.conversation] ?? Totals(first: sent, last: sent)
            total.count += 1
            total.first = min(total.first, sent)
            total.last = max(total.last, sent)
            if row.source.item.direction == .inbound { total.hasInbound = true } else { total.hasOutbound = true }
            totals[row.conversation] = total
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
                    "count": total.count, "first": total.first, "last": total.last, "reopen": total.hasInbound,
                    "lastInbound": inbox.lastInboundAt, "lastOutbound": inbox.lastOutboundAt,
                    "waiting": inbox.waitingSince, "language": inbox.language, "sentiment": inbox.sentiment,
                    "toxic": inbox.toxic, "spam": inbox.spam, "intents": inbox.intents, "id": id.rawValue,
                ])
            }
            if total.hasOutbound, states[id]?.hasFirstResponse != true {
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
        _ plan: IngestBatchPlan, members: [MemberID?], conversationOf: [ConversationID?], receivedText: String
    ) throws -> [PendingRow] {
        var rows: [PendingRow] = []
        rows.reserveCapacity(plan.items.count)
        for (index, source) in plan.items.enumerated() {
            guard let conversation = conversationOf[index] else { continue }
            let member = plan.authorOfItem[index].flatMap { members[$0] }
            rows.append(
                PendingRow(id: try ids.take(\.message), source: source, conversation: conversation, member: member))
        }
        let workspaceID = workspace.rawValue
        let channelID = channel.id.rawValue
        try Self.insertMessage.run(rows, db) { bound, row in
            let source = row.source
            let item = source.item
            let analysis = source.analysis
            bound.add(row.id)
            bound.add(workspaceID)
            bound.add(channelID)
            bound.add(row.conversation.rawValue)
            bound.add(row.member?.rawValue)
            bound.add(item.externalID)
            bound.add(item.kind.rawValue)
            bound.add(item.direction.rawValue)
            bound.add(source.authorName)
            bound.add(item.body)
            bound.add(source.sentText)
            bound.add(receivedText)
            bound.add(item.url)
            bound.add(analysis.language)
            bound.add(analysis.languageConfidence)
            bound.add(analysis.sentiment?.rawValue)
            bound.add(analysis.sentimentScore)
            bound.add(analysis.toxicityScore)
            bound.add(analysis.toxic)
            bound.add(source.categories)
            bound.add(analysis.spamScore)
            bound.add(analysis.spam)
            bound.add(source.intents)
            bound.add(0 as Int64)
            bound.add(0 as Int64)
        }
        // In increasing rowid order, as FTS5 wants them (see `MessageSQLiteRepository.indexForSearch`): the
        // messages were numbered in this order.
        try MessageSQLiteRepository.insertFullText.run(rows, db) { bound, row in
            bound.add(row.id)
            bound.add(row.source.item.body)
        }
        return rows
    }

    // MARK: Rollups

    private func addRollups(_ rows: [PendingRow], conversations: [ConversationID: ConversationState]) throws {
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
        // The earliest message of each new conversation: its day is the conversation's.
        var conversationStart: [ConversationID: BatchItem] = [:]
        for row in rows {
            let source = row.source
            let analysis = source.analysis
            update(source.day) { rollup in
                if source.item.direction == .inbound { rollup.inbound += 1 } else { rollup.outbound += 1 }
                if analysis.sentiment == .negative { rollup.negative += 1 }
                if analysis.sentiment == .positive { rollup.positive += 1 }
                if analysis.toxic == true { rollup.toxic += 1 }
                if analysis.spam == true { rollup.spam += 1 }
            }
            if conversations[row.conversation]?.isNew == true,
                conversationStart[row.conversation].map({ source.sentText < $0.sentText }) ?? true
            {
                conversationStart[row.conversation] = source
            }
        }
        for (_, start) in conversationStart {
            update(start.day) { $0.newConversations += 1 }
        }
        for day in newMemberDays {
            update(day) { $0.newMembers += 1 }
        }
        for day in byDay.keys.sorted() {
            guard let rollup = byDay[day] else { continue }
            try RollupSQLiteRepository.add(rollup, workspace: workspace, db)
        }
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
