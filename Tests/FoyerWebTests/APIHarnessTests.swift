import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import FoyerWeb

/// What the API and operations tests share: a migrated SQLite database, the real router, API tokens
/// created straight through the repository, and small helpers to call the API and read its JSON.
struct APIHarness: Sendable {
    let database: SQLiteDatabase
    let clock: PinnedClock
    let metrics: PrometheusCollectorRegistry
    var storage: Storage
    /// The connectors the app knows (none unless a test gives some).
    var connectors = ConnectorRegistry([])

    static let publicURL = "https://foyer.example.org"

    static func make() async throws -> APIHarness {
        let clock = PinnedClock(Seed.defaultStart.addingTimeInterval(30 * 86_400))
        let database = try await makeTestDatabase(clock: clock)
        return APIHarness(
            database: database, clock: clock, metrics: PrometheusCollectorRegistry(), storage: database.storage)
    }

    var seed: Seed { Seed(storage) }

    func dependencies() throws -> WebDependencies {
        let url = try #require(URL(string: Self.publicURL))
        return WebDependencies(
            storage: storage, clock: clock, settings: WebSettings(publicURL: url, bcryptCost: 4), metrics: metrics,
            logger: Logger(label: "foyer.test"), connectors: connectors)
    }

    func application() throws -> some ApplicationProtocol {
        Application(router: buildRouter(try dependencies()))
    }

    /// A new API token for `user`, stored hashed like the account page does.
    func token(for user: User, name: String = "test") async throws -> String {
        let token = SecretToken.generate(prefix: "foyer_")
        _ = try await storage.apiTokens.create(
            user: user.id, name: name, tokenHash: SecretToken.digest(token), prefix: String(token.prefix(12)))
        return token
    }

    /// Runs `body` against the real router.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await application().test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// Calls the API with an optional bearer token and JSON body.
    func api(
        _ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object; fails the test when it is not one.
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }

    /// The `data` array of a list answer.
    func list() throws -> [[String: Any]] {
        try #require(try object()["data"] as? [[String: Any]], "not a list answer: \(text)")
    }

    /// The `next` cursor of a list answer (`nil` for JSON null); fails when the key is missing.
    func next() throws -> String? {
        let object = try object()
        #expect(object.keys.contains("next"), "list answers always carry next")
        return object["next"] as? String
    }

    /// `error.code` of an error answer.
    func errorCode() throws -> String? {
        (try object()["error"] as? [String: Any])?["code"] as? String
    }

    func errorField() throws -> String? {
        (try object()["error"] as? [String: Any])?["field"] as? String
    }
}

extension Array where Element == [String: Any] {
    /// The `id` of every item.
    var ids: [Int64] { compactMap { ($0["id"] as? NSNumber)?.int64Value } }
}

@Suite struct APIHarnessTests {
    @Test func harness_servesTheRealRouter_withOpenAPIDocumentAtItsPath() async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in try await client.api(.get, "/api/v1/openapi.json", token: nil)
        }
        #expect(response.status == .ok)
        #expect(try response.object()["openapi"] as? String == "3.1.0")
    }
}
