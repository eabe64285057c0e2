import Foundation
import FoyerCore
import Testing

@testable import FoyerWeb

@Suite struct LocalizationTests {
    let localizer = Renderer.bundled.localizer

    @Test func catalogs_englishAndFrench_haveExactlyTheSameKeys() {
        let english = Set(localizer.catalogs[.en]?.keys ?? [:].keys)
        let french = Set(localizer.catalogs[.fr]?.keys ?? [:].keys)
        #expect(!english.isEmpty)
        #expect(english.subtracting(french).isEmpty, "missing in fr: \(english.subtracting(french).sorted())")
        #expect(french.subtracting(english).isEmpty, "missing in en: \(french.subtracting(english).sorted())")
    }

    @Test func catalogs_haveNoEmptyText() {
        for locale in AppLocale.allCases {
            for (key, value) in localizer.catalogs[locale] ?? [:] {
                #expect(!value.trimmingCharacters(in: .whitespaces).isEmpty, "\(locale) \(key) is empty")
            }
        }
    }

    @Test func templates_useOnlyKeysThatExist_andNeverUnescapedOutput() throws {
        let directory = WebResources.directory.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(names.count >= 10)
        let known = Set(localizer.strings(.en).keys)
        let pattern = try NSRegularExpression(pattern: "\\{\\{[#^/]?\\s*t\\.([A-Za-z0-9_]+)")
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("{{{"), "\(name) uses a triple mustache")
            #expect(!text.contains("{{&"), "\(name) uses unescaped output")
            #expect(!text.contains("style=\""), "\(name) has an inline style (CSP)")
            #expect(!text.contains("<script>"), "\(name) has an inline script (CSP)")
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                #expect(known.contains(String(text[range])), "\(name) uses unknown key t.\(text[range])")
            }
        }
    }

    @Test func message_forValidationError_isTranslatedToFrench() {
        let error = DomainError.invalid(field: "name", message: "Use at most 100 characters.")
        #expect(localizer.message(for: error, .fr) == "Utilisez au plus 100 caractères.")
        #expect(localizer.message(for: error, .en) == "Use at most 100 characters.")
        #expect(localizer.message(for: .invalid(field: "name", message: "Enter a name."), .fr) == "Saisissez un nom.")
    }

    @Test func message_withNamesAndNumbers_isTranslatedFromItsTemplate() {
        func french(_ message: String) -> String { localizer.message(for: .invalid(field: "body", message: message), .fr) }
        #expect(french("The title is 12 characters; Discourse allows 10.") == "Le titre fait 12 caractères ; Discourse en accepte 10.")
        #expect(
            french("The text is 612 characters (each link counts as 23); Mastodon allows 500. Shorten it by 112.")
                == "Le texte fait 612 caractères (chaque lien compte pour 23) ; Mastodon en accepte 500. Raccourcissez-le de 112.")
        #expect(french("The text is 612 characters; Bluesky allows 300. Shorten it by 312.").hasPrefix("Le texte fait 612"))
        #expect(french("Use at most 1,000 characters.") == "Utilisez au plus 1,000 caractères.")
        // A message without a template stays as it is rather than half-translated.
        #expect(french("Something nobody wrote a template for: 42.") == "Something nobody wrote a template for: 42.")

        // Every message the network rules write for these posts reads in French.
        let check = VariantRules.check(
            body: String(repeating: "Des nouvelles ! ", count: 40), followUps: [String(repeating: "x", count: 600)],
            title: "Court", media: [], kind: .discourse, settings: ["maxPostLength": "300"])
        let mastodon = VariantRules.check(
            body: "#soldes-hiver " + String(repeating: "a", count: 520), media: [], kind: .mastodon)
        let issues = check.issues + mastodon.issues
        #expect(issues.count >= 4)
        for issue in issues {
            let translated = french(issue.message)
            #expect(translated != issue.message, "not translated: \(issue.message)")
        }
    }

    @Test func text_fillsPlaceholders() {
        #expect(localizer.text("signIn.throttled", .en, ["minutes": "15"]).contains("Try again in 15 min."))
    }
}
