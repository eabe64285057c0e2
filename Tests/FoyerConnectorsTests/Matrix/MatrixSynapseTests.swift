import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// The Matrix connector against a real Synapse on loopback (one per test run, see ``SynapseServer/shared()``).
/// Each test registers its own users and rooms.
@Suite(.enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
struct MatrixSynapseTests {
    /// The channel's account ("bot"), two community members, a group room with all three and a direct room
    /// with the bot and Alice. The bot created both rooms, so it moderates them.
    struct Scene {
        var synapse: SynapseServer
        var bot: MatrixTestClient
        var alice: MatrixTestClient
        var carol: MatrixTestClient
        var room: String
        var directRoom: String
        var connector: MatrixConnector
        var context: ChannelContext

        static func make(rooms: String? = nil) async throws -> Scene {
            let synapse = try await SynapseServer.shared()
            let bot = try await synapse.registerUser("foyer", admin: true)
            let alice = try await synapse.registerUser("alice")
            let carol = try await synapse.registerUser("carol")
            try await alice.setDisplayName("Alice Liddell")
            let room = try await bot.createRoom(name: "Support", invite: [alice.userID, carol.userID])
            try await alice.join(room)
            try await carol.join(room)
            let directRoom = try await bot.createRoom(
                invite: [alice.userID], isDirect: true, preset: "trusted_private_chat")
            try await alice.join(directRoom)
            let http = ConnectorHTTPClient(
                httpClient: ConnectorHTTPClient.sharedHTTPClient, policy: NetworkPolicy(allowPrivateNetworks: true))
            let connector = MatrixConnector(http: http, longPollTimeout: .seconds(2))
            var settings = ["homeserverURL": synapse.baseURL]
            if let rooms { settings["rooms"] = rooms }
            let context = try Scene.context(settings: settings, accessToken: bot.accessToken, userID: bot.userID)
            try connector.validate(settings: settings, credentials: context.credentials)
            return Scene(
                synapse: synapse, bot: bot, alice: alice, carol: carol, room: room, directRoom: directRoom,
                connector: connector, context: context)
        }

        static func context(settings: [String: String], accessToken: String, userID: String) throws -> ChannelContext {
            let channel = Channel(
                id: ChannelID(1), workspaceID: WorkspaceID(1), kind: .matrix, name: "Matrix", settings: settings,
                sealedCredentials: nil, health: ChannelHealth(), createdAt: Date())
            return ChannelContext(channel: channel, credentials: ["accessToken": accessToken, "userID": userID])
        }

        func poll(_ cursor: String?) async throws -> PollResult {
            let poller = try #require(connector.poller)
            return try await poller.poll(context, cursor: cursor, now: Date())
        }

        /// The first poll (no items) and its cursor.
        func startCursor() async throws -> String {
            let first = try await poll(nil)
            #expect(first.items.isEmpty)
            return try #require(first.cursor)
        }

        func send(_ body: String, threadID: String?, inReplyTo: String? = nil, key: String = UUID().uuidString)
            async throws -> OutboundReceipt
        {
            let replier = try #require(connector.replier)
            return try await replier.send(
                OutboundRequest(body: body, threadID: threadID, inReplyToExternalID: inReplyTo, idempotencyKey: key),
                context: context)
        }
    }

    @Test func firstPoll_importsNoHistory_thenAMessageArrivesWithItsFields() async throws {
        let scene = try await Scene.make()
        try await scene.alice.send("Written before the channel was connected", to: scene.room)
        let cursor = try await scene.startCursor()

        let before = Date()
        let eventID = try await scene.alice.send("Where is my invoice?", to: scene.room)
        let result = try await scene.poll(cursor)

        let item = try #require(result.items.first { $0.externalID == eventID })
        #expect(result.items.count == 1)
        #expect(item.threadID == scene.room)
        #expect(item.parentID == nil)
        #expect(item.kind == .comment)
        #expect(item.direction == .inbound)
        #expect(item.author.externalID == scene.alice.userID)
        #expect(item.author.handle == scene.alice.username)
        #expect(item.author.displayName == "Alice Liddell")
        #expect(item.body == "Where is my invoice?")
        #expect(abs(item.sentAt.timeIntervalSince(before)) < 120)
        #expect(result.cursor != nil && result.cursor != cursor)
    }

    @Test func directRooms_giveDirectMessages_andOurOwnMessagesAreOutbound() async throws {
        let scene = try await Scene.make()
        let cursor = try await scene.startCursor()
        let question = try await scene.alice.send("Can we talk privately?", to: scene.directRoom)
        let ours = try await scene.bot.send("Of course.", to: scene.directRoom)

        let items = try await scene.poll(cursor).items
        let incoming = try #require(items.first { $0.externalID == question })
        let outgoing = try #require(items.first { $0.externalID == ours })
        #expect(incoming.kind == .directMessage)
        #expect(incoming.direction == .inbound)
        #expect(incoming.threadID == scene.directRoom)
        #expect(outgoing.direction == .outbound)
        #expect(outgoing.author.externalID == scene.bot.userID)
    }

    @Test func cursor_resumesAfterTheLastPoll_andAnOldCursorLosesNothing() async throws {
        let scene = try await Scene.make()
        let start = try await scene.startCursor()
        let first = try await scene.alice.send("first", to: scene.room)
        let afterFirst = try await scene.poll(start)
        #expect(afterFirst.items.map(\.externalID) == [first])

        let second = try await scene.carol.send("second", to: scene.room)
        let resume: String = try #require(afterFirst.cursor)
        let afterSecond = try await scene.poll(resume)
        #expect(afterSecond.items.map(\.externalID) == [second])

        // A worker that crashed before storing the first page polls again from the old cursor and follows the
        // cursors (Synapse may answer a repeated sync from its cache): it gets both messages, in order.
        var replayed: [String] = []
        var cursor = start
        for _ in 0..<5 {
            let page = try await scene.poll(cursor)
            replayed += page.items.map(\.externalID)
            if page.items.isEmpty { break }
            cursor = try #require(page.cursor)
        }
        #expect(replayed == [first, second])
    }

    @Test func joiningARoom_importsNoneOfItsHistory() async throws {
        let scene = try await Scene.make()
        let room = try await scene.alice.createRoom(name: "Older room", invite: [scene.bot.userID, scene.carol.userID])
        try await scene.carol.join(room)
        for number in 1...3 { try await scene.carol.send("before the bot \(number)", to: room) }
        let cursor = try await scene.startCursor()

        try await scene.bot.join(room)
        let after = try await scene.alice.send("after the bot joined", to: room)

        let items = try await scene.poll(cursor).items.filter { $0.threadID == room }
        #expect(items.map(\.externalID) == [after])
    }

    @Test func roomsSetting_limitsWhatIsRead() async throws {
        var scene = try await Scene.make()
        let onlyGroup = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL, "rooms": scene.room], accessToken: scene.bot.accessToken,
            userID: scene.bot.userID)
        scene.context = onlyGroup
        let cursor = try await scene.startCursor()
        try await scene.alice.send("private", to: scene.directRoom)
        let public_ = try await scene.alice.send("public", to: scene.room)
        #expect(try await scene.poll(cursor).items.map(\.externalID) == [public_])
    }

    @Test func aGapLongerThanOneSync_isBackfilledInOrder() async throws {
        let scene = try await Scene.make()
        let cursor = try await scene.startCursor()
        var sent: [String] = []
        for number in 1...(MatrixPoller.timelineLimit + 15) {
            sent.append(try await scene.alice.send("message \(number)", to: scene.room))
        }
        let result = try await scene.poll(cursor)
        #expect(result.items.map(\.externalID) == sent)
    }

    @Test func replyInTheRoom_appearsOnce_withItsReplyTarget() async throws {
        let scene = try await Scene.make()
        let cursor = try await scene.startCursor()
        let question = try await scene.alice.send("Is the shop open on Sunday?", to: scene.room)

        let receipt = try await scene.send("Yes, from 10 to 16.", threadID: scene.room, inReplyTo: question)

        let replies = try await scene.bot.textMessages(in: scene.room).filter { $0.body == "Yes, from 10 to 16." }
        #expect(replies.count == 1)
        #expect(replies.first?.eventID == receipt.externalID)
        #expect(replies.first?.inReplyTo == question)
        #expect(replies.first?.sender == scene.bot.userID)
        #expect(receipt.url?.hasPrefix("https://matrix.to/#/") == true)

        // The echo comes back as our own message, answering the question.
        let echo = try #require(try await scene.poll(cursor).items.first { $0.externalID == receipt.externalID })
        #expect(echo.direction == .outbound)
        #expect(echo.parentID == question)
        #expect(echo.body == "Yes, from 10 to 16.")
    }

    @Test func replyInAThread_staysInTheThread() async throws {
        let scene = try await Scene.make()
        let root = try await scene.alice.send("Bug: the app crashes on start", to: scene.room)
        let inThread = try await scene.carol.send("Same here", to: scene.room, threadRoot: root)
        let cursor = try await scene.startCursor()

        let threadID = "\(scene.room)|\(root)"
        let receipt = try await scene.send("We are on it.", threadID: threadID, inReplyTo: inThread)

        let event = try await scene.bot.event(receipt.externalID, in: scene.room)
        #expect(event.relationType == "m.thread")
        #expect(event.relatesToEventID == root)
        #expect(event.inReplyTo == inThread)
        let copies = try await scene.bot.textMessages(in: scene.room).filter { $0.body == "We are on it." }
        #expect(copies.count == 1)

        let item = try #require(try await scene.poll(cursor).items.first { $0.externalID == receipt.externalID })
        #expect(item.threadID == threadID)
        #expect(item.parentID == inThread)
    }

    @Test func sendingTwiceWithOneIdempotencyKey_postsOnce() async throws {
        let scene = try await Scene.make()
        let key = UUID().uuidString
        let first = try await scene.send("Only once, please.", threadID: scene.room, key: key)
        let again = try await scene.send("Only once, please.", threadID: scene.room, key: key)
        let replier = try #require(scene.connector.replier)
        let reconciled = try await replier.reconcile(
            OutboundRequest(
                body: "Only once, please.", threadID: scene.room, inReplyToExternalID: nil, idempotencyKey: key),
            context: scene.context)

        #expect(again.externalID == first.externalID)
        #expect(reconciled?.externalID == first.externalID)
        let copies = try await scene.bot.textMessages(in: scene.room).filter { $0.body == "Only once, please." }
        #expect(copies.map(\.eventID) == [first.externalID])

        let other = try await scene.send("Only once, please.", threadID: scene.room)
        #expect(other.externalID != first.externalID)
    }

    @Test func newPost_goesToTheFirstConfiguredRoom() async throws {
        var scene = try await Scene.make()
        scene.context = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL, "rooms": "\(scene.room),\(scene.directRoom)"],
            accessToken: scene.bot.accessToken, userID: scene.bot.userID)
        let receipt = try await scene.send("Release 2.0 is out!", threadID: nil)
        let posted = try await scene.alice.textMessages(in: scene.room).filter { $0.eventID == receipt.externalID }
        #expect(posted.count == 1)
    }

    @Test func rateLimit_becomesRateLimitedWithRetryAfter_orIsWaitedOut() async throws {
        let scene = try await Scene.make()
        let limited = try await scene.synapse.registerUser("limited")
        let room = try await scene.bot.createRoom(invite: [limited.userID])
        try await limited.join(room)
        // One message, then one per second (Synapse's admin API takes whole numbers).
        try await scene.bot.overrideMessageRateLimit(for: limited.userID, messagesPerSecond: 1, burstCount: 1)

        var retrying = scene
        retrying.context = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL], accessToken: limited.accessToken, userID: limited.userID
        )
        var noRetry = retrying
        noRetry.connector = MatrixConnector(
            http: ConnectorHTTPClient(
                httpClient: ConnectorHTTPClient.sharedHTTPClient, policy: NetworkPolicy(allowPrivateNetworks: true),
                maxAttempts: 1),
            longPollTimeout: .seconds(2))

        // The default client waits a short Retry-After out and sends (the transaction id makes the retry safe);
        // the join just now already counts against the limit.
        _ = try await retrying.send("one", threadID: room)
        var accepted = ["one"]
        // Sent back to back, one of these meets the limit (a very slow machine may let one through).
        let before = Date()
        var refusal: ConnectorError?
        for number in 2...6 where refusal == nil {
            do {
                _ = try await noRetry.send("burst \(number)", threadID: room)
                accepted.append("burst \(number)")
            } catch let error as ConnectorError {
                refusal = error
            }
        }
        let error = try #require(refusal)
        #expect(error.kind == .rateLimited)
        #expect(error.statusCode == 429)
        let retryAfter = try #require(error.retryAfter)
        #expect(retryAfter > before)

        _ = try await retrying.send("three", threadID: room)
        _ = try await retrying.send("four", threadID: room)
        let bodies = try await limited.textMessages(in: room).map(\.body)
        #expect(bodies == accepted + ["three", "four"])
    }

    @Test func badToken_isUnauthorized() async throws {
        var scene = try await Scene.make()
        scene.context = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL], accessToken: "syt_not_a_token", userID: scene.bot.userID
        )
        let pollError = try await #require(throws: ConnectorError.self) { _ = try await scene.poll(nil) }
        #expect(pollError.kind == .unauthorized)
        let sendError = try await #require(throws: ConnectorError.self) {
            _ = try await scene.send("hi", threadID: scene.room)
        }
        #expect(sendError.kind == .unauthorized)
    }

    @Test func redact_removesTheMessage_andBan_keepsTheUserOut() async throws {
        let scene = try await Scene.make()
        let client = try scene.connector.client(for: scene.context)
        let spam = try await scene.carol.send("Buy cheap watches at example.com", to: scene.room)

        let redaction = try await client.redact(
            eventID: spam, roomID: scene.room, reason: "spam", txnID: UUID().uuidString)
        #expect(redaction.hasPrefix("$"))
        #expect(try await scene.alice.event(spam, in: scene.room).isRedacted)
        #expect(try await scene.alice.event(spam, in: scene.room).body == nil)

        try await client.ban(userID: scene.carol.userID, roomID: scene.room, reason: "spam")
        #expect(try await scene.bot.membership(of: scene.carol.userID, in: scene.room) == "ban")
        await #expect(throws: SynapseError.self) { try await scene.carol.send("I am back", to: scene.room) }
    }

    @Test func moderationWithoutPower_isForbidden() async throws {
        let scene = try await Scene.make()
        let aliceContext = try Scene.context(
            settings: ["homeserverURL": scene.synapse.baseURL], accessToken: scene.alice.accessToken,
            userID: scene.alice.userID)
        let asAlice = try scene.connector.client(for: aliceContext)
        let error = try await #require(throws: ConnectorError.self) {
            try await asAlice.ban(userID: scene.carol.userID, roomID: scene.room, reason: nil)
        }
        #expect(error.kind == .forbidden)
        #expect(try await scene.bot.membership(of: scene.carol.userID, in: scene.room) == "join")
    }
}
