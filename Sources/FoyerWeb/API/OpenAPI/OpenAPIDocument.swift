import Foundation
import FoyerCore
import Hummingbird

/// The OpenAPI 3.1 document of `/api/v1`, generated from ``APIRoute/all`` and ``OpenAPISchemas``.
enum OpenAPIDocument {
    static let version = "3.1.0"

    /// The document as a JSON value; `publicURL` gives the server address.
    static func make(publicURL: URL, routes: [APIRoute] = APIRoute.all) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        var schemas = OpenAPISchemas.all
        for route in routes {
            if case .list(let item) = route.response {
                schemas[item + "List"] = OpenAPISchemas.list(of: item)
            }
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        let server = publicURL.absoluteString.trimmingSuffix("/") + "/api/v1"
        return [
            "openapi": .string(version),
            "info": [
                "title": "Foyer API",
                "version": "1.0.0",
                "summary": "Workspaces, channels, members, conversations and messages of a Foyer installation.",
                "description": """
                Authenticate with a personal API token: `Authorization: Bearer <token>`. Lists answer \
                `{"data": [...], "next": cursor-or-null}`; pass `next` back as `cursor`. Errors answer \
                `{"error": {"code": "...", "message": "..."}}`. A workspace you are not a member of answers \
                404, exactly like one that does not exist. Error messages follow `Accept-Language` (English or \
                French).
                """,
            ],
            "servers": [["url": .string(server)]],
            "security": [["bearerAuth": []]],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer",
                        "description": "A personal API token, created in your account settings and shown once.",
                    ]
                ],
                "schemas": .object(schemas),
                "responses": .object(errorResponses),
            ],
        ]
    }

    /// The document as an HTTP response (`application/json`, cacheable for a minute).
    static func response(publicURL: URL) throws -> Response {
        let data = try APIJSON.encoder.encode(make(publicURL: publicURL))
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=60"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static let errorDescriptions: [(status: String, name: String, description: String)] = [
        ("400", "BadRequest", "A parameter or the body is invalid; `field` names it."),
        ("401", "Unauthorized", "No valid API token."),
        ("403", "Forbidden", "Your role in this workspace does not allow this."),
        ("404", "NotFound", "Not found, or not visible to you."),
        ("405", "MethodNotAllowed", "The path exists with other methods."),
        ("413", "PayloadTooLarge", "The body is too large."),
        ("415", "UnsupportedMediaType", "The body is not JSON."),
        ("422", "Unprocessable", "The request is well-formed but cannot be carried out; the message says why."),
        ("500", "InternalError", "Something failed on the server; the message quotes a request id."),
    ]

    private static var errorResponses: [String: JSONValue] {
        Dictionary(
            uniqueKeysWithValues: errorDescriptions.map { entry in
                (
                    entry.name,
                    [
                        "description": .string(entry.description),
                        "content": ["application/json": ["schema": OpenAPISchemas.ref("Error")]],
                    ] as JSONValue
                )
            })
    }

    private static func errorRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/responses/\(name)")] }

    private static func operation(_ route: APIRoute) -> JSONValue {
        var parameters: [JSONValue] = route.pathParameters.map { name in
            [
                "name": .string(name), "in": "path", "required": true, "schema": OpenAPISchemas.id,
                "description": .string("The id of the \(name.replacingOccurrences(of: "ID", with: ""))."),
            ]
        }
        for parameter in route.query {
            let schema: JSONValue =
                switch parameter.kind {
                case .id: OpenAPISchemas.id
                case .integer(let minimum, let maximum):
                    ["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum)]
                case .string(let maxLength): ["type": "string", "maxLength": .int(maxLength)]
                case .oneOf(let values): OpenAPISchemas.oneOf(values)
                }
            parameters.append([
                "name": .string(parameter.name), "in": "query", "required": false, "schema": schema,
                "description": .string(parameter.description),
            ])
        }
        let success: (mediaType: String, schema: JSONValue)? =
            switch route.response {
            case .object(let name): ("application/json", OpenAPISchemas.ref(name))
            case .list(let item): ("application/json", OpenAPISchemas.ref(item + "List"))
            case .document: ("application/json", ["type": "object"])
            case .csv(let name): ("text/csv", OpenAPISchemas.ref(name))
            case .empty: nil
            }
        let successCode = String(route.successStatus.code)
        var responses: [String: JSONValue] = [
            successCode: success.map { ["description": "Success.", "content": [$0.mediaType: ["schema": $0.schema]]] }
                ?? ["description": "Success; no content."],
            "400": errorRef("BadRequest"),
            "405": errorRef("MethodNotAllowed"),
            "500": errorRef("InternalError"),
        ]
        if route.access != .anyone { responses["401"] = errorRef("Unauthorized") }
        if route.access.isWorkspaceScoped { responses["404"] = errorRef("NotFound") }
        if [.inboxReader, .settingsManager, .conversationHandler, .contentEditor, .contentReviewer].contains(route.access) { responses["403"] = errorRef("Forbidden") }
        var operation: [String: JSONValue] = [
            "operationId": .string(route.operation.rawValue),
            "summary": .string(route.summary),
            "tags": [.string(tag(for: route))],
            "responses": .object(responses),
        ]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if route.access == .anyone { operation["security"] = [] }
        if let body = route.requestBody {
            operation["requestBody"] = [
                "required": true,
                "content": [route.requestMediaType: ["schema": OpenAPISchemas.ref(body)]],
            ]
            responses["413"] = errorRef("PayloadTooLarge")
            responses["415"] = errorRef("UnsupportedMediaType")
            responses["422"] = errorRef("Unprocessable")
            operation["responses"] = .object(responses)
        }
        return .object(operation)
    }

    private static func tag(for route: APIRoute) -> String {
        let segments = route.path.split(separator: "/")
        guard segments.first == "workspaces" else { return "Meta" }
        return segments.count >= 3 ? String(segments[2]).capitalized : "Workspaces"
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var value = self
        while value.hasSuffix(suffix) { value.removeLast(suffix.count) }
        return value
    }
}
