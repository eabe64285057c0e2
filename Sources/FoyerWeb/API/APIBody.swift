import Foundation
import Hummingbird

/// Reads JSON request bodies with errors that name what is wrong: not JSON, not an object, an unknown
/// field, a field of the wrong type.
enum APIBody {
    static func decode<Body: APIRequestBody>(_ type: Body.Type, from request: Request, context: APIRequestContext) async throws -> Body {
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
            throw APIError.invalidBody("The body is not valid JSON. Send a JSON object such as {\"name\": \"Acme\"}.")
        }
        guard let fields = object as? [String: Any] else {
            throw APIError.invalidBody("The body must be a JSON object.")
        }
        let known = Set(Body.fields)
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError.invalidField(
                field: String(unknown.prefix(50)),
                message: "Unknown field \"\(unknown.prefix(50))\". Use: \(known.sorted().joined(separator: ", ")).")
        }
        do {
            return try APIJSON.decoder.decode(Body.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.invalidField(field: field, message: "\"\(field)\" has the wrong type.")
        } catch let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.invalidField(field: field, message: "\"\(field)\" cannot be null.")
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.invalidField(field: key.stringValue, message: "\"\(key.stringValue)\" is required.")
        } catch {
            throw APIError.invalidBody("The body is not the JSON this endpoint expects.")
        }
    }
}

/// A JSON request body; ``fields`` lists its keys so unknown ones are refused rather than ignored.
protocol APIRequestBody: Decodable {
    static var fields: [String] { get }
}
