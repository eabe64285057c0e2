import Foundation
import FoyerCore
import Testing

@Suite struct ValidationTests {
    @Test func name_isTrimmedAndKept() throws {
        #expect(try Validation.name("  Maison Lumière  ") == "Maison Lumière")
    }

    @Test func name_refusesEmptyTooLongAndControlCharacters() {
        #expect(throws: DomainError.self) { try Validation.name("   ") }
        #expect(throws: DomainError.self) { try Validation.name(String(repeating: "a", count: Validation.maxNameLength + 1)) }
        #expect(throws: DomainError.self) { try Validation.name("evil\u{0007}name") }
    }

    @Test func name_errorNamesTheField() {
        do {
            _ = try Validation.name("", field: "workspaceName")
            Issue.record("expected an error")
        } catch let DomainError.invalid(field, message) {
            #expect(field == "workspaceName")
            #expect(!message.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: ["Alice@Example.ORG", " bob@mail.example.fr "])
    func email_isLowerCasedAndTrimmed(raw: String) throws {
        let email = try Validation.email(raw)
        #expect(email == email.lowercased())
        #expect(!email.hasPrefix(" "))
        #expect(email.contains("@"))
    }

    @Test(arguments: ["", "no-at-sign", "two@@example.org", "a@b", "a@.org", "a b@example.org", "<a>@example.org", "x@example."])
    func email_refusesMalformedAddresses(raw: String) {
        #expect(throws: DomainError.self) { try Validation.email(raw) }
    }

    @Test func password_hasBounds() throws {
        #expect(throws: DomainError.self) { try Validation.password("short") }
        #expect(throws: DomainError.self) { try Validation.password(String(repeating: "x", count: 201)) }
        #expect(try Validation.password("correct horse battery") == "correct horse battery")
    }

    @Test func timeZone_acceptsIANANamesOnly() throws {
        #expect(try Validation.timeZone("Europe/Paris") == "Europe/Paris")
        #expect(throws: DomainError.self) { try Validation.timeZone("Mars/Olympus") }
        #expect(throws: DomainError.self) { try Validation.timeZone("") }
    }

    @Test(arguments: [
        ("Maison Lumière", "maison-lumiere"),
        ("  Café & Co!! ", "cafe-co"),
        ("Ñandú Québec", "nandu-quebec"),
        ("!!!", "workspace"),
    ])
    func slug_isAsciiAndDashed(name: String, expected: String) {
        #expect(Validation.slug(from: name) == expected)
    }
}
