import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import Testing

/// A measurement to run by hand, not a test: it asserts nothing about speed.
///
/// ```
/// FOYER_BENCH=1 swift test -c release --filter IngestThroughputMeasurement
/// ```
/// Ingests 200,000 items in batches of 1,000 into a file database (WAL, as in production) through
/// ``IngestPipeline/ingest(_:channel:)`` with the test's keyword analyser, and prints messages per second.
@Suite("Ingest throughput (measurement)")
struct IngestThroughputMeasurement {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FOYER_BENCH"] == "1"))
    func bulkIngest_200kItemsInBatchesOf1000() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let clock = PinnedClock(Seed.defaultStart)
        let database = try SQLiteDatabase.open(path: folder.path("bench.sqlite"), clock: clock)
        try await database.migrate()
        let storage = database.storage
        let acme = try await Seed(storage).workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await storage.channels.create(NewChannel(kind: .import, name: "Import"), in: acme.id)
        let pipeline = IngestPipeline(
            storage: storage, analyzer: KeywordAnalyzer(), connectors: ConnectorRegistry([]), sealer: nil,
            live: LiveEventHub(), clock: clock)
        let phrases = [
            "The new release is good, thanks for the quick fix", "Bad experience with support, nobody answers?",
            "Bonjour, je n'arrive pas à me connecter depuis ce matin", "Buy now cheap followers",
            "Is there a way to export my data as CSV?", "You are an idiot",
        ]
        let total = 200_000
        let batchSize = 1000
        let started = ContinuousClock.now
        var stored = 0
        for batchStart in stride(from: 0, to: total, by: batchSize) {
            let items = (batchStart..<(batchStart + batchSize)).map { index in
                InboundItem(
                    externalID: "m\(index)", threadID: "t\(index / 5)", kind: .comment,
                    author: InboundAuthor(externalID: "u\(index % 5000)", handle: "user\(index % 5000)"),
                    body: "\(phrases[index % phrases.count]) #\(index)",
                    sentAt: Seed.defaultStart.addingTimeInterval(Double(index) * 3))
            }
            stored += try await pipeline.ingest(items, channel: channel).messages.count
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("ingest: \(stored) messages in \(String(format: "%.2f", seconds)) s = \(Int(Double(stored) / seconds)) msg/s")
        #expect(stored == total)
    }
}
