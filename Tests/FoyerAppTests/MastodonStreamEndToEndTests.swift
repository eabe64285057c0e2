import Foundation
import FoyerApp
import FoyerCore
import FoyerTestServers
import Testing

/// Foyer against the Mastodon fake's notification stream: a mention arrives in the inbox through the stream;
/// after the stream drops, the mention sent meanwhile is fetched by the poll that fills the gap, once.
@Suite(.serialized)
struct MastodonStreamEndToEndTests {
    @Test func aStreamedMentionReachesTheInbox_andAfterADropTheGapIsPolledOnce() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice", displayName: "Alice Martin")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "foyer-mastodon-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let configuration = FoyerConfiguration(
                host: "127.0.0.1", port: 0, dataDirectory: folder, allowPrivateNetworks: true)
            let app = try await AppEnvironment.open(configuration)
            let storage = app.storage
            let sealer = try app.sealer()
            let owner = try await storage.users.create(
                email: "cm@cime.example", name: "Camille", passwordHash: "x", preferredLocale: nil)
            let workspace = try await storage.workspaces.create(
                NewWorkspace(name: "Cime", slug: "cime", timeZone: "Europe/Paris", defaultLocale: .en),
                owner: owner.id)
            let channel = try await storage.channels.create(
                NewChannel(
                    kind: .mastodon, name: "@foyer", settings: ["baseURL": fake.baseURL.absoluteString],
                    sealedCredentials: try sealer.seal(credentials: ["accessToken": fake.accessToken])),
                in: workspace.id)

            let server = try await FoyerServer.start(
                configuration: configuration, storage: storage, workers: WorkerSetup(sealer: sealer))
            try await waitUntil("the stream is open") { await fake.openStreams() == 1 }

            // 1. Through the stream.
            let live = await fake.postMention(from: alice, content: "<p>@foyer is the shop open today?</p>")
            try await waitUntil("the streamed mention is in the inbox") {
                try await storage.messages.count(in: workspace.id) == 1
            }
            let notificationPolls = { await fake.requests().filter { $0.path == "/api/v1/notifications" }.count }
            let pollsBeforeTheDrop = await notificationPolls()
            #expect(try await storage.channelCursors.cursor(for: channel.id, in: workspace.id) == live.notificationID)

            // 2. A mention sent while the stream is down, then the drop: the reconnection polls the gap.
            let missed = await fake.postMention(
                from: alice, content: "<p>@foyer hello? anyone there?</p>", streamed: false)
            await fake.dropStreams()
            try await waitUntil("the missed mention is in the inbox") {
                try await storage.messages.count(in: workspace.id) == 2
            }
            try await waitUntil("the stream is open again") { await fake.openStreams() == 1 }
            #expect(await notificationPolls() > pollsBeforeTheDrop)

            // 3. The stream carries on after the gap; every mention is in the inbox once.
            let after = await fake.postMention(from: alice, content: "<p>@foyer thanks!</p>")
            try await waitUntil("the mention after the reconnection is in the inbox") {
                try await storage.messages.count(in: workspace.id) == 3
            }
            let conversations = try await storage.conversations.list(
                in: workspace.id, filter: ConversationFilter(), page: PageRequest())
            var externalIDs: [String] = []
            for conversation in conversations.items {
                externalIDs += try await storage.messages.thread(conversation.id, in: workspace.id).map(\.externalID)
            }
            #expect(externalIDs.sorted() == [live.status.id, missed.status.id, after.status.id].sorted())
            await server.shutdown()
        }
    }

    private func waitUntil(
        _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting until \(what)")
        throw CancellationError()
    }
}
