import Foundation
import FoyerCore
import Testing

@testable import FoyerConnectors

/// What the Matrix connector asks for and how it takes broken answers, against a loopback fake homeserver
/// (the real one cannot be made to misbehave).
@Suite struct MatrixFakeHomeserverTests {
    static let room = "!room:example.org"

    static func context(_ baseURL: URL, rooms: String? = nil) -> ChannelContext {
        var settings = ["homeserverURL": baseURL.absoluteString + "/"]
        if let rooms { settings["rooms"] = rooms }
        return ChannelFixtures.context(
            .matrix, settings: settings, credentials: ["accessToken": "syt_token", "userID": "@foyer:example.org"])
    }

    static func poller() -> MatrixPoller {
        MatrixPoller(http: TestHTTP.connectorClient(platform: "Matrix"), longPollTimeout: .seconds(7))
    }

    @Test func poll_asksForMessagesSinceTheCursor_withTheToken() async throws {
        try await FakeHTTPServer.run({ _ in .json(#"{"next_batch": "s2"}"#) }) { baseURL, log in
            let result = try await Self.poller().poll(
                Self.context(baseURL, rooms: Self.room), cursor: "s1", now: Date())
            #expect(result.items.isEmpty)
            #expect(result.cursor == "s2")
            let request = try #require(log.matching("/_matrix/client/v3/sync").first)
            #expect(request.headers["authorization"] == "Bearer syt_token")
            #expect(request.query["since"] == "s1")
            #expect(request.query["timeout"] == "7000")
            let filter = try JSONValue.parse(Data((request.query["filter"] ?? "").utf8))
            #expect(filter["room"]?["rooms"] == .array([.string(Self.room)]))
            #expect(
                filter["room"]?["timeline"]?["types"] == .array([.string("m.room.message"), .string("m.room.member")]))
        }
    }

    @Test func brokenAnswers_becomeConnectorErrors() async throws {
        let cases: [(FakeReply, ConnectorError.Kind)] = [
            (FakeReply(status: 200, body: Data("<html>proxy</html>".utf8)), .protocolError),
            (.json(#"{"rooms": {}}"#), .protocolError),
            (
                .json(#"{"errcode": "M_UNKNOWN_TOKEN", "error": "Invalid access token passed."}"#, status: 401),
                .unauthorized
            ),
            (.json(#"{"errcode": "M_UNKNOWN"}"#, status: 502), .unavailable),
            (.json(#"{"errcode": "M_LIMIT_EXCEEDED", "retry_after_ms": 3600000}"#, status: 429), .rateLimited),
        ]
        for (reply, kind) in cases {
            try await FakeHTTPServer.run({ _ in reply }) { baseURL, _ in
                let error = try await #require(throws: ConnectorError.self) {
                    _ = try await Self.poller().poll(Self.context(baseURL), cursor: "s1", now: Date())
                }
                #expect(error.kind == kind)
                if kind == .rateLimited { #expect(error.retryAfter != nil) }
            }
        }
    }

    @Test func aRoomWhoseHistoryAndMembersAreRefused_stillGivesItsSyncedMessages() async throws {
        let sync = #"""
            {"next_batch": "s2", "rooms": {"join": {"!room:example.org": {"timeline": {"limited": true, "prev_batch": "p1",
              "events": [{"type": "m.room.message", "event_id": "$new", "sender": "@bob:example.org",
                          "origin_server_ts": 1763715600000, "content": {"msgtype": "m.text", "body": "still here"}},
                         {"type": "m.room.member", "event_id": "$join", "sender": "@bob:example.org",
                          "origin_server_ts": 1763715600000, "content": {"membership": "join"}}]}}}}}
            """#
        let forbidden = FakeReply.json(#"{"errcode": "M_FORBIDDEN", "error": "not in room"}"#, status: 403)
        try await FakeHTTPServer.run({ request in
            request.path == "/_matrix/client/v3/sync" ? .json(sync) : forbidden
        }) { baseURL, log in
            let result = try await Self.poller().poll(Self.context(baseURL), cursor: "s1", now: Date())
            #expect(result.items.map(\.externalID) == ["$new"])
            #expect(result.items.first?.author.displayName == nil)
            #expect(result.items.first?.kind == .comment)
            let backfill = try #require(log.all.first { $0.path.hasSuffix("/messages") })
            #expect(backfill.query["from"] == "p1")
            #expect(backfill.query["to"] == "s1")
            #expect(backfill.query["dir"] == "b")
        }
    }

    @Test func send_putsTheMessageUnderATransactionIDFromTheKey() async throws {
        try await FakeHTTPServer.run({ _ in .json(#"{"event_id": "$sent"}"#) }) { baseURL, log in
            let replier = MatrixReplier(http: TestHTTP.connectorClient(platform: "Matrix"))
            let receipt = try await replier.send(
                OutboundRequest(
                    body: "On it", threadID: "\(Self.room)|$root", inReplyToExternalID: "$question",
                    idempotencyKey: "key-1"),
                context: Self.context(baseURL))
            #expect(receipt.externalID == "$sent")
            let request = try #require(log.all.first)
            #expect(request.method == "PUT")
            #expect(request.uri == "/_matrix/client/v3/rooms/%21room%3Aexample.org/send/m.room.message/foyer-key-1")
            let body = try request.json()
            #expect(body["body"] == .string("On it"))
            #expect(body["m.relates_to"]?["rel_type"] == .string("m.thread"))
            #expect(body["m.relates_to"]?["m.in_reply_to"]?["event_id"] == .string("$question"))
        }
    }

    @Test func send_refusesWhatMatrixWouldRefuse_withoutCallingIt() async throws {
        try await FakeHTTPServer.run({ _ in .json(#"{"event_id": "$sent"}"#) }) { baseURL, log in
            let replier = MatrixReplier(http: TestHTTP.connectorClient(platform: "Matrix"))
            let requests = [
                OutboundRequest(body: "  ", threadID: Self.room, inReplyToExternalID: nil, idempotencyKey: "k"),
                OutboundRequest(
                    body: String(repeating: "x", count: 70_000), threadID: Self.room, inReplyToExternalID: nil,
                    idempotencyKey: "k"),
                OutboundRequest(body: "hi", threadID: "general", inReplyToExternalID: nil, idempotencyKey: "k"),
            ]
            for request in requests {
                let error = try await #require(throws: ConnectorError.self) {
                    _ = try await replier.send(request, context: Self.context(baseURL))
                }
                #expect(error.kind == .rejected)
            }
            // A new post without a configured room.
            let post = OutboundRequest(body: "hi", threadID: nil, inReplyToExternalID: nil, idempotencyKey: "k")
            let error = try await #require(throws: ConnectorError.self) {
                _ = try await replier.send(post, context: Self.context(baseURL))
            }
            #expect(error.kind == .configuration)
            #expect(log.all.isEmpty)
        }
    }

    @Test func registry_offersTheMatrixConnector() {
        let registry = ConnectorRegistry(Connectors.all(policy: NetworkPolicy()))
        let matrix = registry[.matrix]
        #expect(matrix is MatrixConnector)
        #expect(matrix?.poller != nil)
        #expect(matrix?.replier != nil)
    }
}
