import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting

/// One test's app: a fresh migrated database, test dependencies, and the router under test.
struct WebTestApp {
    let dependencies: WebDependencies
    let clock: PinnedClock

    var storage: Storage { dependencies.storage }
    var seed: Seed { Seed(storage) }

    static func make(settings: WebSettings? = nil) async throws -> WebTestApp {
        let clock = PinnedClock(testNow)
        let storage = try await makeTestStorage(clock: clock)
        return WebTestApp(
            dependencies: makeTestWebDependencies(storage: storage, clock: clock, settings: settings),
            clock: clock)
    }

    /// Runs `test` against the router with `app.test(.router)`.
    func run<Value: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = Application(router: buildRouter(dependencies))
        return try await app.test(.router) { client in try await test(client) }
    }

    /// A user who can sign in with ``testPassword``.
    @discardableResult
    func user(_ email: String, locale: AppLocale? = nil) async throws -> User {
        try await makeSignInUser(email, locale: locale, dependencies: dependencies)
    }
}

extension TestResponse {
    /// The body as a string (pages are HTML).
    var html: String { String(buffer: body) }
    /// Where a redirect leads.
    var redirectPath: String? { headers[.location] }
}
