import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

@Suite struct ServerSentEventsTests {
    @Test func eventsSplitAcrossChunks_withCRLFCommentsAndMultilineData_areReadWhole() {
        var parser = ServerSentEvents()
        let text = ":thump\r\nevent: notification\r\ndata: {\"id\":\r\ndata: 1}\r\n\r\ndata: plain\n\n:thump\n"
        var events: [ServerSentEvents.Event] = []
        for byte in Array(text.utf8) { events += parser.feed([byte]) }
        #expect(events == [.init(name: "notification", data: "{\"id\":\n1}"), .init(name: "message", data: "plain")])
    }

    @Test func anOverlongLine_dropsItsEvent_only() {
        var parser = ServerSentEvents()
        var events = parser.feed(Array("event: notification\ndata: ".utf8))
        events += parser.feed([UInt8](repeating: UInt8(ascii: "a"), count: ServerSentEvents.maxLineBytes + 10))
        events += parser.feed(Array("\n\nevent: notification\ndata: ok\n\n".utf8))
        #expect(events == [.init(name: "notification", data: "ok")])
    }
}

/// The notification stream against ``MastodonFake``.
@Suite struct MastodonStreamerTests {
    /// What a stream handed over, in order.
    actor Received {
        var pushes: [PollResult] = []
        func add(_ push: PollResult) { pushes.append(push) }
    }

    @Test func mentions_arePushedWithTheirCursor_andADropEndsTheStream() async throws {
        try await MastodonFake.run { fake in
            let alice = await fake.addAccount(username: "alice")
            await fake.addFollow(from: alice)
            let streamer = try #require(
                MastodonConnector(http: TestHTTP.connectorClient(platform: "Mastodon")).streamer)
            let context = ChannelFixtures.context(
                .mastodon, settings: ["baseURL": fake.baseURL.absoluteString],
                credentials: ["accessToken": fake.accessToken])
            let (opened, openedContinuation) = AsyncStream<Void>.makeStream()
            let (pushed, pushedContinuation) = AsyncStream<PollResult>.makeStream()

            let streaming = Task {
                try await streamer.stream(
                    context,
                    onOpen: {
                        openedContinuation.yield()
                        return "10"
                    },
                    onPush: { pushedContinuation.yield($0) })
            }
            var openings = opened.makeAsyncIterator()
            _ = await openings.next()
            let follow = await fake.addFollow(from: alice)
            let mention = await fake.postMention(from: alice, content: "<p>@foyer streaming works</p>")

            var pushes = pushed.makeAsyncIterator()
            let first = try #require(await pushes.next())
            let second = try #require(await pushes.next())
            #expect(first.items.isEmpty)
            #expect(first.cursor == follow)
            #expect(second.items.map(\.externalID) == [mention.status.id])
            #expect(second.items.first?.body == "@foyer streaming works")
            #expect(second.cursor == mention.notificationID)
            let request = try #require(await fake.requests().first { $0.path.hasPrefix("/api/v1/streaming") })
            #expect(request.path == "/api/v1/streaming/user/notification")

            await fake.dropStreams()
            try await streaming.value
        }
    }

    @Test func aRefusedToken_failsTheStreamBeforeItOpens() async throws {
        try await MastodonFake.run { fake in
            let streamer = try #require(
                MastodonConnector(http: TestHTTP.connectorClient(platform: "Mastodon")).streamer)
            let context = ChannelFixtures.context(
                .mastodon, settings: ["baseURL": fake.baseURL.absoluteString], credentials: ["accessToken": "revoked"])
            let error = try await #require(throws: ConnectorError.self) {
                try await streamer.stream(
                    context, onOpen: {
                        Issue.record("the stream must not open")
                        return nil
                    }, onPush: { _ in })
            }
            #expect(error.kind == .unauthorized)
        }
    }

    @Test func pushes_skipUnreadableAndOlderNotifications() {
        #expect(MastodonStreamer.push("not json", after: nil, now: Date()) == nil)
        #expect(MastodonStreamer.push(#"{"id":"99","type":"follow"}"#, after: "100", now: Date()) == nil)
        let newer = MastodonStreamer.push(#"{"id":"101","type":"mention","status":{}}"#, after: "100", now: Date())
        #expect(newer?.cursor == "101")
        #expect(newer?.items.isEmpty == true)
    }
}
