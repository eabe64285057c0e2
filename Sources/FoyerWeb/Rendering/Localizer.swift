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
    /// The `message.` keys with `{name}` placeholders, most specific first, for messages with values in them.
    let messageTemplates: [AppLocale: [MessageTemplate]]

    public init(catalogs: [AppLocale: [String: String]]) {
        self.catalogs = catalogs
        self.templateCatalogs = catalogs.mapValues { strings in
            Dictionary(
                strings.filter { !$0.key.hasPrefix("message.") }
                    .map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) },
                uniquingKeysWith: { first, _ in first })
        }
        self.messageTemplates = catalogs.mapValues { strings in
            strings.compactMap { key, value in
                guard key.hasPrefix("message."), key.contains("{") else { return nil }
                return MessageTemplate(english: String(key.dropFirst("message.".count)), translation: value)
            }
            .sorted { ($0.literalLength, $0.english) > ($1.literalLength, $1.english) }
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
        // "Use at most 100 characters.", "Mastodon needs an image or a video: attach one." carry values.
        for template in messageTemplates[locale] ?? [] {
            if let translated = template.translate(english) { return translated }
        }
        return english
    }
}

/// A message whose English has values in it, and its translation: the English is the catalog key with
/// `{name}` placeholders (`The title is {length} characters; {network} allows {max}.`), and each value
/// found in a message takes its placeholder's place in the translation.
struct MessageTemplate: Sendable {
    let english: String
    /// The text between the placeholders: one more than ``names``.
    let literals: [String]
    let names: [String]
    let translation: String

    /// How much fixed text the template has: a longer one is more specific and is tried first.
    var literalLength: Int { literals.reduce(0) { $0 + $1.count } }

    init?(english: String, translation: String) {
        var literals = [""]
        var names: [String] = []
        var rest = Substring(english)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            literals[literals.count - 1] += rest[..<open]
            names.append(String(rest[rest.index(after: open)..<close]))
            literals.append("")
            rest = rest[rest.index(after: close)...]
        }
        literals[literals.count - 1] += rest
        // Two placeholders side by side could not be told apart.
        guard !names.isEmpty, literals.dropFirst().dropLast().allSatisfy({ !$0.isEmpty }) else { return nil }
        self.english = english
        self.literals = literals
        self.names = names
        self.translation = translation
    }

    /// The translation of `message` when it has this template's shape; each value is the shortest text
    /// that lets the rest match.
    func translate(_ message: String) -> String? {
        guard message.hasPrefix(literals[0]), message.hasSuffix(literals[literals.count - 1]),
            message.count >= literalLength
        else { return nil }
        var position = message.index(message.startIndex, offsetBy: literals[0].count)
        let end = message.index(message.endIndex, offsetBy: -literals[literals.count - 1].count)
        guard position <= end else { return nil }
        var values: [String] = []
        for literal in literals.dropFirst().dropLast() {
            guard let found = message.range(of: literal, range: position..<end), found.lowerBound > position else {
                return nil
            }
            values.append(String(message[position..<found.lowerBound]))
            position = found.upperBound
        }
        guard position < end else { return nil }
        values.append(String(message[position..<end]))
        var result = translation
        for (name, value) in zip(names, values) { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}
