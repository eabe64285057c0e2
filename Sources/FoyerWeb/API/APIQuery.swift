import Foundation
import FoyerCore
import Hummingbird

/// The query parameters of one API request, checked against its route: unknown names, malformed values
/// and out-of-range numbers are refused with `invalid_parameter` naming the parameter.
struct APIQuery {
    private let values: [String: String]
    private let route: APIRoute

    init(request: Request, route: APIRoute) throws {
        var values: [String: String] = [:]
        let known = Set(route.query.map(\.name))
        for (name, value) in Self.parse(request.uri.query ?? "") {
            guard known.contains(name) else {
                let shown = name.prefix(50)
                let list = known.sorted().joined(separator: ", ")
                throw APIError.invalidParameter(
                    name: String(shown),
                    message: known.isEmpty
                        ? APIText(
                            en: "Unknown parameter \"\(shown)\": this endpoint takes none.",
                            fr: "Paramètre inconnu « \(shown) » : cette adresse n’en accepte aucun.")
                        : APIText(
                            en: "Unknown parameter \"\(shown)\". Use one of: \(list).",
                            fr: "Paramètre inconnu « \(shown) ». Utilisez l’un de : \(list)."))
            }
            // The first occurrence wins, as in most frameworks.
            if values[name] == nil { values[name] = value }
        }
        self.values = values
        self.route = route
    }

    /// Splits a raw query string the way HTML forms and most HTTP clients write it: `+` is a space, `%2B` a
    /// plus. A pair whose escapes are malformed keeps its raw text, which validation then refuses or matches.
    static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ raw: Substring) -> String {
                let spaced = raw.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private func parameter(_ name: String) -> APIParameter? { route.query.first { $0.name == name } }

    /// The trimmed value, `nil` when absent or blank; refused beyond the parameter's maximum length.
    func string(_ name: String) throws -> String? {
        guard let raw = values[name] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .string(let maxLength) = parameter(name)?.kind, value.count > maxLength {
            throw APIError.invalidParameter(
                name: name,
                message: APIText(
                    en: "\"\(name)\" is too long: use at most \(maxLength) characters.",
                    fr: "« \(name) » est trop long : \(maxLength) caractères au plus."))
        }
        if value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw APIError.invalidParameter(
                name: name,
                message: APIText(
                    en: "\"\(name)\" contains control characters.",
                    fr: "« \(name) » contient des caractères de contrôle."))
        }
        return value.isEmpty ? nil : value
    }

    /// A positive integer id, `nil` when absent.
    func id<Entity>(_ name: String, as: Identifier<Entity>.Type = Identifier<Entity>.self) throws -> Identifier<Entity>?
    {
        guard let raw = try string(name) else { return nil }
        guard let id = Identifier<Entity>(raw) else {
            throw APIError.invalidParameter(name: name, message: .mustBeID(name))
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
                name: name,
                message: APIText(
                    en: "\"\(name)\" must be one of: \(allowed).", fr: "« \(name) » doit valoir l’un de : \(allowed)."))
        }
        return value
    }

    /// A language code: two or three lower-case ASCII letters (`en`, `fr`, `und`).
    func language(_ name: String = "language") throws -> String? {
        guard let raw = try string(name)?.lowercased() else { return nil }
        guard (2...3).contains(raw.count), raw.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw APIError.invalidParameter(
                name: name,
                message: APIText(
                    en: "\"\(name)\" must be a language code such as en, fr or und.",
                    fr: "« \(name) » doit être un code de langue comme en, fr ou und."))
        }
        return raw
    }

    /// `limit` (1…200, default 50) and `cursor`.
    func page() throws -> PageRequest {
        var limit = 50
        if let raw = try string("limit") {
            guard let value = Int(raw), (1...PageRequest.maximumLimit).contains(value) else {
                throw APIError.invalidParameter(
                    name: "limit",
                    message: APIText(
                        en: "\"limit\" must be a whole number from 1 to \(PageRequest.maximumLimit).",
                        fr: "« limit » doit être un nombre entier de 1 à \(PageRequest.maximumLimit)."))
            }
            limit = value
        }
        return PageRequest(limit: limit, cursor: try string("cursor"))
    }

    static func invalidCursor() -> APIError {
        .invalidParameter(
            name: "cursor",
            message: APIText(
                en:
                    "\"cursor\" is not one this API gave out. Use the \"next\" value of the previous page, or leave it out.",
                fr:
                    "« cursor » n’a pas été donné par cette API. Reprenez la valeur « next » de la page précédente, ou omettez-le."
            ))
    }
}
