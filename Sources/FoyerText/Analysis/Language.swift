/// A language FoyerText can identify, by its ISO 639-1 code; ``undetermined`` (`"und"`) when the text is too
/// short, mixed or unlike any supported language.
public enum Language: String, Sendable, Codable, CaseIterable, Hashable {
    case english = "en"
    case french = "fr"
    case spanish = "es"
    case german = "de"
    case italian = "it"
    case portuguese = "pt"
    case dutch = "nl"
    case undetermined = "und"

    /// The languages the identifier chooses between, in a fixed order (the index is used in internal tables).
    static let identifiable: [Language] = [.english, .french, .spanish, .german, .italian, .portuguese, .dutch]

    /// Index in ``identifiable``; `nil` for ``undetermined``.
    var tableIndex: Int? {
        switch self {
        case .english: 0
        case .french: 1
        case .spanish: 2
        case .german: 3
        case .italian: 4
        case .portuguese: 5
        case .dutch: 6
        case .undetermined: nil
        }
    }

    /// Parses a language code such as `"fr"`, `"FR"`, `"fr-CA"` or `"fra"`; `nil` when unknown.
    public init?(code: String) {
        let lower = code.lowercased()
        let primary = lower.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? lower
        switch primary {
        case "en", "eng": self = .english
        case "fr", "fra", "fre": self = .french
        case "es", "spa": self = .spanish
        case "de", "deu", "ger": self = .german
        case "it", "ita": self = .italian
        case "pt", "por": self = .portuguese
        case "nl", "nld", "dut": self = .dutch
        case "und": self = .undetermined
        default: return nil
        }
    }
}
