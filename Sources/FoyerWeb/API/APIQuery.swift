import FoyerCore
import Foundation
import Hummingbird

/// The query parameters of one API request, checked against its route: unknown names, malformed values
/// and out-of-range numbers are refused with `invalid_parameter` naming the parameter.
struct APIQuery {
    private let values: [String: String]
    private let route: APIRoute

    init(request: Request, route: APIRoute) throws {
        var values: [String: String] = [:]
        let known = Set(route.query.map(\.name))
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard known.contains(name) else {
                let list = known.isEmpty ? "This endpoint takes none." : "Use one of: \(known.sorted().joined(separator: ", "))."
                throw APIError.invalidParameter(
                    name: String(name.prefix(50)), message: "Unknown parameter \"\(name.prefix(50))\". \(list)")
            }
            // The first occurrence wins, as in most frameworks.
            if values[name] == nil { values[name] = String(value) }
        }
        self.values = values
        self.route = route
    }

    private func parameter(_ name: String) -> APIParameter? { route.query.first { $0.name == name } }

    /// The trimmed value, `nil` when absent or blank; refused beyond the parameter's maximum length.
    func string(_ name: String) throws -> String? {
        guard let raw = values[name] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .string(let maxLength) = parameter(name)?.kind, value.count > maxLength {
            throw APIError.invalidParameter(name: name, message: "\"\(name)\" is too long: use at most \(maxLength) characters.")
        }
        if value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw APIError.invalidParameter(name: name, message: "\"\(name)\" contains control characters.")
        }
        return value.isEmpty ? nil : value
    }

    /// A positive integer id, `nil` when absent.
    func id<Entity>(_ name: String, as: Identifier<Entity>.Type = Identifier<Entity>.self) throws -> Identifier<Entity>? {
        guard let raw = try string(name) else { return nil }
        guard let id = Identifier<Entity>(raw) else {
            throw APIError.invalidParameter(name: name, message: "\"\(name)\" must be a positive whole number (an id).")
        }
        return id
    }

    /// One of the values of a string enum, `nil` when absent.
    func value<Value: RawRepresentable & CaseIterable>(_ name: String, as: Value.Type) throws -> Value?
    where Value.RawValue == String {
        guard let raw = try string(name) else { return nil }
        guard let value = Value(rawValue: raw.lowercased()) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidParameter(
                name: name, message: "\"\(name)\" must be one of: \(allowed).")
        }
        return value
    }

    /// A language code: two or three lower-case ASCII letters (`en`, `fr`, `und`).
    func language(_ name: String = "language") throws -> String? {
        guard let raw = try string(name)?.lowercased() else { return nil }
        guard (2...3).contains(raw.count), raw.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw APIError.invalidParameter(
                name: name, message: "\"\(name)\" must be a language code such as en, fr or und.")
        }
        return raw
    }

    /// `limit` (1…200, default 50) and `cursor`.
    func page() throws -> PageRequest {
        var limit = 50
        if let raw = try string("limit") {
            guard let value = Int(raw), (1...PageRequest.maximumLimit).contains(value) else {
                throw APIError.invalidParameter(
                    name: "limit", message: "\"limit\" must be a whole number from 1 to \(PageRequest.maximumLimit).")
            }
            limit = value
        }
        return PageRequest(limit: limit, cursor: try string("cursor"))
    }

    static func invalidCursor() -> APIError {
        .invalidParameter(
            name: "cursor", message: "\"cursor\" is not one this API gave out. Use the \"next\" value of the previous page, or leave it out.")
    }
}
