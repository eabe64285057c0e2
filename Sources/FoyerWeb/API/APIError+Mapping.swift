import Foundation
import FoyerCore
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
            case .notFound: return .notFound(translated(error))
            case .conflict: return .conflict(translated(error))
            case .forbidden: return .forbidden(translated(error))
            case .invalid(let field, _): return .invalidField(field: field, message: translated(error))
            }
        case is DecodingError:
            return .invalidBody(.unexpectedBody)
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return .notFound(.noEndpoint)
            case .methodNotAllowed: return .methodNotAllowed(allowed: [])
            case .unauthorized: return .unauthorized(.tokenNeeded)
            case .forbidden:
                return .forbidden(
                    APIText(
                        en: "Your role in this workspace does not allow this.",
                        fr: "Votre rôle dans cet espace de travail ne le permet pas."))
            case .contentTooLarge: return .payloadTooLarge
            case .unsupportedMediaType: return .unsupportedMediaType
            case .badRequest:
                return .invalidBody(
                    APIText(
                        en: "The request could not be read. Check its JSON body and parameters.",
                        fr: "La requête est illisible. Vérifiez son corps JSON et ses paramètres."))
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The message of a domain error in every language, through the interface's catalog.
    private static func translated(_ error: DomainError) -> APIText {
        let localizer = Renderer.bundled.localizer
        return APIText(en: localizer.message(for: error, .en), fr: localizer.message(for: error, .fr))
    }

    /// The JSON envelope response, with `WWW-Authenticate` on 401 and `Allow` on 405.
    func response(_ locale: AppLocale = .en) -> Response {
        let envelope = APIErrorEnvelope(error: .init(code: code, message: message(locale), field: field))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers[.contentLanguage] = locale.rawValue
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

extension APIText {
    static let noEndpoint = APIText(
        en: "There is no API endpoint at this address. The list is at /api/v1/openapi.json.",
        fr: "Aucune adresse de l’API ne correspond. La liste est dans /api/v1/openapi.json.")
    static let tokenNeeded = APIText(
        en: "Send a valid API token as: Authorization: Bearer <token>.",
        fr: "Envoyez un jeton d’API valide ainsi : Authorization: Bearer <jeton>.")
    static let unexpectedBody = APIText(
        en: "The body is not the JSON this endpoint expects.",
        fr: "Le corps n’est pas le JSON attendu par cette adresse.")
}
