import Foundation
import FoyerApp
import FoyerCore
import FoyerSQLite

/// A file database with one workspace and one channel, for the benchmarks.
struct BenchDatabase {
    let folder: URL
    let database: SQLiteDatabase
    let workspace: Workspace
    let channel: Channel

    static func make(
        kind: ChannelKind = .import, webhookToken: String? = nil, sealedCredentials: Data? = nil, in given: URL? = nil
    ) async throws -> BenchDatabase {
        let folder = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("foyer-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try SQLiteDatabase.open(path: folder.appendingPathComponent("foyer.sqlite").path)
        try await database.migrate()
        let storage = database.storage
        if given != nil, let workspace = try await storage.workspaces.find(slug: "bench"),
            let channel = try await storage.channels.list(in: workspace.id).first
        {
            return BenchDatabase(folder: folder, database: database, workspace: workspace, channel: channel)
        }
        let owner = try await storage.users.create(email: "bench@foyer.example", name: "Bench", passwordHash: "x", preferredLocale: nil)
        let workspace = try await storage.workspaces.create(
            NewWorkspace(name: "Bench", slug: "bench", timeZone: "Europe/Paris", defaultLocale: .fr), owner: owner.id)
        let channel = try await storage.channels.create(
            NewChannel(kind: kind, name: "Bench \(kind.rawValue)", sealedCredentials: sealedCredentials, webhookToken: webhookToken),
            in: workspace.id)
        return BenchDatabase(folder: folder, database: database, workspace: workspace, channel: channel)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func pipeline() -> IngestPipeline {
        IngestPipeline(
            storage: database.storage, analyzer: FoyerTextAnalyzer(), connectors: ConnectorRegistry([]), sealer: nil,
            live: LiveEventHub(), clock: SystemClock())
    }
}

enum IngestBenchmark {
    static func run(messages: Int, batch: Int) async throws {
        let bench = try await BenchDatabase.make()
        defer { bench.remove() }
        let pipeline = bench.pipeline()
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        print("bulk ingest with analysis: \(messages) messages in batches of \(batch), SQLite file, \(machineLine())")
        let start = ContinuousClock.now
        var stored = 0
        var index = 0
        var session = IngestSession(pipeline: pipeline, channel: bench.channel)
        while index < messages {
            let items = (index..<min(index + batch, messages)).map { Corpus.item($0, base: base) }
            stored += try await session.submit(items)?.messages.count ?? 0
            index += batch
        }
        stored += try await session.finish()?.messages.count ?? 0
        let seconds = milliseconds(since: start) / 1000
        print(String(format: "ingest: %d stored in %.2f s = %.0f messages/s; RSS %.1f MiB", stored, seconds, Double(stored) / seconds, residentMiB()))
        let again = ContinuousClock.now
        let duplicates = try await pipeline.ingest((0..<batch).map { Corpus.item($0, base: base) }, channel: bench.channel)
        print(String(format: "re-ingest of %d known messages: %d stored, %.1f ms", batch, duplicates.messages.count, milliseconds(since: again)))
    }
}
