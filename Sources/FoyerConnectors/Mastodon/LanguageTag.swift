import Foundation

/// Language tags as platforms and feeds give them (`en`, `pt-BR`, `en-us`), checked before they are stored.
enum LanguageTag {
    /// `text` when it looks like a BCP 47 tag (letters, digits and hyphens, 2 to 35 characters), else `nil`.
    static func validated(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), (2...35).contains(text.utf8.count),
            text.first?.isLetter == true,
            text.utf8.allSatisfy({ byte in
                byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            })
        else { return nil }
        return text
    }
}
