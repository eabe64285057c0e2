/// What the cue scan found in one message: a weight per task, and per toxicity category whether it was seen.
struct CueHits: Sendable {
    var weights = [Float](repeating: 0, count: CueTable.Task.allCases.count)
    var counts = [Int](repeating: 0, count: CueTable.Task.allCases.count)
    /// Token index of each toxicity hit (-1 for de-obfuscated chunks), for the second-person check.
    var toxicPositions: [Int] = []
    /// Token index of each negator ("not", "pas") seen, to discount "you are not stupid".
    var negatorPositions: [Int] = []
    /// Token index where each report of someone else's words starts ("called me", "m'a traitée de").
    var reportPositions: [Int] = []
    var secondPersonPositions: [Int] = []
    /// Token index of each insult hit, and of each predication aiming one ("he is a", "what a").
    var insultPositions: [Int] = []
    var insultTargetPositions: [Int] = []
    /// Token index of each owner word ("my", "mi") and of each promotable thing ("channel", "canal").
    var ownerPositions: [Int] = []
    var promotedPositions: [Int] = []

    subscript(task: CueTable.Task) -> Float {
        get { weights[task.rawValue] }
    }

    func count(_ task: CueTable.Task) -> Int { counts[task.rawValue] }

    /// Breakage vocabulary enough to call the message a bug report ("crash", "doesn't work", "ne marche pas").
    var reportsBreakage: Bool { self[.bug] >= 1.5 }

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
            var acute: UInt8 = token.flags.contains(.acuteEnding) ? 1 : 0
            if let cues = table.cues(for: token.hash) {
                apply(cues, at: i, mask: mask, acute: acute, opener: firstWordOfSentence)
            } else if token.hashSingle != token.hash, let cues = table.cues(for: token.hashSingle) {
                apply(cues, at: i, mask: mask, acute: acute, opener: firstWordOfSentence)
            }
            // Phrases starting here.
            if table.maxPhraseLength > 1 {
                var key = token.hash
                var j = i + 1
                var length = 1
                while length < table.maxPhraseLength, j < tokens.count, tokens[j].isWord {
                    key = FNV.combine(key, tokens[j].hash)
                    if tokens[j].flags.contains(.acuteEnding) { acute |= 1 << UInt8(length) }
                    length += 1
                    if let cues = table.cues(for: key) {
                        apply(cues, at: i, mask: mask, acute: acute, opener: firstWordOfSentence)
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
    private mutating func apply(_ cues: [CueTable.Cue], at i: Int, mask: UInt8, acute: UInt8, opener: Bool) {
        for cue in cues where cue.languages & mask != 0 && acute & ~cue.acuteEndings == 0 {
            if (cue.task == .questionOpener || cue.task == .ideaOpener) && !opener { continue }
            weights[cue.task.rawValue] += cue.weight
            counts[cue.task.rawValue] += 1
            if cue.task.isToxicity { toxicPositions.append(i) }
            if cue.task == .secondPerson { secondPersonPositions.append(i) }
            if cue.task == .toxicityNegation { negatorPositions.append(i) }
            if cue.task == .reportedSpeech { reportPositions.append(i) }
            if cue.task == .insult { insultPositions.append(i) }
            if cue.task == .insultTarget { insultTargetPositions.append(i) }
            if cue.task == .promotionOwner { ownerPositions.append(i) }
            if cue.task == .promotedThing { promotedPositions.append(i) }
        }
    }
}
