import FoyerCore
import Hummingbird

/// Every error the JSON API answers with, as `{"error": {"code": …, "message": …}}`.
///
/// Codes are stable strings clients can branch on; messages are written for the person reading them and
/// never carry internal details (SQL, file paths, stack traces).
public enum APIError: Error, Sendable, Equatable {
    /// No bearer token, or one that is unknown or revoked. Answered with `WWW-Authenticate: Bearer`.
    case unauthorized(String)
    /// The caller is a member of the workspace but their role does not allow this.
    case forbidden(String)
    /// The record does not exist or the caller may not know it exists (same answer for both).
    case notFound(String)
    /// The path exists with other methods.
    case methodNotAllowed(allowed: [HTTPRequest.Method])
    /// A path or query parameter is malformed or out of range; `name` names it.
    case invalidParameter(name: String, message: String)
    /// The request body is not the JSON this endpoint expects.
    case invalidBody(String)
    /// A field of the JSON body was refused by validation; `field` names it.
    case invalidField(field: String, message: String)
    /// The change conflicts with existing data (a uniqueness rule).
    case conflict(String)
    case payloadTooLarge
    case unsupportedMediaType
    /// Something failed on the server; the message quotes the request id, the log has the details.
    case internalError(requestID: String)

    /// The HTTP status this error is answered with.
    public var status: HTTPResponse.Status {
        switch self {
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .invalidParameter, .invalidBody, .invalidField: .badRequest
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .internalError: .internalServerError
        }
    }

    /// The stable, machine-readable code.
    public var code: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .invalidParameter: "invalid_parameter"
        case .invalidBody: "invalid_body"
        case .invalidField: "invalid_field"
        case .conflict: "conflict"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .internalError: "internal_error"
        }
    }

    /// What went wrong and what to do, for a person.
    public var message: String {
        switch self {
        case .unauthorized(let message), .forbidden(let message), .notFound(let message), .invalidBody(let message),
            .conflict(let message):
            message
        case .methodNotAllowed(let allowed):
            "This endpoint does not accept this method. Use \(allowed.map(\.rawValue).joined(separator: " or "))."
        case .invalidParameter(_, let message), .invalidField(_, let message):
            message
        case .payloadTooLarge:
            "The request body is too large."
        case .unsupportedMediaType:
            "Send the body as JSON with the header Content-Type: application/json."
        case .internalError(let requestID):
            "Something went wrong on our side. If it keeps happening, give this request id to your administrator: \(requestID)."
        }
    }

    /// The parameter or body field the error is about, when there is one.
    public var field: String? {
        switch self {
        case .invalidParameter(let name, _): name
        case .invalidField(let field, _): field
        default: nil
        }
    }
}
