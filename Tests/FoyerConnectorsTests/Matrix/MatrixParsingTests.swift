import Foundation
import FoyerCore
import Testing

@testable import FoyerConnectors

/// The Matrix connector's pure parts on recorded payloads (shapes as Synapse 1.163 sends them); no server.
@Suite struct MatrixParsingTests {
    static let ownUserID = "@foyer:example.org"
    static let groupRoom = MatrixRoomInfo(displayNames: ["@alice:example.org": "Alice Liddell"], isDirect: false)

    static func event(_ json: String) throws -> JSONValue {
        try JSONValue.parse(Data(json.utf8))
    }

    // MARK: Sync pages

    static let recordedSync = #"""
        {
          "next_batch": "s72595_4483_1934",
          "account_data": {"events": []},
          "rooms": {
            "join": {
              "!zzz:example.org": {
                "timeline": {"events": [], "limited": false, "prev_batch": "t1-1_1"}
              },
              "!bbb:example.org": {
                "timeline": {
                  "events": [
                    {"type": "m.room.message", "event_id": "$second", "sender": "@alice:example.org",
                     "origin_server_ts": 1763715600000, "content": {"msgtype": "m.text", "body": "Hi"},
                     "unsigned": {"age": 1234}}
                  ],
                  "limited": true,
                  "prev_batch": "t34-23535_0_0"
                }
              },
              "!aaa:example.org": {
                "timeline": {
                  "events": [
                    {"type": "m.room.message", "event_id": "$first", "sender": "@bob:example.org",
                     "origin_server_ts": 1763715500000, "content": {"msgtype": "m.text", "body": "Hello"}}
                  ],
                  "limited": false
                }
              },
              "not a room": {"timeline": {"events": [{"type": "m.room.message"}]}}
            },
            "invite": {"!invited:example.org": {}}
          }
        }
        """#

    @Test func syncPage_keepsJoinedRoomsWithEventsOrGaps_sortedByRoomID() throws {
        let page = try MatrixSyncPage.parse(try Self.event(Self.recordedSync))
        #expect(page.nextBatch == "s72595_4483_1934")
        #expect(page.rooms.map(\.roomID) == ["!aaa:example.org", "!bbb:example.org"])
        let gap = try #require(page.rooms.last)
        #expect(gap.limited)
        #expect(gap.prevBatch == "t34-23535_0_0")
        #expect(gap.events.first?.text("event_id") == "$second")
        #expect(page.rooms.first?.limited == false)
    }

    @Test func syncPage_withoutNextBatch_isAProtocolError() throws {
        for body in [#"{"rooms": {}}"#, #"{"next_batch": 12}"#, #"[]"#] {
            let error = try #require(throws: ConnectorError.self) { try MatrixSyncPage.parse(try Self.event(body)) }
            #expect(error.kind == .protocolError)
        }
    }

    @Test func syncPage_withoutRooms_isEmpty() throws {
        let page = try MatrixSyncPage.parse(try Self.event(#"{"next_batch": "s1"}"#))
        #expect(page.rooms.isEmpty)
    }

    // MARK: Events

    @Test func message_mapsEveryField() throws {
        let event = try Self.event(
            #"{"type": "m.room.message", "event_id": "$abc:example.org", "sender": "@alice:example.org", "origin_server_ts": 1763715600123, "content": {"msgtype": "m.text", "body": "  Where is the invoice?  "}}"#
        )
        let item = try #require(
            MatrixEventMapper.item(event, roomID: "!room:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID))
        #expect(item.externalID == "$abc:example.org")
        #expect(item.threadID == "!room:example.org")
        #expect(item.parentID == nil)
        #expect(item.kind == .comment)
        #expect(item.direction == .inbound)
        #expect(item.author.externalID == "@alice:example.org")
        #expect(item.author.handle == "alice")
        #expect(item.author.displayName == "Alice Liddell")
        #expect(item.author.profileURL == "https://matrix.to/#/%40alice%3Aexample.org")
        #expect(item.body == "Where is the invoice?")
        #expect(item.sentAt == Date(timeIntervalSince1970: 1_763_715_600.123))
        #expect(item.url == "https://matrix.to/#/%21room%3Aexample.org/%24abc%3Aexample.org")
    }

    @Test func message_fromTheChannelAccount_isOutbound_andDirectRoomsAreDirectMessages() throws {
        let event = try Self.event(
            #"{"type": "m.room.message", "event_id": "$mine", "sender": "@foyer:example.org", "origin_server_ts": 1763715600000, "content": {"msgtype": "m.text", "body": "Thanks!"}}"#
        )
        let direct = MatrixRoomInfo(members: ["@foyer:example.org": "Foyer", "@alice:example.org": nil])
        let item = try #require(
            MatrixEventMapper.item(event, roomID: "!dm:example.org", room: direct, ownUserID: Self.ownUserID))
        #expect(item.direction == .outbound)
        #expect(item.kind == .directMessage)
        #expect(item.author.displayName == "Foyer")
    }

    @Test func reply_dropsTheQuotedFallback_andPointsAtItsParent() throws {
        let event = try Self.event(
            #"""
            {"type": "m.room.message", "event_id": "$reply", "sender": "@bob:example.org", "origin_server_ts": 1763715600000,
             "content": {"msgtype": "m.text",
               "body": "> <@alice:example.org> Where is the invoice?\n> It was due Monday\n\nIt is in your inbox.\n> not a fallback line",
               "m.relates_to": {"m.in_reply_to": {"event_id": "$question"}}}}
            """#)
        let item = try #require(
            MatrixEventMapper.item(event, roomID: "!room:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID))
        #expect(item.parentID == "$question")
        #expect(item.threadID == "!room:example.org")
        #expect(item.body == "It is in your inbox.\n> not a fallback line")
        #expect(item.author.displayName == nil)
    }

    @Test func quoteWithoutReply_isKeptAsWritten() throws {
        let event = try Self.event(
            #"{"type": "m.room.message", "event_id": "$q", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"msgtype": "m.text", "body": "> a quote\n\nmy answer"}}"#
        )
        let item = try #require(
            MatrixEventMapper.item(event, roomID: "!room:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID))
        #expect(item.body == "> a quote\n\nmy answer")
    }

    @Test func threadMessages_belongToTheirRootsConversation() throws {
        let fallingBack = try Self.event(
            #"{"type": "m.room.message", "event_id": "$t1", "sender": "@bob:example.org", "origin_server_ts": 1763715600000, "content": {"msgtype": "m.text", "body": "in the thread", "m.relates_to": {"rel_type": "m.thread", "event_id": "$root", "is_falling_back": true, "m.in_reply_to": {"event_id": "$latest"}}}}"#
        )
        let item = try #require(
            MatrixEventMapper.item(
                fallingBack, roomID: "!room:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID))
        #expect(item.threadID == "!room:example.org|$root")
        #expect(item.parentID == "$root")

        let realReply = try Self.event(
            #"{"type": "m.room.message", "event_id": "$t2", "sender": "@bob:example.org", "origin_server_ts": 1763715600000, "content": {"msgtype": "m.text", "body": "> <@a:b> quoted\n\nanswer", "m.relates_to": {"rel_type": "m.thread", "event_id": "$root", "is_falling_back": false, "m.in_reply_to": {"event_id": "$t1"}}}}"#
        )
        let reply = try #require(
            MatrixEventMapper.item(
                realReply, roomID: "!room:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID))
        #expect(reply.threadID == "!room:example.org|$root")
        #expect(reply.parentID == "$t1")
        #expect(reply.body == "answer")
    }

    @Test func media_andEmotes_sayWhatTheyAre() throws {
        for (msgtype, expected) in [
            ("m.image", "[image] cat.png"), ("m.file", "[file] cat.png"), ("m.emote", "* cat.png"),
        ] {
            let event = try Self.event(
                #"{"type": "m.room.message", "event_id": "$m", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"msgtype": "\#(msgtype)", "body": "cat.png", "url": "mxc://example.org/abc"}}"#
            )
            let item = MatrixEventMapper.item(
                event, roomID: "!r:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID)
            #expect(item?.body == expected)
        }
    }

    @Test func eventsThatAreNotReadableMessages_areSkipped() throws {
        let skipped = [
            // Another event type.
            #"{"type": "m.room.member", "event_id": "$1", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"membership": "join"}}"#,
            // An edit: the original is kept.
            #"{"type": "m.room.message", "event_id": "$2", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"msgtype": "m.text", "body": "* fixed", "m.new_content": {"body": "fixed"}, "m.relates_to": {"rel_type": "m.replace", "event_id": "$1"}}}"#,
            // Redacted.
            #"{"type": "m.room.message", "event_id": "$3", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {}, "unsigned": {"redacted_because": {"type": "m.room.redaction"}}}"#,
            // Malformed: no sender, a sender that is not a user id, a timestamp as text, no event id, a body that is not text, an empty body, content not an object.
            #"{"type": "m.room.message", "event_id": "$4", "origin_server_ts": 1, "content": {"body": "x"}}"#,
            #"{"type": "m.room.message", "event_id": "$5", "sender": "bob", "origin_server_ts": 1, "content": {"body": "x"}}"#,
            #"{"type": "m.room.message", "event_id": "$6", "sender": "@bob:example.org", "origin_server_ts": "soon", "content": {"body": "x"}}"#,
            #"{"type": "m.room.message", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"body": "x"}}"#,
            #"{"type": "m.room.message", "event_id": "$8", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"body": 42}}"#,
            #"{"type": "m.room.message", "event_id": "$9", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"body": "   "}}"#,
            #"{"type": "m.room.message", "event_id": "$10", "sender": "@bob:example.org", "origin_server_ts": 1, "content": "body"}"#,
            #"[1, 2, 3]"#,
        ]
        for json in skipped {
            let item = MatrixEventMapper.item(
                try Self.event(json), roomID: "!r:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID)
            #expect(item == nil, "\(json)")
        }
    }

    @Test func hugeBodies_areCut() throws {
        let long = String(repeating: "a", count: 50_000)
        let event = try Self.event(
            #"{"type": "m.room.message", "event_id": "$big", "sender": "@bob:example.org", "origin_server_ts": 1, "content": {"msgtype": "m.text", "body": "\#(long)"}}"#
        )
        let item = try #require(
            MatrixEventMapper.item(event, roomID: "!r:example.org", room: Self.groupRoom, ownUserID: Self.ownUserID))
        #expect(item.body.count == MatrixEventMapper.maxBodyLength + 1)
    }

    @Test func replyFallback_onlyLeadingQuotesGo() {
        #expect(MatrixEventMapper.stripReplyFallback("> <@a:b> hi\n\nhello") == "hello")
        #expect(MatrixEventMapper.stripReplyFallback("> <@a:b> hi\n>\n> more\nhello") == "hello")
        #expect(MatrixEventMapper.stripReplyFallback("hello\n> <@a:b> hi") == "hello\n> <@a:b> hi")
        #expect(MatrixEventMapper.stripReplyFallback("> only a quote") == "> only a quote")
        #expect(MatrixEventMapper.stripReplyFallback(">no space\n\nhello") == ">no space\n\nhello")
    }

    // MARK: Threads, ids, requests

    @Test func threadIDs_roundTrip_andRejectWhatIsNotARoom() throws {
        let threadID = MatrixThread.threadID(roomID: "!r:example.org", rootEventID: "$root")
        let parsed = try #require(MatrixThread.parse(threadID))
        #expect(parsed.roomID == "!r:example.org")
        #expect(parsed.rootEventID == "$root")
        #expect(MatrixThread.parse("!r:example.org")?.rootEventID == nil)
        #expect(MatrixThread.threadID(roomID: "!r:example.org", rootEventID: nil) == "!r:example.org")
        // Room version 12 ids have no server part.
        #expect(MatrixThread.parse("!Q3dXtnGxE2ZsW9mOf-Ab_cD|$root")?.roomID == "!Q3dXtnGxE2ZsW9mOf-Ab_cD")
        for bad in [
            "", "r:example.org", "!", "!:example.org", "!r:", "#alias:example.org", "!r:example.org|root",
            "!r:example.org|", "! r:example.org", "!a\u{0}b:x",
        ] {
            #expect(MatrixThread.parse(bad) == nil, "\(bad)")
        }
        #expect(MatrixThread.isUserID("@bridge/irc_bob:example.org"))
        #expect(!MatrixThread.isUserID("@:example.org"))
        #expect(!MatrixThread.isUserID("@bob"))
        #expect(MatrixThread.localpart(of: "@alice:example.org") == "alice")
        #expect(MatrixThread.localpart(of: "alice") == "alice")
        #expect(MatrixThread.roomList(" !a:x , ,!b:y,") == ["!a:x", "!b:y"])
    }

    @Test func transactionIDs_areStablePerKey_andPathSafe() {
        let key = "7E8F9A10-1111-4222-8333-944455556666"
        #expect(MatrixReplier.transactionID(for: key) == "foyer-\(key)")
        #expect(MatrixReplier.transactionID(for: key) != MatrixReplier.transactionID(for: key + "0"))
        let odd = MatrixReplier.transactionID(for: "a/b?c d")
        #expect(odd == MatrixReplier.transactionID(for: "a/b?c d"))
        #expect(odd.count == "foyer-".count + 64)
        #expect(odd.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
    }

    @Test func replyContent_encodesRoomRepliesAndThreads() throws {
        func encoded(_ content: MatrixMessageContent) throws -> JSONValue {
            try JSONValue.parse(try JSONEncoder().encode(content))
        }
        let plain = try encoded(MatrixMessageContent(body: "Hi", roomThreadRoot: nil, inReplyTo: nil))
        #expect(plain == .object(["msgtype": .string("m.text"), "body": .string("Hi")]))

        let reply = try encoded(MatrixMessageContent(body: "Hi", roomThreadRoot: nil, inReplyTo: "$q"))
        #expect(reply["m.relates_to"] == .object(["m.in_reply_to": .object(["event_id": .string("$q")])]))

        let inThread = try encoded(MatrixMessageContent(body: "Hi", roomThreadRoot: "$root", inReplyTo: nil))
        #expect(inThread["m.relates_to"]?["rel_type"] == .string("m.thread"))
        #expect(inThread["m.relates_to"]?["event_id"] == .string("$root"))
        #expect(inThread["m.relates_to"]?["is_falling_back"] == .bool(true))
        #expect(inThread["m.relates_to"]?["m.in_reply_to"]?["event_id"] == .string("$root"))

        let answer = try encoded(MatrixMessageContent(body: "Hi", roomThreadRoot: "$root", inReplyTo: "$t1"))
        #expect(answer["m.relates_to"]?["is_falling_back"] == .bool(false))
        #expect(answer["m.relates_to"]?["m.in_reply_to"]?["event_id"] == .string("$t1"))
    }

    @Test func syncFilter_isJSON_limitedToMessages_andTheChosenRooms() throws {
        let all = try JSONValue.parse(Data(MatrixPoller.filter(rooms: [], timelineLimit: 50).utf8))
        #expect(all["room"]?["timeline"]?["types"] == .array([.string("m.room.message"), .string("m.room.member")]))
        #expect(all["room"]?["timeline"]?["limit"] == .integer(50))
        #expect(all["room"]?["rooms"] == nil)
        #expect(all["presence"]?["not_types"] == .array([.string("*")]))

        let some = try JSONValue.parse(Data(MatrixPoller.filter(rooms: ["!a:x", #"!"q:x"#], timelineLimit: 1).utf8))
        #expect(some["room"]?["rooms"] == .array([.string("!a:x"), .string(#"!"q:x"#)]))
    }

    @Test func ownJoin_isAJoinOfTheAccount_notAProfileChangeOrSomeoneElse() throws {
        func member(_ stateKey: String, _ membership: String, previous: String? = nil) throws -> JSONValue {
            let unsigned = previous.map { #", "unsigned": {"prev_content": {"membership": "\#($0)"}}"# } ?? ""
            return try Self.event(
                #"{"type": "m.room.member", "event_id": "$m", "sender": "\#(stateKey)", "state_key": "\#(stateKey)", "origin_server_ts": 1, "content": {"membership": "\#(membership)"}\#(unsigned)}"#
            )
        }
        #expect(MatrixPoller.isJoin(try member(Self.ownUserID, "join"), of: Self.ownUserID))
        #expect(MatrixPoller.isJoin(try member(Self.ownUserID, "join", previous: "invite"), of: Self.ownUserID))
        #expect(!MatrixPoller.isJoin(try member(Self.ownUserID, "join", previous: "join"), of: Self.ownUserID))
        #expect(!MatrixPoller.isJoin(try member(Self.ownUserID, "leave"), of: Self.ownUserID))
        #expect(!MatrixPoller.isJoin(try member("@alice:example.org", "join"), of: Self.ownUserID))
    }

    @Test func pathSegments_encodeSigilsAndSeparators() {
        #expect(MatrixThread.pathSegment("!room:example.org") == "%21room%3Aexample.org")
        #expect(MatrixThread.pathSegment("$ev/../x?y") == "%24ev%2F..%2Fx%3Fy")
        #expect(MatrixThread.pathSegment("é") == "%C3%A9")
    }

    // MARK: Settings

    @Test func validate_namesTheBadField() throws {
        let connector = MatrixConnector(
            http: ConnectorHTTPClient(httpClient: ConnectorHTTPClient.sharedHTTPClient, policy: NetworkPolicy()))
        let good = (
            settings: ["homeserverURL": "https://matrix.example.org", "rooms": "!a:example.org, !b:example.org"],
            credentials: ["accessToken": "syt_abc", "userID": "@foyer:example.org"]
        )
        try connector.validate(settings: good.settings, credentials: good.credentials)

        let cases: [(String, [String: String], [String: String])] = [
            ("homeserverURL", ["homeserverURL": ""], good.credentials),
            ("homeserverURL", ["homeserverURL": "matrix.example.org"], good.credentials),
            ("homeserverURL", ["homeserverURL": "ftp://matrix.example.org"], good.credentials),
            ("homeserverURL", ["homeserverURL": "http://127.0.0.1:8008"], good.credentials),
            (
                "rooms", ["homeserverURL": "https://matrix.example.org", "rooms": "#general:example.org"],
                good.credentials
            ),
            ("accessToken", good.settings, ["userID": "@foyer:example.org"]),
            ("userID", good.settings, ["accessToken": "syt_abc", "userID": "foyer"]),
        ]
        for (field, settings, credentials) in cases {
            #expect(throws: DomainError.invalid(field: field, message: "")) {
                do {
                    try connector.validate(settings: settings, credentials: credentials)
                } catch let DomainError.invalid(field, _) {
                    throw DomainError.invalid(field: field, message: "")
                }
            }
        }
    }

    @Test func capabilities_areWhatTheConnectorDoes() {
        let connector = MatrixConnector(
            http: ConnectorHTTPClient(httpClient: ConnectorHTTPClient.sharedHTTPClient, policy: NetworkPolicy()))
        #expect(connector.kind == .matrix)
        #expect(
            connector.capabilities
                == ConnectorCapabilities(ingest: .poll, reply: true, publish: true, delete: true, ban: true))
        #expect(connector.poller != nil)
        #expect(connector.replier != nil)
        #expect(connector.publisher != nil)
        #expect(connector.moderator != nil)
        #expect(connector.webhook == nil)
    }
}
