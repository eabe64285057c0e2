import FoyerCore
import Hummingbird
import NIOCore

/// Builds the router with every route of Foyer: pages, the JSON API, and operations endpoints.
///
/// Middleware, from the outside in: request metrics, request log (with the request id), security headers on every response,
/// (here the webhook endpoint `/hooks/:token` is registered, so it gets only those three), a last-resort error page,
/// the session and locale, the error pages, then the CSRF check on every
/// state-changing page request. The API group installs its own JSON error handling inside.
///
/// Tests call this with a test ``WebDependencies`` and drive it with `app.test(.router)`.
public func buildRouter(_ dependencies: WebDependencies) -> Router<FoyerRequestContext> {
    let router = Router(context: FoyerRequestContext.self)
    let renderer = Renderer.bundled
    let accounts = AccountService(dependencies)
    let throttle = LoginThrottle(
        limit: dependencies.settings.loginThrottleLimit, window: dependencies.settings.loginThrottleWindow,
        clock: dependencies.clock)
    let kit = PageKit(dependencies: dependencies, renderer: renderer, accounts: accounts, throttle: throttle)
    let errorPages = ErrorPageMiddleware(kit: kit)

    // Middleware applies to the routes registered after it, so it comes first. Metrics are outermost so that
    // every answer, including CSRF refusals and redirects, is counted with the status the client gets.
    router.add(middleware: HTTPMetricsMiddleware<FoyerRequestContext>(registry: dependencies.metrics))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(https: dependencies.settings.secureCookies))
    // Platforms post webhooks with neither cookie nor CSRF token: registered here, the route runs outside the
    // session, error-page and CSRF middleware below, and answers JSON itself.
    WebhookController(dependencies: dependencies).register(on: router)
    router.add(middleware: FallbackErrorMiddleware(pages: errorPages))
    router.add(middleware: SessionMiddleware(accounts: accounts, secureCookies: dependencies.settings.secureCookies))
    router.add(middleware: errorPages)
    router.add(middleware: CSRFMiddleware(publicURL: dependencies.settings.publicURL))

    OperationsController(dependencies: dependencies).register(on: router)
    APIController(dependencies: dependencies).register(on: router.group("api/v1"))
    renderer.staticFiles.register(on: router)
    PagesController(kit: kit).register(on: router)
    return router
}

/// The HTTP server, ready to run in a `ServiceGroup`.
///
/// - Parameter onServerRunning: called once listening, with the channel (whose local address tells the port
///   actually bound when `port` is 0).
public func buildApplication(
    _ dependencies: WebDependencies, host: String, port: Int,
    onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        configuration: .init(address: .hostname(host, port: port), serverName: "Foyer"),
        onServerRunning: onServerRunning,
        logger: dependencies.logger
    )
}
