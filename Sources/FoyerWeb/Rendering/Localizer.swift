import Foundation
import FoyerCore

/// The interface text in every ``AppLocale``, from `Resources/Locales/<code>.json` (flat key → text).
///
/// Placeholders are written `{name}` and filled by ``text(_:_:_:)``. A missing key falls back to English,
/// then to the key itself, so a page never fails to render over a string.
public struct Localizer: Sendable {
    public let catalogs: [AppLocale: [String: String]]
    /// The same strings keyed for Mustache, where a dot means "look inside": `nav.home` becomes `nav_home`.
    let templateCatalogs: [AppLocale: [String: String]]

    public init(catalogs: [AppLocale: [String: String]]) {
        self.catalogs = catalogs
        self.templateCatalogs = catalogs.mapValues { strings in
            Dictionary(
                strings.filter { !$0.key.hasPrefix("message.") }
                    .map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    /// Loads every locale's catalog from a directory of `<code>.json` files.
    public init(directory: URL) throws {
        var catalogs: [AppLocale: [String: String]] = [:]
        for locale in AppLocale.allCases {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(locale.rawValue).json"))
            catalogs[locale] = try JSONDecoder().decode([String: String].self, from: data)
        }
        self.init(catalogs: catalogs)
    }

    /// All the strings of a locale for templates, with dots turned into underscores (`{{t.nav_home}}`).
    public func strings(_ locale: AppLocale) -> [String: String] {
        templateCatalogs[locale] ?? templateCatalogs[.en] ?? [:]
    }

    /// One string, with `{name}` placeholders replaced by `arguments`.
    public func text(_ key: String, _ locale: AppLocale, _ arguments: [String: String] = [:]) -> String {
        var value = catalogs[locale]?[key] ?? catalogs[.en]?[key] ?? key
        for (name, replacement) in arguments {
            value = value.replacingOccurrences(of: "{\(name)}", with: replacement)
        }
        return value
    }

    /// The message of a domain error in the person's language (English text is the catalog key).
    public func message(for error: DomainError, _ locale: AppLocale) -> String {
        let english: String
        switch error {
        case .notFound(let message), .conflict(let message), .forbidden(let message): english = message
        case .invalid(_, let message): english = message
        }
        guard locale != .en else { return english }
        if let translated = catalogs[locale]?["message." + english] { return translated }
        // "Use at most 100 characters." and friends carry a number.
        let digits = english.filter(\.isNumber)
        let template = english.replacingOccurrences(of: digits, with: "{n}")
        if !digits.isEmpty, let translated = catalogs[locale]?["message." + template] {
            return translated.replacingOccurrences(of: "{n}", with: digits)
        }
        return english
    }
}
