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
        /// Softens toxicity: "not", "pas".
        case toxicityNegation
        /// Reports an insult someone else made: "called me", "m'a traitée de", "s'est fait traiter de".
        case reportedSpeech
        /// Predication that turns a following insult on a person: "he is a …", "what a …", "bunch of …".
        case insultTarget
        /// Self-promotion, three parts: the writer's own ("my", "mi", "meinen"), a thing one promotes ("channel",
        /// "canal", "shop"), and a call to the readers ("check", "passate", "besucht").
        case promotionOwner, promotedThing, callToAction

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
            case "reported": self = .reportedSpeech
            case "aim": self = .insultTarget
            case "own": self = .promotionOwner
            case "promoted": self = .promotedThing
            case "call": self = .callToAction
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
        /// Bit i set: word i of the phrase ends in "é" (``Token/Flags/acuteEnding``). A message word with that
        /// ending only matches a cue word that has it too; a word written without accents matches either.
        var acuteEndings: UInt8 = 0
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
        let words = ResourceFiles.phraseWords(phrase)
        let keys = words.map(\.hash)
        guard !keys.isEmpty, keys.count <= 4 else { return }
        var cue = cue
        for (i, word) in words.enumerated() where word.flags.contains(.acuteEnding) {
            cue.acuteEndings |= 1 << UInt8(i)
        }
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
