import FoyerCore
import Hummingbird
import Logging

/// Turns every error under `/api/v1` into the JSON error envelope.
///
/// Expected errors (``APIError``, ``DomainError``, Hummingbird's HTTP errors, decoding failures) keep their
/// meaning; anything else is logged with the request id and answered 500 with a generic message.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, request: request, context: context)
        }
    }

    static func response(for error: any Error, request: Request, context: Context) -> Response {
        // The session middleware sets the locale from `Accept-Language` for API requests too.
        let locale = (context as? FoyerRequestContext)?.locale ?? (context as? APIRequestContext)?.locale ?? .en
        if let apiError = APIError.mapping(error) {
            return apiError.response(locale)
        }
        let requestID = context.logger[metadataKey: "hb.request.id"]?.description ?? "unknown"
        context.logger.error(
            "API request failed",
            metadata: [
                "error": "\(String(reflecting: error))",
                "http.method": "\(request.method.rawValue)",
                "http.path": "\(request.uri.path)",
            ]
        )
        return APIError.internalError(requestID: requestID).response(locale)
    }
}
