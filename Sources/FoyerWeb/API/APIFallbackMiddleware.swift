import FoyerCore
import Hummingbird

/// Router-wide middleware that answers unknown `/api/v1` paths and methods in JSON.
///
/// Hummingbird sends a request that matches no route to the router's "not found" responder, which only
/// router-level middleware sees; the API group's own middleware never runs. This one looks at the path and,
/// for the API, answers 404 `not_found`, or 405 `method_not_allowed` with `Allow` when the path exists
/// with other methods (from ``APIRoute/all``). Other paths pass through untouched.
struct APIFallbackMiddleware<Context: RequestContext>: RouterMiddleware {
    static var prefix: String { "/api/v1" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard path == Self.prefix || path.hasPrefix(Self.prefix + "/") else {
            return try await next(request, context)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let relative = String(path.dropFirst(Self.prefix.count))
            let allowed = APIRoute.all.filter { $0.matches(path: relative) }.map(\.method)
            if !allowed.isEmpty, !allowed.contains(request.method) {
                let locale = (context as? FoyerRequestContext)?.locale ?? .en
                return APIError.methodNotAllowed(allowed: allowed).response(locale)
            }
            return APIErrorMiddleware<Context>.response(for: error, request: request, context: context)
        } catch {
            return APIErrorMiddleware<Context>.response(for: error, request: request, context: context)
        }
    }
}
