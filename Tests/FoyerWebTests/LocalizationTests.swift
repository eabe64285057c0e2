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

    @Test func text_fillsPlaceholders() {
        #expect(localizer.text("signIn.throttled", .en, ["minutes": "15"]).contains("Try again in 15 min."))
    }
}
