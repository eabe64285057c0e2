import AsyncHTTPClient
import Foundation
import FoyerApp
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// The workers `foyer serve` runs: they beat on `/health` and do their rounds.
@Suite struct WorkerTests {
    @Test func healthListsEveryWorker_andASnoozedConversationReopensWhenDue() async throws {
        let folder = try TemporaryFolder()
        let configuration = try FoyerConfiguration.resolve(
            flags: ConfigurationInput(host: "127.0.0.1", port: "0", dataDirectory: folder.path, logLevel: "warning"),
            environment: [:])
        let app = try await AppEnvironment.open(configuration)
        let seed = Seed(app.storage, start: Date().addingTimeInterval(-3600))
        let inbox = try await seed.inbox(named: "Cime", owner: "owner@example.org")
        let due = try await seed.conversation(
            in: inbox.id, channel: inbox.channel.id, thread: "due", status: .snoozed,
            snoozedUntil: Date().addingTimeInterval(-60))
        let later = try await seed.conversation(
            in: inbox.id, channel: inbox.channel.id, thread: "later", status: .snoozed,
            snoozedUntil: Date().addingTimeInterval(86_400))

        let server = try await FoyerServer.start(
            configuration: configuration, storage: app.storage, workers: WorkerSetup(sealer: try app.sealer()))
        var reopened = false
        for _ in 0..<600 where !reopened {
            reopened = try await app.storage.conversations.find(due.id, in: inbox.id)?.status == .open
            if !reopened { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(reopened, "the snooze worker reopened the conversation whose time had come")
        #expect(try await app.storage.conversations.find(later.id, in: inbox.id)?.status == .snoozed)

        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: server.url.absoluteString + "/health"), timeout: .seconds(60))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(response.status.code == 200, "\(body)")
        for worker in ["ingest", "publisher", "poller", "snooze"] {
            #expect(body.contains("\"\(worker)\""), "\(worker) reports its heartbeat: \(body)")
        }
        await server.shutdown()
    }
}
