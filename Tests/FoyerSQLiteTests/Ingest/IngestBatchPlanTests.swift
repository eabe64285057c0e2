import Foundation
import FoyerCore
import Testing

@testable import FoyerSQLite

/// The layout of a batch, worked out before its write transaction: repeats, authors, threads and parents.
@Suite struct IngestBatchPlanTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func item(
        _ id: String, thread: String, author: String = "u-alice", at seconds: Double, parent: String? = nil,
        direction: MessageDirection = .inbound, body: String = "Bonjour"
    ) -> PreparedItem {
        PreparedItem(
            item: InboundItem(
                externalID: id, threadID: thread, parentID: parent, kind: .comment, direction: direction,
                author: InboundAuthor(externalID: author, handle: author), body: body,
                sentAt: start.addingTimeInterval(seconds)),
            analysis: MessageAnalysis(toxicityCategories: ["insult", "threat"], intents: ["question"]))
    }

    @Test func repeatsAreDropped_authorsAndThreadsNumbered_parentsFoundEitherWay() throws {
        let plan = try IngestBatchPlan.make(
            [
                Self.item("r1", thread: "t1", author: "u-bob", at: 200, parent: "p1"),
                Self.item("p1", thread: "t1", at: 100),
                Self.item("p1", thread: "t1", author: "u-mallory", at: 999, body: "a repeat"),
                // Alice again, earlier than her first item and on the previous UTC day.
                Self.item("r2", thread: "t2", at: -86_400, parent: "elsewhere"),
                Self.item("o1", thread: "t2", author: "brand", at: 300, direction: .outbound),
            ], receivedAt: Self.start)

        #expect(plan.items.map(\.item.externalID) == ["r1", "p1", "r2", "o1"])
        #expect(plan.repeats == 1)
        #expect(plan.items[1].item.body == "Bonjour", "the first item with an external id is kept")
        #expect(plan.externalIDsJSON == #"["r1","p1","r2","o1"]"#)

        #expect(plan.authors.map(\.externalID) == ["u-bob", "u-alice"], "outbound items have no author")
        #expect(plan.authorOfItem == [0, 1, 1, nil])
        #expect(plan.authorsJSON == #"["u-bob","u-alice"]"#)
        let alice = plan.authors[1]
        #expect(alice.firstItem == 1)
        #expect(alice.firstSeen == StoredDateText.text(Self.start.addingTimeInterval(-86_400)))
        #expect(alice.lastSeen == StoredDateText.text(Self.start.addingTimeInterval(100)))
        #expect(alice.firstDay == UTCDay.string(Self.start.addingTimeInterval(-86_400)))

        #expect(plan.threads == ["t1", "t2"])
        #expect(plan.threadOfItem == [0, 0, 1, 1])
        #expect(plan.threadIndex == ["t1": 0, "t2": 1])
        #expect(plan.parentOfItem == [1, nil, nil, nil], "a parent later in the batch is found too")

        let first = plan.items[0]
        #expect(first.sentText == StoredDateText.text(Self.start.addingTimeInterval(200)))
        #expect(first.categories == "insult,threat")
        #expect(first.intents == "question")
        #expect(first.authorName == "u-bob")
        #expect(first.subject == "Bonjour")
    }

    @Test func without_dropsStoredItems_andLaysTheRestOutAgain() throws {
        let plan = try IngestBatchPlan.make(
            [
                Self.item("p1", thread: "t1", at: 100),
                Self.item("p1", thread: "t1", at: 100),
                Self.item("r1", thread: "t1", author: "u-bob", at: 200, parent: "p1"),
                Self.item("r2", thread: "t1", at: 300, parent: "r1"),
            ], receivedAt: Self.start)
        let rest = plan.without([0])
        #expect(rest.items.map(\.item.externalID) == ["r1", "r2"])
        #expect(rest.repeats == 1, "the batch's own repeats are still counted")
        #expect(rest.authors.map(\.externalID) == ["u-bob", "u-alice"])
        #expect(rest.authors[1].firstSeen == StoredDateText.text(Self.start.addingTimeInterval(300)))
        #expect(rest.parentOfItem == [nil, 0], "a stored parent is no longer in the batch")
        #expect(rest.externalIDsJSON == #"["r1","r2"]"#)
    }

    @Test func anEmptyExternalID_refusesTheWholeBatch() {
        #expect(throws: DomainError.self) {
            try IngestBatchPlan.make(
                [Self.item("ok", thread: "t", at: 0), Self.item("", thread: "t", at: 1)], receivedAt: Self.start)
        }
    }
}
