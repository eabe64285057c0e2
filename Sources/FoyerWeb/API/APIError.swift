import FoyerCore
import Hummingbird

/// Every error the JSON API answers with, as `{"error": {"code": …, "message": …}}`.
///
/// Codes are stable strings clients can branch on; messages are written for the person reading them and
/// never carry internal details (SQL, file paths, stack traces).
public enum APIError: Error, Sendable, Equatable {
    /// No bearer token, or one that is unknown or revoked. Answered with `WWW-Authenticate: Bearer`.
    case unauthorized(APIText)
    /// The caller is a member of the workspace but their role does not allow this.
    case forbidden(APIText)
    /// The record does not exist or the caller may not know it exists (same answer for both).
    case notFound(APIText)
    /// The path exists with other methods.
    case methodNotAllowed(allowed: [HTTPRequest.Method])
    /// A path or query parameter is malformed or out of range; `name` names it.
    case invalidParameter(name: String, message: APIText)
    /// The request body is not the JSON this endpoint expects.
    case invalidBody(APIText)
    /// A field of the JSON body was refused by validation; `field` names it.
    case invalidField(field: String, message: APIText)
    /// The change conflicts with existing data (a uniqueness rule).
    case conflict(APIText)
    /// The request is well-formed but cannot be carried out (a channel kind this build has no connector for).
    case unprocessable(field: String, message: APIText)
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
        case .unprocessable: .unprocessableContent
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
        case .unprocessable: "unprocessable"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .internalError: "internal_error"
        }
    }

    /// What went wrong and what to do, for a person, in English.
    public var message: String { text.en }

    /// What went wrong and what to do, for a person, in `locale`.
    public func message(_ locale: AppLocale) -> String { text.text(locale) }

    var text: APIText {
        switch self {
        case .unauthorized(let message), .forbidden(let message), .notFound(let message), .invalidBody(let message),
            .conflict(let message):
            return message
        case .methodNotAllowed(let allowed):
            let methods = allowed.map(\.rawValue).joined(separator: ", ")
            return APIText(
                en: "This endpoint does not accept this method. Use: \(methods).",
                fr: "Cette adresse n’accepte pas cette méthode. Utilisez : \(methods).")
        case .invalidParameter(_, let message), .invalidField(_, let message), .unprocessable(_, let message):
            return message
        case .payloadTooLarge:
            return APIText(en: "The request body is too large.", fr: "Le corps de la requête est trop volumineux.")
        case .unsupportedMediaType:
            return APIText(
                en: "Send the body as JSON with the header Content-Type: application/json.",
                fr: "Envoyez le corps en JSON avec l’en-tête Content-Type: application/json.")
        case .internalError(let requestID):
            return APIText(
                en:
                    "Something went wrong on our side. If it keeps happening, give this request id to your administrator: \(requestID).",
                fr:
                    "Une erreur s’est produite de notre côté. Si cela se reproduit, donnez cet identifiant de requête à votre administrateur : \(requestID)."
            )
        }
    }

    /// The parameter or body field the error is about, when there is one.
    public var field: String? {
        switch self {
        case .invalidParameter(let name, _): name
        case .invalidField(let field, _), .unprocessable(let field, _): field
        default: nil
        }
    }
}
