import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import FoyerTestServers
import Logging

/// The publisher against a local Mastodon fake, through the real server's workers and the real connector:
/// how late due posts go out when many are scheduled, and how many posts a second it can send.
enum PublishBenchmark {
    /// - Parameters:
    ///   - posts: scheduled over `window` seconds (lateness phase).
    ///   - burst: all due at once (throughput phase).
    static func run(posts: Int, window: Int, burst: Int) async throws {
        try await MastodonFake.run(characterLimit: 5000) { fake in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let configuration = FoyerConfiguration(
                host: "127.0.0.1", port: 0, dataDirectory: folder, logLevel: .warning, allowPrivateNetworks: true)
            let app = try await AppEnvironment.open(configuration)
            let sealer = try app.sealer()
            let storage = app.storage
            let owner = try await storage.users.create(email: "bench@foyer.example", name: "Bench", passwordHash: "x", preferredLocale: nil)
            let workspace = try await storage.workspaces.create(
                NewWorkspace(name: "Bench", slug: "bench", timeZone: "Europe/Paris", defaultLocale: .en), owner: owner.id)
            let channel = try await storage.channels.create(
                NewChannel(
                    kind: .mastodon, name: "Mastodon", settings: ["baseURL": fake.baseURL.absoluteString],
                    sealedCredentials: try sealer.seal(credentials: ["accessToken": fake.accessToken])),
                in: workspace.id)
            let item = try await storage.content.create(
                ContentDraft(title: "Benchmark post", body: "A post of the publishing benchmark"), createdBy: owner.id, in: workspace.id)
            _ = try await storage.content.addReview(
                NewContentReview(
                    decision: .approved, reviewerID: owner.id, reviewerName: "Bench", viaLink: false, comment: "",
                    fingerprint: ContentFingerprint.of(item, variants: [], media: [])),
                to: item.id, in: workspace.id)
            let publishing = ContentPublishing(
                storage: storage, connectors: ConnectorRegistry(Connectors.all(policy: NetworkPolicy(allowPrivateNetworks: true))),
                clock: SystemClock())
            print("publish: \(posts) posts over \(window) s, then \(burst) due at once; Mastodon fake on loopback, \(machineLine())")

            // Phase 1: lateness. Scheduled before the server starts, evenly over the window, the first one due
            // after the scheduling is done (reckoning on at least 100 schedules a second) and the server started.
            let scheduling = ContinuousClock.now
            let first = Date().addingTimeInterval(10 + Double(posts) / 100)
            var due: [String: Date] = [:]
            for index in 0..<posts {
                let at = first.addingTimeInterval(Double(window) * Double(index) / Double(max(1, posts)))
                let publication = try await publishing.schedule(
                    PostRequest(contentID: item.id, channelID: channel.id, scheduledAt: at), in: workspace.id, by: owner.id)
                due[publication.idempotencyKey] = publication.dueAt
            }
            print(String(format: "scheduled %d posts in %.1f s", posts, milliseconds(since: scheduling) / 1000))
            if Date() > first { print("warning: scheduling took longer than planned; the first posts were due before the server started") }
            let server = try await FoyerServer.start(
                configuration: configuration, storage: storage, workers: WorkerSetup(sealer: sealer, polling: false))
            try await waitFor(posts, on: fake, timeout: .seconds(window + 120))
            var lateness = Latencies()
            for status in await fake.postedStatuses() {
                guard let key = status.idempotencyKey, let dueAt = due[key] else { continue }
                lateness.add(status.createdAt.timeIntervalSince(dueAt) * 1000)
            }
            print("lateness (platform receipt - due time): \(lateness.summary), \(lateness.samples.count) posts")

            // Phase 2: throughput. A burst all due at one time, scheduled ahead with the server running: from
            // that time to the platform's receipt of the last one.
            let before = await fake.postedStatuses().count
            let burstDue = Date().addingTimeInterval(5 + Double(burst) / 100)
            for _ in 0..<burst {
                _ = try await publishing.schedule(
                    PostRequest(contentID: item.id, channelID: channel.id, scheduledAt: burstDue), in: workspace.id, by: owner.id)
            }
            if Date() > burstDue { print("warning: the burst was still being scheduled when it fell due") }
            try await waitFor(before + burst, on: fake, timeout: .seconds(300 + burst / 100))
            let last = await fake.postedStatuses().map(\.createdAt).max() ?? Date()
            let seconds = last.timeIntervalSince(burstDue)
            print(String(format: "throughput: %d posts due at once, all on the platform %.2f s later = %.0f posts/s; RSS %.1f MiB", burst, seconds, Double(burst) / seconds, residentMiB()))
            let ledger = try await storage.publications.list(in: workspace.id, state: .published, purpose: nil, limit: posts + burst + 10)
            print("published in the ledger: \(ledger.count) of \(posts + burst); on the platform: \(await fake.postedStatuses().count)")
            await server.shutdown()
        }
    }

    private static func waitFor(_ count: Int, on fake: MastodonFake, timeout: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while await fake.postedStatuses().count < count {
            guard ContinuousClock.now < deadline else {
                throw BenchmarkFailure("only \(await fake.postedStatuses().count) of \(count) posts arrived in time")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
