import AsyncHTTPClient
import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import FoyerTestServers
import FoyerTestSupport
import NIOCore
import NIOHTTP1
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `foyer serve` binary is killed with SIGKILL in the middle of a burst of webhooks; after a
/// restart, every webhook it acknowledged is in the inbox, once.
@Suite(.serialized) struct CrashSafetyTests {
    @Test(.enabled(if: FoyerBinary.locate() != nil || TestServers.required, "Skipped: no foyer binary; run `swift build` first."))
    func everyAcknowledgedWebhookSurvivesAKill() async throws {
        let binary = try #require(FoyerBinary.locate(), "the foyer binary must be built (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        // The data folder: a workspace with a generic webhook channel, its secret sealed under the folder's key file.
        let configuration = FoyerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: folder)
        let secret = "crash-test-secret"
        let token = "crash\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let workspaceID: WorkspaceID
        do {
            let app = try await AppEnvironment.open(configuration)
            let storage = app.storage
            let owner = try await storage.users.create(email: "crash@foyer.example", name: "Crash", passwordHash: "x", preferredLocale: nil)
            let workspace = try await storage.workspaces.create(
                NewWorkspace(name: "Crash", slug: "crash", timeZone: "UTC", defaultLocale: .en), owner: owner.id)
            workspaceID = workspace.id
            _ = try await storage.channels.create(
                NewChannel(
                    kind: .webhook, name: "Hooks", sealedCredentials: try app.sealer().seal(credentials: ["secret": secret]),
                    webhookToken: token),
                in: workspace.id)
        }

        let arguments = ["serve", "--data", folder.path, "--host", "127.0.0.1", "--port", "0", "--log-level", "warning"]
        let first = try await FoyerServerProcess.start(binary: binary, arguments: arguments, startTimeout: .seconds(60))
        let client = HTTPClient.shared
        let url = first.baseURL + "/hooks/" + token

        // A burst of 1,000 webhooks, 16 at a time; the server is killed once 250 have been acknowledged.
        let acknowledged = Acknowledged()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    var index = worker
                    // Requests in flight at the kill are the interesting ones; none are started after it.
                    while index < 1_000, await !acknowledged.killed {
                        let id = "hook-\(index)"
                        let body = Data(#"{"id":"\#(id)","text":"Message \#(index) : ma commande est en retard","author":{"id":"a\#(index % 37)","name":"Author \#(index % 37)"}}"#.utf8)
                        let signature = WebhookSignature.hmacSHA256Hex(secret: secret, message: body)
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.headers.add(name: "X-Foyer-Signature", value: "sha256=\(signature)")
                        request.body = .bytes(ByteBuffer(bytes: body))
                        if let response = try? await client.execute(request, timeout: .seconds(2)), response.status == .ok {
                            _ = try? await response.body.collect(upTo: 1 << 16)
                            if await acknowledged.add(id) == 250 {
                                first.process.send(signal: SIGKILL)
                                await acknowledged.markKilled()
                            }
                        }
                        index += 16
                    }
                }
            }
        }
        await first.stop()
        let acked = await acknowledged.ids
        #expect(acked.count >= 250, "the server acknowledged \(acked.count) webhooks before it was killed")
        #expect(acked.count < 1_000, "the kill came in the middle of the burst")

        // Restart: the ingest worker picks up whatever was stored but not yet processed.
        let second = try await FoyerServerProcess.start(binary: binary, arguments: arguments, startTimeout: .seconds(60))
        defer { Task { await second.stop() } }
        let app = try await AppEnvironment.open(configuration)
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while try await app.storage.inboundEvents.count(in: workspaceID, status: .pending) > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        var stored: [String: Int] = [:]
        var cursor: String?
        repeat {
            let page = try await app.storage.messages.list(
                in: workspaceID, filter: MessageFilter(), page: PageRequest(limit: PageRequest.maximumLimit, cursor: cursor))
            for message in page.items { stored[message.externalID, default: 0] += 1 }
            cursor = page.next
        } while cursor != nil
        let missing = acked.subtracting(stored.keys)
        #expect(missing.isEmpty, "acknowledged but not in the inbox after the restart: \(missing.sorted().prefix(10))")
        #expect(stored.values.allSatisfy { $0 == 1 }, "every message is stored once")
        await second.stop()
    }
}

/// The ids the server answered 200 for.
actor Acknowledged {
    private(set) var ids: Set<String> = []
    private(set) var killed = false
    func markKilled() { killed = true }
    func add(_ id: String) -> Int {
        ids.insert(id)
        return ids.count
    }
}
