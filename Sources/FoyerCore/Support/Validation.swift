import Foundation

/// Input rules shared by the web forms, the JSON API and the CLI, so that each refuses the same things
/// with the same words.
public enum Validation {
    public static let maxNameLength = 100
    public static let maxEmailLength = 254
    public static let minPasswordLength = 10
    public static let maxPasswordLength = 200
    public static let maxTextLength = 20_000

    /// A trimmed, non-empty name of at most ``maxNameLength`` characters.
    public static func name(_ raw: String, field: String = "name") throws -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw DomainError.invalid(field: field, message: "Enter a name.") }
        guard value.count <= maxNameLength else {
            throw DomainError.invalid(field: field, message: "Use at most \(maxNameLength) characters.")
        }
        guard !value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw DomainError.invalid(field: field, message: "Remove the control characters.")
        }
        return value
    }

    /// A lower-cased email address with one `@`, a dot in the domain and no spaces.
    public static func email(_ raw: String, field: String = "email") throws -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= maxEmailLength, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        else {
            throw DomainError.invalid(field: field, message: "Enter an email address like name@example.org.")
        }
        return value
    }

    /// A password long enough to resist guessing and short enough for bcrypt (72 bytes are used).
    public static func password(_ raw: String, field: String = "password") throws -> String {
        guard raw.count >= minPasswordLength else {
            throw DomainError.invalid(field: field, message: "Use at least \(minPasswordLength) characters.")
        }
        guard raw.count <= maxPasswordLength else {
            throw DomainError.invalid(field: field, message: "Use at most \(maxPasswordLength) characters.")
        }
        return raw
    }

    /// An IANA time zone identifier such as `Europe/Paris`.
    public static func timeZone(_ raw: String, field: String = "timeZone") throws -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, TimeZone(identifier: value) != nil else {
            throw DomainError.invalid(field: field, message: "Choose a time zone such as Europe/Paris.")
        }
        return value
    }

    /// A URL-safe slug derived from a name: lower-case ASCII letters, digits and dashes.
    public static func slug(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "workspace" : String(slug.prefix(60))
    }
}
