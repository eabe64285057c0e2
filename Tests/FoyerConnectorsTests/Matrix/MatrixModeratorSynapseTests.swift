import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// Deleting (redacting) and banning in the rooms of a real Synapse.
@Suite(.enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
struct MatrixModeratorSynapseTests {
    typealias Scene = MatrixSynapseTests.Scene

    func request(_ action: ModerationAction, message: String? = nil, thread: String?, author: String? = nil)
        -> ModerationRequest
    {
        ModerationRequest(
            action: action, externalMessageID: message, threadID: thread, externalAuthorID: author, reason: "spam",
            idempotencyKey: UUID().uuidString)
    }

    @Test func delete_redactsTheMessage_evenInAThread_andAgainSucceeds() async throws {
        let scene = try await Scene.make()
        let moderator = try #require(scene.connector.moderator)
        let root = try await scene.alice.send("Release day!", to: scene.room)
        let spam = try await scene.carol.send("Buy cheap watches", to: scene.room, threadRoot: root)

        let delete = request(.delete, message: spam, thread: "\(scene.room)|\(root)")
        try await moderator.perform(delete, context: scene.context)
        try await moderator.perform(delete, context: scene.context)

        #expect(try await scene.alice.event(spam, in: scene.room).isRedacted)
        #expect(try await scene.alice.event(root, in: scene.room).isRedacted == false)
    }

    @Test func ban_keepsTheAuthorOut_andAgainSucceeds() async throws {
        let scene = try await Scene.make()
        let moderator = try #require(scene.connector.moderator)
        let ban = request(.ban, thread: scene.room, author: scene.carol.userID)
        try await moderator.perform(ban, context: scene.context)
        try await moderator.perform(ban, context: scene.context)
        #expect(try await scene.bot.membership(of: scene.carol.userID, in: scene.room) == "ban")
    }

    @Test func hide_isRefused_andWithoutPowerLevelsTheRoomSaysNo() async throws {
        let scene = try await Scene.make()
        let moderator = try #require(scene.connector.moderator)
        let message = try await scene.carol.send("hello", to: scene.room)
        let hide = try await #require(throws: ConnectorError.self) {
            try await moderator.perform(request(.hide, message: message, thread: scene.room), context: scene.context)
        }
        #expect(hide.kind == .rejected)
        #expect(scene.connector.capabilities.hide == false)

        let asAlice = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL], accessToken: scene.alice.accessToken,
            userID: scene.alice.userID)
        let forbidden = try await #require(throws: ConnectorError.self) {
            try await moderator.perform(request(.delete, message: message, thread: scene.room), context: asAlice)
        }
        #expect(forbidden.kind == .forbidden)
        #expect(try await scene.bot.event(message, in: scene.room).isRedacted == false)
    }
}
