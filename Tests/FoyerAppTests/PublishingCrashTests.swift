import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import FoyerTestServers
import FoyerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `foyer serve` binary publishes 200 scheduled posts to a Mastodon fake and 200 to a real
/// Synapse room, is killed with SIGKILL in the middle, and is started again: every post is on its platform
/// exactly once, and the ledger says so.
@Suite(.serialized, .enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
struct PublishingCrashTests {
    static let postsPerPlatform = 200

    @Test(.enabled(if: FoyerBinary.locate() != nil || TestServers.required, "Skipped: no foyer binary; run `swift build` first."))
    func everyScheduledPostIsPublishedExactlyOnceAcrossAKill() async throws {
        let binary = try #require(FoyerBinary.locate(), "the foyer binary must be built (swift build)")
        let synapse = try await SynapseServer.shared()
        let brand = try await synapse.registerUser("brand")
        let room = try await brand.createRoom(name: "Annonces", invite: [])

        try await MastodonFake.run { mastodon in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-publish-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let configuration = FoyerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: folder, allowPrivateNetworks: true)

            // The data folder: two channels (paused: nothing is polled, only published), 200 approved items,
            // each with a variant per channel, and 400 posts due over the next seconds.
            let workspaceID: WorkspaceID
            var expected: [ChannelID: Set<String>] = [:]
            let mastodonChannel: Channel
            let matrixChannel: Channel
            do {
                let app = try await AppEnvironment.open(configuration)
                let storage = app.storage
                let sealer = try app.sealer()
                let owner = try await storage.users.create(email: "cm@brand.example", name: "Camille", passwordHash: "x", preferredLocale: nil)
                let workspace = try await storage.workspaces.create(
                    NewWorkspace(name: "Brand", slug: "brand", timeZone: "Europe/Paris", defaultLocale: .fr), owner: owner.id)
                workspaceID = workspace.id
                mastodonChannel = try await storage.channels.create(
                    NewChannel(
                        kind: .mastodon, name: "Mastodon", settings: ["baseURL": mastodon.baseURL.absoluteString, "paused": "true"],
                        sealedCredentials: try sealer.seal(credentials: ["accessToken": mastodon.accessToken])),
                    in: workspace.id)
                matrixChannel = try await storage.channels.create(
                    NewChannel(
                        kind: .matrix, name: "#annonces", settings: ["homeserverURL": synapse.baseURL, "rooms": room, "paused": "true"],
                        sealedCredentials: try sealer.seal(credentials: ["accessToken": brand.accessToken, "userID": brand.userID])),
                    in: workspace.id)
                let publishing = ContentPublishing(
                    storage: storage, connectors: ConnectorRegistry(Connectors.all(policy: NetworkPolicy(allowPrivateNetworks: true))),
                    clock: SystemClock())
                for index in 0..<Self.postsPerPlatform {
                    let item = try await storage.content.create(
                        ContentDraft(title: "Annonce \(index)", body: "Annonce \(index)", contentType: "announcement"), createdBy: owner.id,
                        in: workspace.id)
                    for channel in [mastodonChannel, matrixChannel] {
                        let text = "Annonce \(index) pour \(channel.name) : la nouvelle collection arrive"
                        _ = try await storage.content.saveVariant(
                            VariantDraft(channelID: channel.id, marketID: nil, body: text), of: item.id, in: workspace.id)
                        expected[channel.id, default: []].insert(text)
                    }
                    let variants = try await storage.content.variants(of: item.id, in: workspace.id)
                    let current = try #require(try await storage.content.find(item.id, in: workspace.id))
                    _ = try await storage.content.addReview(
                        NewContentReview(
                            decision: .approved, reviewerID: owner.id, reviewerName: "Camille", viaLink: false, comment: "",
                            fingerprint: ContentFingerprint.of(current, variants: variants, media: [])),
                        to: item.id, in: workspace.id)
                    // Due a moment after it is queued: the server starts once all are queued, so every post is
                    // due by then, however slowly this setup ran.
                    for channel in [mastodonChannel, matrixChannel] {
                        _ = try await publishing.schedule(
                            PostRequest(contentID: item.id, channelID: channel.id, scheduledAt: Date().addingTimeInterval(1)),
                            in: workspace.id, by: owner.id)
                    }
                }
            }

            let arguments = [
                "serve", "--data", folder.path, "--host", "127.0.0.1", "--port", "0", "--log-level", "warning",
                "--allow-private-networks", "true",
            ]
            let app = try await AppEnvironment.open(configuration)
            let total = Self.postsPerPlatform * 2
            let first = try await FoyerServerProcess.start(binary: binary, arguments: arguments, startTimeout: .seconds(60))
            // Killed once a quarter of the posts are published: others are being sent at that moment.
            try await waitUntil("a quarter of the posts are published", timeout: .seconds(120)) {
                try await app.storage.publications.list(in: workspaceID, state: .published, purpose: nil, limit: total).count >= total / 4
            }
            first.process.send(signal: SIGKILL)
            await first.stop()
            let atKill = try await app.storage.publications.list(in: workspaceID, state: .published, purpose: nil, limit: total).count
            #expect(atKill < total, "the kill came in the middle of publishing (\(atKill) published)")

            // Restart: lapsed leases are reconciled with the platforms before anything is sent again.
            let second = try await FoyerServerProcess.start(binary: binary, arguments: arguments, startTimeout: .seconds(60))
            try await waitUntil("every post is published", timeout: .seconds(240)) {
                try await app.storage.publications.list(in: workspaceID, state: .published, purpose: nil, limit: total).count == total
            }
            await second.stop()

            let ledger = try await app.storage.publications.list(in: workspaceID, state: nil, purpose: nil, limit: total + 10)
            #expect(ledger.count == total, "no post was queued twice")
            #expect(Set(ledger.compactMap(\.externalID)).count == total, "each post has its own id on its platform")

            let statuses = await mastodon.postedStatuses().map { $0.text ?? $0.content }
            #expect(statuses.count == Self.postsPerPlatform, "Mastodon got \(statuses.count) statuses")
            #expect(Set(statuses) == expected[mastodonChannel.id], "every Mastodon post, once")

            let events = try await brand.textMessages(in: room, limit: 1000).compactMap(\.body)
            #expect(events.count == Self.postsPerPlatform, "the room got \(events.count) messages")
            #expect(Set(events) == expected[matrixChannel.id], "every Matrix post, once")
        }
    }

    private func waitUntil(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting until \(what)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
