import Foundation
import FoyerCore
import Hummingbird
import Logging

/// Turns errors into responses a person can act on, and that leak nothing (no stack, no SQL, no path).
///
/// Pages get the HTML error page in their language, with the request id to quote; paths under `/api/`
/// that reach here with an error get the JSON envelope `{"error": {"code", "message"}}` (the API's own
/// middleware answers first for the routes it knows). Every 5xx is logged with the request id.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext

    let kit: PageKit

    struct ErrorView: Sendable {
        let status: Int
        let heading: String
        let message: String
        let requestID: String
        let signInURL: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return response(for: error, request: request, context: context)
        }
    }

    func response(for error: any Error, request: Request, context: Context) -> Response {
        if case PageError.signInRequired(let returnTo) = error {
            return .seeOther(.signIn(returnTo: SafeReturnPath.validated(returnTo)))
        }
        let (status, key) = Self.classify(error)
        if status.code >= 500 {
            context.logger.error(
                "Request failed",
                metadata: [
                    "request_id": .string(context.id), "path": .string(request.uri.path),
                    "error": .string(String(reflecting: error)),
                ])
        }
        if request.uri.path.hasPrefix("/api/") {
            return Self.jsonError(status: status, code: key, message: kit.text("error.\(key).message", context))
        }
        let view = ErrorView(
            status: Int(status.code), heading: kit.text("error.\(key).title", context),
            message: kit.text("error.\(key).message", context), requestID: context.id,
            signInURL: context.identity == nil && status == .notFound ? SiteURL.signIn().path : nil)
        let layout = kit.makeLayout(
            title: view.heading, request: request, context: context, access: nil, current: nil, switcher: [],
            returnHere: false)
        var response = kit.renderer.html(
            "error", PageView(t: kit.localizer.strings(context.locale), layout: layout, page: view), status: status)
        if case PageError.payloadTooLarge = error { response.headers[.connection] = "close" }
        return response
    }

    /// The status and the catalog key (`error.<key>.title` / `.message`) of an error.
    static func classify(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as PageError:
            switch error {
            case .notFound: return (.notFound, "not_found")
            case .forbidden: return (.forbidden, "forbidden")
            case .csrfRejected: return (.forbidden, "csrf")
            case .payloadTooLarge: return (.contentTooLarge, "too_large")
            case .signInRequired: return (.unauthorized, "sign_in")
            }
        case let error as DomainError:
            switch error {
            case .notFound: return (.notFound, "not_found")
            case .forbidden: return (.forbidden, "forbidden")
            case .conflict, .invalid: return (.badRequest, "bad_request")
            }
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return (.notFound, "not_found")
            case .forbidden, .unauthorized: return (.forbidden, "forbidden")
            case .contentTooLarge: return (.contentTooLarge, "too_large")
            case .methodNotAllowed: return (.methodNotAllowed, "method")
            case let status where status.code < 500: return (status, "bad_request")
            default: return (.internalServerError, "internal")
            }
        default:
            return (.internalServerError, "internal")
        }
    }

    static func jsonError(status: HTTPResponse.Status, code: String, message: String) -> Response {
        let payload = ["error": ["code": code, "message": message]]
        let data = (try? JSONEncoder().encode(payload)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The last safety net, outside the session middleware: if even finding the session fails (database down),
/// answer a plain error page instead of the framework's default.
struct FallbackErrorMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext

    let pages: ErrorPageMiddleware

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            var context = context
            context.locale = AppLocale.negotiate(acceptLanguage: request.headers[.acceptLanguage])
            return pages.response(for: error, request: request, context: context)
        }
    }
}
