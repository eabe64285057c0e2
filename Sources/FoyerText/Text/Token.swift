/// One unit of a normalised message: a word, an emoji, an emoticon, a URL, a mention or a number.
struct Token: Sendable {
    enum Kind: UInt8, Sendable {
        case word, emoji, emoticon, url, mention, number
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Every letter upper-case and at least two letters ("GREAT").
        static let allCaps = Flags(rawValue: 1)
        /// A letter repeated three times or more ("sooooo").
        static let elongated = Flags(rawValue: 2)
        /// Part of a hashtag ("#fail").
        static let hashtag = Flags(rawValue: 4)
        /// Starts with an upper-case letter.
        static let capitalized = Flags(rawValue: 8)
        /// Contains a digit.
        static let hasDigit = Flags(rawValue: 16)
        /// Separated from the word before it by a comma, colon, bracket, quote, dash or slash ("Hi Sarah, Great").
        static let afterPause = Flags(rawValue: 32)
        /// Ends in "é", "ée", "és" or "ées", as a French past participle does: "crevé" (worn out) is not "crève"
        /// (die), "fermé la" (closed the) is not "ferme-la" (shut up), though their folded forms are equal.
        static let acuteEnding = Flags(rawValue: 64)
        /// Between quotation marks ("…", «…», “…”, „…“) that are closed later in the message: a word quoted or
        /// reported, not necessarily the writer's own ("they wrote "X" under my photo").
        static let quoted = Flags(rawValue: 128)
    }

    var kind: Kind
    var flags: Flags
    /// Index of the sentence the token is in.
    var sentence: UInt16
    /// Words: FNV of the folded form with runs of 3+ letters cut to 2. Emoji: the scalar value.
    /// Emoticons: FNV of the raw characters.
    var hash: UInt64
    /// Words: FNV of the folded form with every run of a letter cut to one; equals `hash` when not elongated.
    var hashSingle: UInt64
    /// Range of the word in ``NormalizedText/lower`` (lower case, accents kept, UTF-8).
    var lowerStart: Int32
    var lowerCount: Int32
    /// Range of the word in ``NormalizedText/folded`` (lower case, accents removed, ASCII for Latin text).
    var foldedStart: Int32
    var foldedCount: Int32

    var isWord: Bool { kind == .word }
}
