/// Turns what a person types into a safe FTS5 query.
///
/// FTS5 has its own query language (`"`, `*`, `NEAR(`, `AND`, `OR`, `NOT`, column filters…); a raw
/// user string can be a syntax error or mean something unintended. Here every word becomes a quoted
/// prefix term (`"cafe"*`), all terms must match, and a query with no word at all matches nothing.
public enum FullTextQuery {
    /// The most words kept from one query; the rest are ignored.
    public static let maximumTerms = 16

    /// The FTS5 query for `text`, or `nil` when it holds no letter or digit (the search matches nothing).
    public static func make(from text: String) -> String? {
        var terms: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty, terms.count < maximumTerms {
                terms.append("\"\(current)\"*")
            }
            current = ""
        }
        for character in text.prefix(1000) {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
