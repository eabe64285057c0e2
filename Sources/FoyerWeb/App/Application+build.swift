import FoyerCore
import Hummingbird

/// Builds the router with every route of Foyer: pages, the JSON API, and operations endpoints.
///
/// Tests call this with a test ``WebDependencies`` and drive it with `app.test(.router)`.
public func buildRouter(_ dependencies: WebDependencies) -> Router<FoyerRequestContext> {
    let router = Router(context: FoyerRequestContext.self)
    OperationsController(dependencies: dependencies).register(on: router)
    APIController(dependencies: dependencies).register(on: router.group("api/v1"))
    PagesController(dependencies: dependencies).register(on: router)
    return router
}

/// The HTTP server, ready to run in a `ServiceGroup`.
public func buildApplication(
    _ dependencies: WebDependencies, host: String, port: Int
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        configuration: .init(address: .hostname(host, port: port), serverName: "Foyer"),
        logger: dependencies.logger
    )
}
