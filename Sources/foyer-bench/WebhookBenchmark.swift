import AsyncHTTPClient
import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import Logging
import NIOCore
import NIOHTTP1

/// Signed generic webhooks against the real server (HTTP, verification, durable raw store, ingest worker),
/// from a client in the same process: the 2 cores are shared by both, read the numbers so.
enum WebhookBenchmark {
    static func run(requests: Int, concurrency: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = FoyerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: folder, logLevel: .warning)
        let app = try await AppEnvironment.open(configuration)
        let sealer = try app.sealer()
        let storage = app.storage
        let owner = try await storage.users.create(email: "bench@foyer.example", name: "Bench", passwordHash: "x", preferredLocale: nil)
        let workspace = try await storage.workspaces.create(
            NewWorkspace(name: "Bench", slug: "bench", timeZone: "Europe/Paris", defaultLocale: .en), owner: owner.id)
        let secret = "bench-secret-\(UUID().uuidString)"
        let token = "bench\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        _ = try await storage.channels.create(
            NewChannel(
                kind: .webhook, name: "Bench webhook", sealedCredentials: try sealer.seal(credentials: ["secret": secret]),
                webhookToken: token),
            in: workspace.id)
        let server = try await FoyerServer.start(
            configuration: configuration, storage: storage, workers: WorkerSetup(sealer: sealer, polling: false))
        let url = server.url.absoluteString + "/hooks/" + token
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        print("webhooks: \(requests) signed requests, \(concurrency) at a time, client in the same process, \(machineLine())")

        let start = ContinuousClock.now
        var latencies = Latencies()
        var failures = 0
        try await withThrowingTaskGroup(of: (Double, Bool).self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask {
                    let item = Corpus.item(index, base: Date(timeIntervalSince1970: 1_790_000_000))
                    let body = Data(
                        """
                        {"id":"\(item.externalID)","thread":"\(item.threadID)","text":"\(item.body)","author":{"id":"\(item.author.externalID)","name":"\(item.author.displayName ?? "")"}}
                        """.utf8)
                    let signature = WebhookSignature.hmacSHA256Hex(secret: secret, message: body)
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.headers.add(name: "X-Foyer-Signature", value: "sha256=\(signature)")
                    request.body = .bytes(ByteBuffer(bytes: body))
                    let sent = ContinuousClock.now
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 16)
                    return (milliseconds(since: sent), response.status == .ok)
                }
            }
            for _ in 0..<min(concurrency, requests) { add() }
            while let (latency, ok) = try await group.next() {
                latencies.add(latency)
                if !ok { failures += 1 }
                if next < requests { add() }
            }
        }
        let seconds = milliseconds(since: start) / 1000
        print(String(format: "acknowledged: %.0f requests/s, %@, %d not 200", Double(requests) / seconds, latencies.summary, failures))

        // Until the ingest worker has turned every stored delivery into a message.
        while try await storage.inboundEvents.count(in: workspace.id, status: .pending) > 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        let total = milliseconds(since: start) / 1000
        let stored = try await storage.messages.count(in: workspace.id)
        print(String(format: "ingested end to end: %d messages in %.2f s = %.0f messages/s; RSS %.1f MiB", stored, total, Double(stored) / total, residentMiB()))
        try await client.shutdown()
        await server.shutdown()
    }
}
