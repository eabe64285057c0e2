import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import FoyerWeb

/// A database that answers as told.
struct FakeStorageHealth: StorageHealth {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "unable to open database file /srv/foyer/foyer.sqlite" }
    }

    var reachable = true
    var pending: [String] = []

    func ping() async throws { if !reachable { throw Unreachable() } }
    func pendingMigrations() async throws -> [String] {
        if !reachable { throw Unreachable() }
        return pending
    }
}

struct FixedHeartbeats: HeartbeatSource {
    let beats: [WorkerHeartbeat]
    func heartbeats() async -> [WorkerHeartbeat] { beats }
}

@Suite struct OperationsTests {
    @Test func health_withAMigratedDatabase_answers200Ok() async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }

        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let object = try response.object()
        #expect(object["status"] as? String == "ok")
        #expect((object["database"] as? [String: Any])?["reachable"] as? Bool == true)
        #expect((object["migrations"] as? [String: Any])?["current"] as? Bool == true)
        #expect((object["migrations"] as? [String: Any])?["pending"] as? [String] == [])
        #expect(object["workers"] as? [Any] != nil)
    }

    @Test func health_withAnUnreachableDatabase_answers503WithoutDetails() async throws {
        var harness = try await APIHarness.make()
        harness.storage.health = FakeStorageHealth(reachable: false)
        let response = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }

        #expect(response.status == .serviceUnavailable)
        let object = try response.object()
        #expect(object["status"] as? String == "unhealthy")
        #expect((object["database"] as? [String: Any])?["reachable"] as? Bool == false)
        #expect((object["migrations"] as? [String: Any])?["current"] as? Bool == false)
        #expect(!response.text.contains("/srv/foyer"))
    }

    @Test func health_withPendingMigrations_answers503ListingThem() async throws {
        var harness = try await APIHarness.make()
        harness.storage.health = FakeStorageHealth(pending: ["0002_listening"])
        let response = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }

        #expect(response.status == .serviceUnavailable)
        let migrations = try #require(try response.object()["migrations"] as? [String: Any])
        #expect(migrations["current"] as? Bool == false)
        #expect(migrations["pending"] as? [String] == ["0002_listening"])
    }

    @Test func health_withAnUnhealthyWorker_answers503AndShowsIt() async throws {
        let harness = try await APIHarness.make()
        let beats = [
            WorkerHeartbeat(name: "ingest", lastBeatAt: harness.clock.now(), healthy: true),
            WorkerHeartbeat(name: "scheduler", lastBeatAt: Seed.defaultStart, healthy: false, detail: "missed 3 beats"),
        ]
        let router = Router(context: FoyerRequestContext.self)
        OperationsController(dependencies: try harness.dependencies(), heartbeats: FixedHeartbeats(beats: beats))
            .register(on: router)

        let response = try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/health", method: .get)
        }

        #expect(response.status == .serviceUnavailable)
        let workers = try #require(try response.object()["workers"] as? [[String: Any]])
        #expect(workers.map { $0["name"] as? String } == ["ingest", "scheduler"])
        #expect(workers.last?["healthy"] as? Bool == false)
    }

    /// The missed-post detector: a post due three minutes ago and never sent makes the server unhealthy; one
    /// due a minute ago is only on its way; a failed one is counted, not a fault of the server.
    @Test func health_withALatePost_answers503AndCountsIt() async throws {
        let harness = try await APIHarness.make()
        let seeded = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await harness.seed.channel(in: seeded.workspace.id, kind: .mastodon)
        let item = try await harness.storage.content.create(ContentDraft(title: "Launch"), createdBy: nil, in: seeded.workspace.id)
        let now = harness.clock.now()
        func post(dueIn seconds: TimeInterval) async throws -> Publication {
            try await harness.storage.publications.create(
                NewPublication(
                    channelID: channel.id, purpose: .post, conversationID: nil, body: "Launch day", threadID: nil,
                    inReplyToExternalID: nil, dueAt: now.addingTimeInterval(seconds), createdBy: nil,
                    post: PostDetails(contentID: item.id)),
                in: seeded.workspace.id, now: now)
        }
        _ = try await post(dueIn: -60)
        let healthy = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }
        #expect(healthy.status == .ok)
        #expect((try healthy.object()["publishing"] as? [String: Any])?["late"] as? Int == 0)

        let late = try await post(dueIn: -180)
        let failing = try await post(dueIn: -400)
        // The earliest is claimed alone, sent, and refused by the platform.
        let claimed = try await harness.storage.publications.claimDue(now: now, leaseUntil: now.addingTimeInterval(60), limit: 1)
        #expect(claimed.map(\.id) == [failing.id])
        let sent = try #require(claimed.first { $0.id == failing.id })
        try await harness.storage.publications.save(try sent.applying(.permanentFailure(message: "Refused", at: now)), expecting: .sending)

        let response = try await harness.test { client in try await client.execute(uri: "/health", method: .get) }
        #expect(response.status == .serviceUnavailable)
        let publishing = try #require(try response.object()["publishing"] as? [String: Any])
        #expect(publishing["late"] as? Int == 1)
        #expect(publishing["failedLastWeek"] as? Int == 1)
        #expect(publishing["oldestLateDueAt"] as? String == ISO8601DateFormatter().string(from: late.dueAt))
    }

    @Test func health_needsNoSignIn() async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in
            try await client.execute(uri: "/health", method: .get, headers: [.accept: "text/html"])
        }
        #expect(response.status == .ok)
    }

    /// The value of one sample line such as `foyer_http_requests_total{method="GET",status="200"} 3`.
    static func sample(_ name: String, labels: String, in text: String) -> Double? {
        let prefix = "\(name){\(labels)} "
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return Double(line.dropFirst(prefix.count))
    }

    @Test func metrics_afterRequests_countsThemByMethodAndStatus() async throws {
        let harness = try await APIHarness.make()
        let (before, after, text) = try await harness.test { client in
            let before = try await client.execute(uri: "/metrics", method: .get)
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(uri: "/health", method: .get)
            _ = try await client.execute(uri: "/api/v1/workspaces", method: .get)
            let after = try await client.execute(uri: "/metrics", method: .get)
            return (before.text, after.text, after)
        }

        #expect(text.status == .ok)
        #expect(text.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        let ok = #"method="GET",status="200""#
        let okBefore = Self.sample("foyer_http_requests_total", labels: ok, in: before) ?? 0
        let okAfter = try #require(Self.sample("foyer_http_requests_total", labels: ok, in: after), "\(after)")
        // Two /health calls and the first /metrics call were answered 200 in between.
        #expect(okAfter - okBefore == 3)
        let unauthorized = Self.sample("foyer_http_requests_total", labels: #"method="GET",status="401""#, in: after)
        #expect(unauthorized == 1)
        #expect(after.contains("# TYPE foyer_http_requests_total counter"))
        #expect(after.contains("foyer_http_request_duration_seconds_bucket"))
    }
}

@Suite struct OperationsMetricsStatusTests {
    @Test func metrics_countAnUnknownPageAs404_notAs500() async throws {
        let harness = try await APIHarness.make()
        let text = try await harness.test { client in
            _ = try await client.execute(uri: "/no-such-page-\(UUID().uuidString)", method: .get)
            return try await client.execute(uri: "/metrics", method: .get).text
        }
        #expect(
            OperationsTests.sample("foyer_http_requests_total", labels: #"method="GET",status="404""#, in: text) == 1)
        #expect(
            OperationsTests.sample("foyer_http_requests_total", labels: #"method="GET",status="500""#, in: text) == nil)
    }
}
