import Foundation
import FoyerApp
import FoyerCore
import FoyerSQLite

enum InboxBenchmark {
    /// With `keep`, the database is made in that folder and kept; a later run with the same folder and
    /// number of messages reuses it instead of filling it again.
    static func run(messages: Int, queries: Int, keep: String?) async throws {
        let bench = try await BenchDatabase.make(in: keep.map { URL(fileURLWithPath: $0) })
        defer { if keep == nil { bench.remove() } }
        let pipeline = bench.pipeline()
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        print("inbox at scale: \(messages) messages, \(queries) queries per kind, \(machineLine())")
        let fill = ContinuousClock.now
        var index = try await bench.database.storage.messages.count(in: bench.workspace.id)
        if index > 0 { print("reusing the \(index) messages of \(bench.folder.path)") }
        var session = IngestSession(pipeline: pipeline, channel: bench.channel)
        while index < messages {
            let items = (index..<min(index + 2_000, messages)).map { Corpus.item($0, base: base) }
            _ = try await session.submit(items)
            index += 2_000
        }
        _ = try await session.finish()
        print(String(format: "filled in %.1f s", milliseconds(since: fill) / 1000))
        let storage = bench.database.storage
        let workspace = bench.workspace.id
        let page = PageRequest(limit: 50)

        let cases: [(String, (Int) -> ConversationFilter)] = [
            ("inbox, newest first", { _ in ConversationFilter() }),
            ("status open + language fr", { _ in ConversationFilter(status: .open, language: "fr") }),
            ("full-text search", { i in ConversationFilter(text: Corpus.searchTerms[i % Corpus.searchTerms.count]) }),
            ("search + status open", { i in ConversationFilter(status: .open, text: Corpus.searchTerms[i % Corpus.searchTerms.count]) }),
        ]
        for (name, filter) in cases {
            var latencies = Latencies()
            for i in 0..<queries {
                let start = ContinuousClock.now
                _ = try await storage.conversations.list(in: workspace, filter: filter(i), page: page)
                latencies.add(milliseconds(since: start))
            }
            print("conversations, \(name): \(latencies.summary)")
        }
        var messageSearch = Latencies()
        for i in 0..<queries {
            let start = ContinuousClock.now
            _ = try await storage.messages.list(
                in: workspace, filter: MessageFilter(text: Corpus.searchTerms[i % Corpus.searchTerms.count]), page: page)
            messageSearch.add(milliseconds(since: start))
        }
        print("messages, full-text search: \(messageSearch.summary)")
        print(String(format: "RSS with %d messages after the queries: %.1f MiB", messages, residentMiB()))
    }
}
