import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import GRDB
import Testing

/// The ingest store writes dates without GRDB's `DateFormatter`: the text must be exactly GRDB's, or
/// comparisons with dates bound elsewhere (inbox cursors, filters) would go wrong.
@Suite("Ingest date text (SQLite)")
struct IngestDateTextTests {
    @Test func storedText_isExactlyGRDBs_andReadsGiveBackTheReturnedDates() async throws {
        let database = try await makeTestDatabase(clock: PinnedClock(Seed.defaultStart))
        let storage = database.storage
        let acme = try await Seed(storage).workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await Seed(storage).channel(in: acme.id)
        var generator = SeededGenerator(seed: 42)
        // Whole seconds, exact milliseconds, sub-millisecond fractions, day and year boundaries, leap days.
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 1_767_225_599.999_9), Date(timeIntervalSince1970: 1_767_225_600.000_4),
            Date(timeIntervalSince1970: 4_107_542_399.9995),
        ]
        for _ in 0..<2000 {
            let seconds = Double.random(in: 0..<4_102_444_800, using: &generator)
            dates.append(Date(timeIntervalSince1970: seconds))
        }
        // Received after every sent date, so that none is brought back to `receivedAt` plus a day.
        let receivedAt = Date(timeIntervalSince1970: 4_110_000_000.123_456_7)
        let items = dates.enumerated().map { index, date in
            PreparedItem(
                item: InboundItem(
                    externalID: "m\(index)", threadID: "t\(index % 50)", kind: .comment,
                    author: InboundAuthor(externalID: "u\(index % 20)", handle: "u\(index % 20)"), body: "x",
                    sentAt: date),
                analysis: .none)
        }
        let outcome = try await storage.ingest.store(items, channel: channel, receivedAt: receivedAt)
        #expect(outcome.messages.count == dates.count)

        let stored = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT external_id, sent_at, received_at FROM messages")
        }
        var sentText: [String: String] = [:]
        for row in stored { sentText[row["external_id"]] = row["sent_at"] }
        let expectedReceived = String.fromDatabaseValue(receivedAt.databaseValue)
        #expect(stored.allSatisfy { ($0["received_at"] as String?) == expectedReceived })
        var mismatches: [String] = []
        for (index, date) in dates.enumerated() {
            let expected = String.fromDatabaseValue(date.databaseValue)
            if sentText["m\(index)"] != expected {
                mismatches.append("\(date.timeIntervalSince1970): \(sentText["m\(index)"] ?? "nil") ≠ \(expected ?? "nil")")
            }
        }
        let firstMismatches = mismatches.prefix(5).joined(separator: "; ")
        #expect(mismatches.count == 0, "\(firstMismatches)")

        for message in outcome.messages.prefix(200) {
            #expect(try await storage.messages.find(message.id, in: acme.id) == message)
        }
    }
}
