/// Words and phrases that signal toxicity, spam or an intent, from one table so that a message is scanned once
/// for all of them.
///
/// Keys are the hashes of 1 to 4 consecutive words (see ``ResourceFiles/combinedKey(_:)``). Each key can carry
/// several cues, each limited to some languages (French "con" is an insult, Spanish "con" means "with").
struct CueTable: Sendable {
    enum Task: Int, CaseIterable, Sendable {
        case insult, hate, threat, obscenity
        case spam
        case question, questionOpener, idea, ideaOpener, bug, complaint, praise
        /// "you", "tu", "t'es": makes an insult nearby personal.
        case secondPerson
        /// Softens toxicity: "not", "pas", quoted or reported speech markers.
        case toxicityNegation

        init?(name: Substring) {
            switch name {
            case "insult": self = .insult
            case "hate": self = .hate
            case "threat": self = .threat
            case "obscenity": self = .obscenity
            case "spam": self = .spam
            case "question": self = .question
            case "opener": self = .questionOpener
            case "ideaopener": self = .ideaOpener
            case "idea": self = .idea
            case "bug": self = .bug
            case "complaint": self = .complaint
            case "praise": self = .praise
            case "you": self = .secondPerson
            case "detox": self = .toxicityNegation
            default: return nil
            }
        }

        var isToxicity: Bool { rawValue <= Task.obscenity.rawValue }
    }

    struct Cue: Sendable {
        var task: Task
        var weight: Float
        /// Bit i set: applies to `Language.identifiable[i]`.
        var languages: UInt8
    }

    static let allLanguages: UInt8 = 0x7F

    private var entries: [UInt64: [Cue]] = [:]
    private var table = FastMap<[Cue]>()
    private(set) var maxPhraseLength = 1

    /// Freezes the entries into the lookup table; call once after the last ``add(phrase:cue:)``.
    mutating func finish() {
        table = FastMap(entries)
        entries = [:]
    }

    mutating func add(phrase: some StringProtocol, cue: Cue) {
        // Entries written with symbols ("a$$", "make $", "18+") would collapse to ordinary words once
        // tokenised; obfuscated forms are handled by the tokenizer, so such entries are skipped.
        guard
            phrase.unicodeScalars.allSatisfy({
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "'" || $0 == "-"
                    || $0 == "’"
            })
        else { return }
        let keys = ResourceFiles.phraseKeys(phrase)
        guard !keys.isEmpty, keys.count <= 4 else { return }
        maxPhraseLength = max(maxPhraseLength, keys.count)
        let key = ResourceFiles.combinedKey(keys)
        if var existing = entries[key] {
            // A later file overrides an earlier one for the same task and languages (own lists over LDNOOBW);
            // a toxicity judgement replaces any earlier toxicity cue ("con": an insult, not LDNOOBW's obscenity).
            if cue.task.isToxicity {
                existing.removeAll {
                    $0.task.isToxicity && $0.task != cue.task && $0.languages & cue.languages != 0
                        && $0.weight < cue.weight
                }
            }
            if let i = existing.firstIndex(where: { $0.task == cue.task && $0.languages == cue.languages }) {
                existing[i] = cue
            } else {
                existing.append(cue)
            }
            entries[key] = existing
        } else {
            entries[key] = [cue]
        }
    }

    @inline(__always)
    func cues(for key: UInt64) -> [Cue]? { table[key] }

    static func languageMask(_ field: Substring) -> UInt8 {
        if field == "*" { return allLanguages }
        var mask: UInt8 = 0
        for code in field.split(separator: ",") {
            if let lang = Language(code: String(code)), let i = lang.tableIndex { mask |= 1 << UInt8(i) }
        }
        return mask
    }
}

/// What the cue scan found in one message: a weight per task, and per toxicity category whether it was seen.
struct CueHits: Sendable {
    var weights = [Float](repeating: 0, count: CueTable.Task.allCases.count)
    var counts = [Int](repeating: 0, count: CueTable.Task.allCases.count)
    /// Token index of each toxicity hit (-1 for de-obfuscated chunks), for the second-person check.
    var toxicPositions: [Int] = []
    /// Token index of each negator ("not", "pas") seen, to discount "you are not stupid".
    var negatorPositions: [Int] = []
    var secondPersonPositions: [Int] = []

    subscript(task: CueTable.Task) -> Float {
        get { weights[task.rawValue] }
    }

    func count(_ task: CueTable.Task) -> Int { counts[task.rawValue] }

    /// Scans `text` for every cue that applies to `language` (all cues when `nil`).
    init(text: NormalizedText, table: CueTable, language: Language?) {
        let mask: UInt8 = language?.tableIndex.map { 1 << UInt8($0) } ?? CueTable.allLanguages
        let tokens = text.tokens
        var firstWordOfSentence = true
        var lastSentence: UInt16 = 0
        for i in tokens.indices {
            let token = tokens[i]
            if token.sentence != lastSentence { firstWordOfSentence = true; lastSentence = token.sentence }
            guard token.isWord else {
                if token.kind == .mention && firstWordOfSentence { continue }
                if token.kind != .emoji { firstWordOfSentence = false }
                continue
            }
            // Single word, then its de-elongated form.
            if let cues = table.cues(for: token.hash) {
                apply(cues, at: i, mask: mask, opener: firstWordOfSentence)
            } else if token.hashSingle != token.hash, let cues = table.cues(for: token.hashSingle) {
                apply(cues, at: i, mask: mask, opener: firstWordOfSentence)
            }
            // Phrases starting here.
            if table.maxPhraseLength > 1 {
                var key = token.hash
                var j = i + 1
                var length = 1
                while length < table.maxPhraseLength, j < tokens.count, tokens[j].isWord {
                    key = FNV.combine(key, tokens[j].hash)
                    length += 1
                    if let cues = table.cues(for: key) {
                        apply(cues, at: i, mask: mask, opener: firstWordOfSentence)
                    }
                    j += 1
                }
            }
            firstWordOfSentence = false
        }
        // De-obfuscated chunks count for toxicity only.
        for key in text.obfuscatedKeys {
            guard let cues = table.cues(for: key) else { continue }
            for cue in cues where cue.task.isToxicity && cue.languages & mask != 0 {
                weights[cue.task.rawValue] += cue.weight
                counts[cue.task.rawValue] += 1
                toxicPositions.append(-1)
            }
        }
    }

    @inline(__always)
    private mutating func apply(_ cues: [CueTable.Cue], at i: Int, mask: UInt8, opener: Bool) {
        for cue in cues where cue.languages & mask != 0 {
            if (cue.task == .questionOpener || cue.task == .ideaOpener) && !opener { continue }
            weights[cue.task.rawValue] += cue.weight
            counts[cue.task.rawValue] += 1
            if cue.task.isToxicity { toxicPositions.append(i) }
            if cue.task == .secondPerson { secondPersonPositions.append(i) }
            if cue.task == .toxicityNegation { negatorPositions.append(i) }
        }
    }
}
