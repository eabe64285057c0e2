import Foundation
import FoyerCore

/// A batch laid out for its write transaction: everything that can be known without reading the database,
/// worked out before the transaction, on the caller's thread.
///
/// SQLite has one writer, and on bulk ingest it is the bottleneck while the other cores wait (docs/PERFORMANCE.md):
/// values the transaction writes are formatted here once (stored dates, lists, the author's name, a subject), the
/// batch's repeats are dropped, and its authors and threads are grouped and numbered, so the transaction works
/// with array indices instead of hashing strings.
struct IngestBatchPlan: Sendable {
    /// The items to store, in order; no two have the same external id.
    let items: [BatchItem]
    /// Items left out because an earlier item of the batch has the same external id.
    let repeats: Int
    /// The items' external ids as a JSON array, in item order, for `json_each`.
    let externalIDsJSON: String
    /// The distinct authors of inbound items, in order of first appearance.
    let authors: [Author]
    /// The authors' external ids as a JSON array, in the order of ``authors``.
    let authorsJSON: String
    /// Per item, its index in ``authors``; `nil` for outbound items and items without an author id.
    let authorOfItem: [Int?]
    /// The distinct thread ids, in order of first appearance.
    let threads: [String]
    let threadIndex: [String: Int]
    /// Per item, its index in ``threads``.
    let threadOfItem: [Int]
    /// Per item, the index of the item it replies to when that item is in the batch (before or after it).
    let parentOfItem: [Int?]

    struct Author: Sendable {
        var externalID: String
        /// The first item by this author, whose handle and names a new member takes.
        var firstItem: Int
        /// The earliest and latest `sentAt` of the author's items, as stored, and the UTC day of the earliest.
        var firstSeen: String
        var lastSeen: String
        var firstDay: String
    }

    /// Validates and trims every item (``IngestSQLiteStore/sanitize(_:receivedAt:)``), then lays the batch out.
    static func make(_ prepared: [PreparedItem], receivedAt: Date) throws -> IngestBatchPlan {
        IngestBatchPlan(try IngestSQLiteStore.sanitize(prepared, receivedAt: receivedAt).map(BatchItem.init))
    }

    init(_ given: [BatchItem], repeats earlier: Int = 0) {
        var seen = Set<String>()
        seen.reserveCapacity(given.count)
        let items = given.filter { seen.insert($0.item.externalID).inserted }
        self.items = items
        repeats = earlier + given.count - items.count
        externalIDsJSON = HotText.jsonArray(items.map(\.item.externalID))

        var authors: [Author] = []
        var authorIndex: [String: Int] = [:]
        var authorOfItem: [Int?] = []
        var threads: [String] = []
        var threadIndex: [String: Int] = [:]
        var threadOfItem: [Int] = []
        var itemIndex: [String: Int] = [:]
        authorOfItem.reserveCapacity(items.count)
        threadOfItem.reserveCapacity(items.count)
        itemIndex.reserveCapacity(items.count)
        for (index, batchItem) in items.enumerated() {
            let item = batchItem.item
            itemIndex[item.externalID] = index
            if item.direction == .inbound, !item.author.externalID.isEmpty {
                let id = item.author.externalID
                if let known = authorIndex[id] {
                    if batchItem.sentText < authors[known].firstSeen {
                        authors[known].firstSeen = batchItem.sentText
                        authors[known].firstDay = batchItem.day
                    }
                    if batchItem.sentText > authors[known].lastSeen { authors[known].lastSeen = batchItem.sentText }
                    authorOfItem.append(known)
                } else {
                    authorIndex[id] = authors.count
                    authorOfItem.append(authors.count)
                    authors.append(
                        Author(
                            externalID: id, firstItem: index, firstSeen: batchItem.sentText,
                            lastSeen: batchItem.sentText, firstDay: batchItem.day))
                }
            } else {
                authorOfItem.append(nil)
            }
            if let known = threadIndex[item.threadID] {
                threadOfItem.append(known)
            } else {
                threadIndex[item.threadID] = threads.count
                threadOfItem.append(threads.count)
                threads.append(item.threadID)
            }
        }
        self.authors = authors
        authorsJSON = HotText.jsonArray(authors.map(\.externalID))
        self.authorOfItem = authorOfItem
        self.threads = threads
        self.threadIndex = threadIndex
        self.threadOfItem = threadOfItem
        parentOfItem = items.map { batchItem in batchItem.item.parentID.flatMap { itemIndex[$0] } }
    }

    /// The plan without the items at `indices` (found already stored).
    func without(_ indices: Set<Int>) -> IngestBatchPlan {
        let kept = items.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
        return IngestBatchPlan(kept, repeats: repeats)
    }
}

/// An item of the batch with the text of every value the write steps need, computed once, before the
/// transaction.
///
/// A class: the steps loop over the batch several times, and copying a struct of a dozen strings retains and
/// releases each of them (measured on bulk ingest, about 6 % of the writer's time).
final class BatchItem: Sendable {
    let item: InboundItem
    let analysis: MessageAnalysis
    /// `sentAt` as stored (`yyyy-MM-dd HH:mm:ss.SSS`: ordered as text as in time).
    let sentText: String
    /// The UTC day of `sentAt`, as the rollups store it.
    let day: String
    /// The intents and the toxicity categories as stored.
    let intents: String
    let categories: String
    /// The author's name as the message stores it.
    let authorName: String
    /// The subject of the conversation this item opens, if it opens one.
    let subject: String

    init(_ prepared: PreparedItem) {
        item = prepared.item
        analysis = prepared.analysis
        sentText = StoredDateText.text(prepared.item.sentAt)
        day = UTCDay.string(prepared.item.sentAt)
        intents = StringList.encode(prepared.analysis.intents)
        categories = StringList.encode(prepared.analysis.toxicityCategories)
        authorName = IngestSQLiteStore.clipped(
            IngestSQLiteStore.nonBlank(item.author.displayName) ?? item.author.handle, IngestSQLiteStore.nameLimit)
        subject = IngestSQLiteStore.subject(of: item)
    }
}
