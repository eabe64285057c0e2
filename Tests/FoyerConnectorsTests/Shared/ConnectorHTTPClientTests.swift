import Foundation
import FoyerConnectors
import FoyerCore
import Testing

/// Counts calls across the fake's handler invocations.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1; return value
        }
    }
}

@Suite struct ConnectorHTTPClientTests {
    @Test func get_isRetriedAfter429_honouringRetryAfter() async throws {
        let calls = Counter()
        let sleeper = TestHTTP.SleepRecorder()
        let response = try await FakeHTTPServer.run({ _ in
            calls.next() == 1
                ? .json(#"{"error":"slow down"}"#, status: 429, headers: ["Retry-After": "2"])
                : .json(#"{"ok":true}"#, headers: ["X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "298"])
        }) { baseURL, log in
            let client = TestHTTP.connectorClient(platform: "Mastodon", sleeper: sleeper)
            let response = try await client.send(ConnectorHTTPRequest(url: baseURL.appending(path: "/api/v1/x")))
            #expect(log.all.count == 2)
            return response
        }
        #expect(response.status == 200)
        #expect(response.quota?.limit == 300)
        #expect(response.quota?.remaining == 298)
        // max(Retry-After 2 s, backoff 1 s × (0.5 + 0.5))
        #expect(sleeper.recorded == [.seconds(2)])
    }

    @Test func post_isNotRetried_andThrowsRateLimitedWithRetryAt() async throws {
        let clock = PinnedClock(Date(timeIntervalSince1970: 1_700_000_000))
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ _ in
            .json(#"{"ok":false,"error":"ratelimited"}"#, status: 429, headers: ["Retry-After": "7"])
        }) {
            baseURL, log in
            let client = TestHTTP.connectorClient(platform: "Slack", sleeper: sleeper, clock: clock)
            let request = ConnectorHTTPRequest(
                method: .post, url: baseURL.appending(path: "/api/chat.postMessage"), body: Data("{}".utf8))
            let error = await #expect(throws: ConnectorError.self) { try await client.send(request) }
            #expect(error?.kind == .rateLimited)
            #expect(error?.retryAfter == Date(timeIntervalSince1970: 1_700_000_007))
            #expect(error?.message.contains("Slack") == true)
            #expect(log.all.count == 1)
        }
        #expect(sleeper.recorded.isEmpty)
    }

    @Test func idempotentPost_isRetried() async throws {
        let calls = Counter()
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ _ in
            calls.next() < 3 ? FakeReply(status: 429) : .json("{}", status: 200)
        }) { baseURL, log in
            let client = TestHTTP.connectorClient(platform: "Mastodon", sleeper: sleeper)
            let request = ConnectorHTTPRequest(
                method: .post, url: baseURL.appending(path: "/statuses"), headers: ["Idempotency-Key": "k1"],
                isIdempotent: true)
            let response = try await client.send(request)
            #expect(response.status == 200)
            #expect(log.all.count == 3)
            #expect(log.all.allSatisfy { $0.headers["idempotency-key"] == "k1" })
        }
        // No hint: exponential backoff 1 s then 2 s (jitter pinned to the middle).
        #expect(sleeper.recorded == [.seconds(1), .seconds(2)])
    }

    @Test func retriesStopAtTheBudget() async throws {
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ _ in FakeReply(status: 429, headers: ["Retry-After": "1"]) }) { baseURL, log in
            let client = TestHTTP.connectorClient(platform: "Feed", sleeper: sleeper)
            await #expect(throws: ConnectorError.self) { try await client.send(ConnectorHTTPRequest(url: baseURL)) }
            #expect(log.all.count == 3)
        }
        #expect(sleeper.recorded.count == 2)
    }

    @Test func longRetryAfter_isHandedBackInsteadOfWaited() async throws {
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ _ in FakeReply(status: 429, headers: ["Retry-After": "120"]) }) { baseURL, log in
            let client = TestHTTP.connectorClient(platform: "Feed", sleeper: sleeper)
            let error = await #expect(throws: ConnectorError.self) {
                try await client.send(ConnectorHTTPRequest(url: baseURL))
            }
            #expect(error?.kind == .rateLimited)
            #expect(log.all.count == 1)
        }
        #expect(sleeper.recorded.isEmpty)
    }

    @Test func slackOkFalseRatelimited_withStatus200_isARateLimit() async throws {
        let sleeper = TestHTTP.SleepRecorder()
        try await FakeHTTPServer.run({ _ in .json(#"{"ok":false,"error":"ratelimited"}"#, headers: ["Retry-After": "3"])
            }) { baseURL, _ in
                let client = TestHTTP.connectorClient(platform: "Slack", sleeper: sleeper)
                let error = await #expect(throws: ConnectorError.self) {
                    try await client.send(ConnectorHTTPRequest(method: .post, url: baseURL))
                }
                #expect(error?.kind == .rateLimited)
            }
    }

    @Test func otherStatuses_areReturnedForTheConnectorToMap() async throws {
        try await FakeHTTPServer.run({ _ in .json(#"{"errors":["nope"]}"#, status: 422) }) { baseURL, _ in
            let client = TestHTTP.connectorClient(platform: "Discourse")
            let response = try await client.send(
                ConnectorHTTPRequest(method: .post, url: baseURL, body: Data("{}".utf8)))
            #expect(response.status == 422)
            #expect(try response.json(platform: "Discourse")["errors"]?[0]?.string == "nope")
        }
    }

    @Test func requestHeadersAndBody_reachTheServer() async throws {
        try await FakeHTTPServer.run({ _ in .json("{}") }) { baseURL, log in
            let client = TestHTTP.connectorClient(platform: "Slack")
            struct Payload: Encodable { var channel = "C1"; var text = "héllo" }
            let request = try ConnectorHTTPRequest.json(
                .post, url: baseURL.appending(path: "/api/chat.postMessage"), body: Payload(),
                headers: ["Authorization": "Bearer xoxb-1"])
            _ = try await client.send(request)
            let recorded = try #require(log.all.first)
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/api/chat.postMessage")
            #expect(recorded.headers["authorization"] == "Bearer xoxb-1")
            #expect(recorded.headers["content-type"] == "application/json; charset=utf-8")
            #expect(try recorded.json()["text"]?.string == "héllo")
        }
    }

    @Test func policy_refusesLoopback_beforeConnecting() async throws {
        try await FakeHTTPServer.run({ _ in .json("{}") }) { baseURL, log in
            let client = ConnectorHTTPClient(
                httpClient: TestHTTP.client, policy: NetworkPolicy(allowPrivateNetworks: false), platform: "Feed")
            let error = await #expect(throws: ConnectorError.self) {
                try await client.send(ConnectorHTTPRequest(url: baseURL))
            }
            #expect(error?.kind == .configuration)
            #expect(log.all.isEmpty)
        }
    }

    @Test func redirects_areFollowedForGet_andLimited() async throws {
        try await FakeHTTPServer.run({ request in
            switch request.path {
            case "/old": FakeReply(status: 301, headers: ["Location": "/new"])
            case "/loop": FakeReply(status: 302, headers: ["Location": "/loop"])
            default: .json(#"{"here":true}"#)
            }
        }) { baseURL, _ in
            let client = TestHTTP.connectorClient(platform: "Feed")
            let response = try await client.send(ConnectorHTTPRequest(url: baseURL.appending(path: "/old")))
            #expect(response.status == 200)
            #expect(response.url.path == "/new")
            let error = await #expect(throws: ConnectorError.self) {
                try await client.send(ConnectorHTTPRequest(url: baseURL.appending(path: "/loop")))
            }
            #expect(error?.kind == .protocolError)
        }
    }

    @Test func oversizedAnswers_areRefused() async throws {
        try await FakeHTTPServer.run({ _ in FakeReply(status: 200, body: Data(repeating: 65, count: 10_000)) }) {
            baseURL, _ in
            let client = TestHTTP.connectorClient(platform: "Feed")
            let error = await #expect(throws: ConnectorError.self) {
                try await client.send(ConnectorHTTPRequest(url: baseURL, maxResponseBytes: 1024))
            }
            #expect(error?.kind == .protocolError)
        }
    }

    @Test func connectionRefused_isUnavailable() async throws {
        let client = TestHTTP.connectorClient(platform: "Discourse")
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        let error = await #expect(throws: ConnectorError.self) {
            try await client.send(ConnectorHTTPRequest(url: URL(string: "http://127.0.0.1:9/")!, timeout: .seconds(2)))
        }
        #expect(error?.kind == .unavailable)
    }
}
