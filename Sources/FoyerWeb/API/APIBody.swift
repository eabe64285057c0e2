import Foundation
import Hummingbird

/// Reads JSON request bodies with errors that name what is wrong: not JSON, not an object, an unknown
/// field, a field of the wrong type.
enum APIBody {
    static func decode<Body: APIRequestBody>(_ type: Body.Type, from request: Request, context: APIRequestContext)
        async throws -> Body
    {
        if let contentType = request.headers[.contentType],
            !contentType.lowercased().hasPrefix("application/json")
        {
            throw APIError.unsupportedMediaType
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw APIError.invalidBody(
                APIText(
                    en: "The body is not valid JSON. Send a JSON object such as {\"name\": \"Acme\"}.",
                    fr: "Le corps n’est pas du JSON valide. Envoyez un objet JSON comme {\"name\": \"Acme\"}."))
        }
        guard let fields = object as? [String: Any] else {
            throw APIError.invalidBody(
                APIText(en: "The body must be a JSON object.", fr: "Le corps doit être un objet JSON."))
        }
        let known = Set(Body.fields)
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError.invalidField(
                field: String(unknown.prefix(50)),
                message: APIText(
                    en: "Unknown field \"\(unknown.prefix(50))\". Use: \(known.sorted().joined(separator: ", ")).",
                    fr: "Champ inconnu « \(unknown.prefix(50)) ». Utilisez : \(known.sorted().joined(separator: ", "))."
                ))
        }
        do {
            return try APIJSON.decoder.decode(Body.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.invalidField(
                field: field,
                message: APIText(en: "\"\(field)\" has the wrong type.", fr: "« \(field) » n’a pas le bon type."))
        } catch let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.invalidField(
                field: field,
                message: APIText(en: "\"\(field)\" cannot be null.", fr: "« \(field) » ne peut pas être null."))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.invalidField(
                field: key.stringValue,
                message: APIText(
                    en: "\"\(key.stringValue)\" is required.", fr: "« \(key.stringValue) » est obligatoire."))
        } catch {
            throw APIError.invalidBody(.unexpectedBody)
        }
    }
}

/// A JSON request body; ``fields`` lists its keys so unknown ones are refused rather than ignored.
protocol APIRequestBody: Decodable {
    static var fields: [String] { get }
}
