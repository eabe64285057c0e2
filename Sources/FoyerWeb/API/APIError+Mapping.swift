import FoyerCore
import Foundation
import Hummingbird

extension APIError {
    /// Maps any error thrown under `/api/v1` to what the client is told.
    ///
    /// `nil` means the error is unexpected: the caller logs it and answers ``internalError(requestID:)``.
    static func mapping(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as DomainError:
            switch error {
            case .notFound(let message): return .notFound(message)
            case .conflict(let message): return .conflict(message)
            case .forbidden(let message): return .forbidden(message)
            case .invalid(let field, let message): return .invalidField(field: field, message: message)
            }
        case is DecodingError:
            return .invalidBody("The body is not the JSON this endpoint expects.")
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return .notFound("There is no API endpoint at this address. The list is at /api/v1/openapi.json.")
            case .methodNotAllowed: return .methodNotAllowed(allowed: [])
            case .unauthorized: return .unauthorized("Send a valid API token as: Authorization: Bearer <token>.")
            case .forbidden: return .forbidden("Your role in this workspace does not allow this.")
            case .contentTooLarge: return .payloadTooLarge
            case .unsupportedMediaType: return .unsupportedMediaType
            case .badRequest: return .invalidBody("The request could not be read. Check its JSON body and parameters.")
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The JSON envelope response, with `WWW-Authenticate` on 401 and `Allow` on 405.
    func response() -> Response {
        let envelope = APIErrorEnvelope(error: .init(code: code, message: message, field: field))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        switch self {
        case .unauthorized:
            headers[.wwwAuthenticate] = "Bearer realm=\"foyer\""
        case .methodNotAllowed(let allowed) where !allowed.isEmpty:
            headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        default:
            break
        }
        // Encoding a struct of strings cannot fail; fall back to a fixed body rather than trap.
        let data =
            (try? APIJSON.encoder.encode(envelope))
            ?? Data(#"{"error":{"code":"internal_error","message":"Something went wrong on our side."}}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
