import Foundation
import FoyerApp
import FoyerConnectors
import FoyerCore
import FoyerTestServers
import Testing

/// Foyer against a real Synapse: a message sent in a room reaches the inbox through the poll scheduler and
/// the ingest worker; a reply goes out through the publish ledger and appears in the room once, even when
/// the process that sent it died before it could record the send.
@Suite(
    .serialized, .enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
struct MatrixEndToEndTests {
    @Test func aRoomMessageReachesTheInboxAndTheReplyGoesOutOnceAcrossARestart() async throws {
        let synapse = try await SynapseServer.shared()
        let brand = try await synapse.registerUser("cime")
        let alice = try await synapse.registerUser("alice")
        try await alice.setDisplayName("Alice Martin")
        let room = try await brand.createRoom(name: "Communauté Cime", invite: [alice.userID])
        try await alice.join(room)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foyer-matrix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = FoyerConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: folder, allowPrivateNetworks: true)
        let app = try await AppEnvironment.open(configuration)
        let storage = app.storage
        let sealer = try app.sealer()
        let owner = try await storage.users.create(email: "cm@cime.example", name: "Camille", passwordHash: "x", preferredLocale: nil)
        let workspace = try await storage.workspaces.create(
            NewWorkspace(name: "Cime", slug: "cime", timeZone: "Europe/Paris", defaultLocale: .fr), owner: owner.id)
        let channel = try await storage.channels.create(
            NewChannel(
                kind: .matrix, name: "#communaute",
                settings: ["homeserverURL": synapse.baseURL, "rooms": room],
                sealedCredentials: try sealer.seal(credentials: ["accessToken": brand.accessToken, "userID": brand.userID])),
            in: workspace.id)

        // 1. Foyer polls the room; a message sent after its first sync lands in the inbox, analysed.
        let first = try await FoyerServer.start(
            configuration: configuration, storage: storage, workers: WorkerSetup(sealer: sealer))
        try await waitUntil("the first sync stored a cursor") {
            try await storage.channelCursors.cursor(for: channel.id, in: workspace.id) != nil
        }
        let sent = try await alice.send("Bonjour, ma commande n'est toujours pas arrivée, pouvez-vous vérifier ?", to: room)
        try await waitUntil("the message is in the inbox") {
            try await storage.messages.count(in: workspace.id) == 1
        }
        let conversations = try await storage.conversations.list(in: workspace.id, filter: ConversationFilter(), page: PageRequest())
        let conversation = try #require(conversations.items.first)
        #expect(conversations.items.count == 1)
        #expect(conversation.externalThreadID == room)
        let inbound = try #require(try await storage.messages.thread(conversation.id, in: workspace.id).first)
        #expect(inbound.externalID == sent)
        #expect(inbound.direction == .inbound)
        #expect(inbound.authorName == "Alice Martin")
        #expect(inbound.analysis.language == "fr")
        #expect(inbound.analysis.intents.contains("complaint") || inbound.analysis.intents.contains("question"))
        let member = try #require(try await storage.members.find(platform: .matrix, externalID: alice.userID, in: workspace.id))
        #expect(conversation.memberID == member.id)
        await first.shutdown()

        // 2. A reply is queued; a worker claims it, the homeserver receives it, and the worker dies before
        //    recording the send (a kill between the platform's answer and the ledger's write).
        let reply = try await storage.publications.create(
            NewPublication(
                channelID: channel.id, purpose: .reply, conversationID: conversation.id,
                body: "Bonjour Alice, nous regardons votre commande tout de suite.", threadID: conversation.externalThreadID,
                inReplyToExternalID: sent, dueAt: Date(), createdBy: owner.id),
            in: workspace.id, now: Date())
        let claimed = try await storage.publications.claimDue(now: Date(), leaseUntil: Date().addingTimeInterval(1), limit: 5)
        #expect(claimed.map(\.id) == [reply.id])
        let connector = try #require(
            ConnectorRegistry(Connectors.all(policy: NetworkPolicy(allowPrivateNetworks: true)))[.matrix]?.replier)
        let context = ChannelContext(
            channel: channel, credentials: ["accessToken": brand.accessToken, "userID": brand.userID])
        let delivered = try await connector.send(claimed[0].outboundRequest, context: context)
        try await Task.sleep(for: .seconds(1.5))  // the dead worker's lease lapses

        // 3. Foyer restarts: the lapsed lease makes the entry unknown, the publisher reconciles with the
        //    homeserver (same transaction id) and records the event that is already in the room.
        let second = try await FoyerServer.start(
            configuration: configuration, storage: storage, workers: WorkerSetup(sealer: sealer))
        try await waitUntil("the reply is published") {
            try await storage.publications.find(reply.id, in: workspace.id)?.state == .published
        }
        let published = try #require(try await storage.publications.find(reply.id, in: workspace.id))
        #expect(published.externalID == delivered.externalID)

        let inRoom = try await alice.textMessages(in: room).filter { $0.body == reply.body }
        #expect(inRoom.count == 1, "the reply is in the room once")
        #expect(inRoom.first?.inReplyTo == sent)

        // The homeserver's echo of the reply, seen by the next sync, is the same message, not a new one.
        let followUp = try await alice.send("Merci beaucoup !", to: room)
        try await waitUntil("the follow-up is in the inbox") {
            try await storage.messages.thread(conversation.id, in: workspace.id).contains { $0.externalID == followUp }
        }
        let thread = try await storage.messages.thread(conversation.id, in: workspace.id)
        #expect(thread.filter { $0.externalID == delivered.externalID }.count == 1)
        #expect(thread.filter { $0.direction == .outbound }.count == 1)
        #expect(thread.count == 3)
        let updated = try await storage.conversations.find(conversation.id, in: workspace.id)
        #expect(updated?.firstResponseAt != nil)
        await second.shutdown()
    }

    private func waitUntil(
        _ what: String, timeout: Duration = .seconds(90), _ condition: () async throws -> Bool
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
