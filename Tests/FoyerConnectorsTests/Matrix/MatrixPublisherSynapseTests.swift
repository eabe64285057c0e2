import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// Publishing posts in a room of a real Synapse.
@Suite(.enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
struct MatrixPublisherSynapseTests {
    typealias Scene = MatrixSynapseTests.Scene

    /// A scene whose channel posts in its group room.
    func scene() async throws -> Scene {
        var scene = try await Scene.make()
        scene.context = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL, "rooms": scene.room], accessToken: scene.bot.accessToken,
            userID: scene.bot.userID)
        return scene
    }

    func post(key: String = UUID().uuidString, media: [OutboundMedia] = []) -> OutboundPost {
        OutboundPost(
            title: "ignored", body: "We are moving to a new server tonight.",
            followUps: ["Expect ten minutes of downtime.", "We will post here when it is done."], media: media,
            idempotencyKey: key)
    }

    @Test func publish_postsInTheRoom_mediaAfterIt_andTheFollowUpsAsAThreadOnIt() async throws {
        let scene = try await scene()
        let publisher = try #require(scene.connector.publisher)
        let image = OutboundMedia(
            filename: "map.png", mimeType: "image/png", data: Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]),
            altText: "A map of the data centre")

        let receipt = try await publisher.publish(post(media: [image]), context: scene.context)

        let events = try await scene.alice.textMessages(in: scene.room).filter { $0.sender == scene.bot.userID }
        #expect(events.map(\.body) == [
            "We are moving to a new server tonight.", "A map of the data centre", "Expect ten minutes of downtime.",
            "We will post here when it is done.",
        ])
        #expect(events[0].eventID == receipt.externalID)
        #expect(events[0].relationType == nil)
        #expect(events[1].msgtype == "m.image")
        #expect(events[1].contentURL?.hasPrefix("mxc://") == true)
        #expect(events[2].relationType == "m.thread" && events[3].relationType == "m.thread")
        #expect(events[2].relatesToEventID == receipt.externalID && events[3].relatesToEventID == receipt.externalID)
        #expect(events[2].inReplyTo == receipt.externalID)
        #expect(events[3].inReplyTo == events[2].eventID)
    }

    @Test func publishingTwiceWithOneKey_postsEachPartOnce() async throws {
        let scene = try await scene()
        let publisher = try #require(scene.connector.publisher)
        let key = UUID().uuidString
        let first = try await publisher.publish(post(key: key), context: scene.context)
        let second = try await publisher.publish(post(key: key), context: scene.context)
        #expect(first == second)
        let bodies = try await scene.alice.textMessages(in: scene.room).filter { $0.sender == scene.bot.userID }
            .map(\.body)
        #expect(bodies.count == 3)
    }

    @Test func reconcile_afterTheFirstPartWentOut_findsIt_andFinishesTheThread() async throws {
        let scene = try await scene()
        let publisher = try #require(scene.connector.publisher)
        let key = UUID().uuidString
        // A worker sent the first part, then died before the follow-ups.
        let replier = try #require(scene.connector.replier)
        let sent = try await replier.send(
            OutboundRequest(
                body: "We are moving to a new server tonight.", threadID: nil, inReplyToExternalID: nil,
                idempotencyKey: key),
            context: scene.context)

        let reconciled = try await publisher.reconcile(post(key: key), context: scene.context)

        #expect(reconciled?.externalID == sent.externalID)
        let events = try await scene.alice.textMessages(in: scene.room).filter { $0.sender == scene.bot.userID }
        #expect(events.count == 3)
        #expect(events.dropFirst().allSatisfy { $0.relatesToEventID == sent.externalID })
    }

    @Test func withoutARoom_publishingIsAConfigurationError() async throws {
        var scene = try await Scene.make()
        scene.context = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL], accessToken: scene.bot.accessToken,
            userID: scene.bot.userID)
        let publisher = try #require(scene.connector.publisher)
        let error = try await #require(throws: ConnectorError.self) {
            try await publisher.publish(post(), context: scene.context)
        }
        #expect(error.kind == .configuration)
    }
}
