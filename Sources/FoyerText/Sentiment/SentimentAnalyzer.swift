/// Rule-based sentiment in the manner of VADER (Hutto & Gilbert, 2014), generalised to several languages:
/// lexicon valences, boosters and dampeners over the three previous words, negation over the three previous
/// words, capitals, elongation, contrast ("but" / "mais": what follows counts more), emoji, emoticons and
/// exclamation marks. The sum is squashed into -1…1.
struct SentimentAnalyzer: Sendable {
    let lexicon: SentimentLexicon

    static let capsBoost: Float = 0.733
    static let questionDamping: Float = 0.6
    static let conditionalDamping: Float = 0.5
    static let conditionals: Set<UInt64> = Set(
        ["if", "unless", "whether", "si", "wenn", "falls"].map { FNV.hash(bytes: $0.utf8) })
    static let likeHash = FNV.hash(bytes: "like".utf8)
    static let kindHash = FNV.hash(bytes: "kind".utf8)
    static let ofHash = FNV.hash(bytes: "of".utf8)
    static let likeSubjects: Set<UInt64> = Set(
        ["i", "we", "you", "they", "u", "ya", "would", "really", "not", "d", "also", "just", "do", "still", "totally"]
            .map { FNV.hash(bytes: $0.utf8) })
    static let negationScalar: Float = -0.74
    /// A negated negative word is rarely praise ("not kill", "not a problem" is a phrase): it counts for little.
    static let negatedNegativeScalar: Float = -0.3
    /// Negation is more frequent in negative text than in positive text (Potts, "On the negativity of negation",
    /// 2010). In languages with only a short lexicon (German, Spanish, Italian, Portuguese, Dutch) most negated
    /// words are not in it, so a negator that negates no scored word is itself mildly negative ("no funciona",
    /// "non è arrivato"). Chosen on the UMSAB German training split among 0…-1.2; English and French, with full
    /// lexicons, lost by it and do not use it.
    static let unresolvedNegatorValence: Float = -0.6
    /// Languages whose own lexicon is small also read English words (tweets mix them: "love", "lol").
    static let englishFallbackMinimumLength = 4

    /// - Parameter extraValence: valence added to the sum before squashing (abuse found by the cue scan in
    ///   languages whose sentiment lexicon lacks it).
    /// Plural and feminine endings ("déçues" → "déçue" → "déçu", "schlechten" → "schlecht"): the word without
    /// a final "s", "es", "e", "x", "en" or "n", for lexicons that list one form.
    static func inflectionFallback(_ word: ArraySlice<UInt8>, _ valence: FastMap<Float>) -> Float? {
        let endings: [(UInt8, UInt8?)] = [
            (0x73, nil), (0x73, 0x65), (0x65, nil), (0x78, nil), (0x6E, 0x65), (0x6E, nil),
        ]
        let last = word[word.endIndex - 1]
        let previous = word[word.endIndex - 2]
        for (ending, before) in endings where last == ending {
            var cut = 1
            if let before {
                guard previous == before else { continue }
                cut = 2
            }
            if let v = valence[FNV.hash(bytes: word.dropLast(cut))] { return v }
        }
        return nil
    }

    /// Spanish, Italian and Portuguese adjectives and nouns change their final vowel with gender and number
    /// ("buoni", "brutte", "malas", "lindos", "fantastiche"): the word with its final vowel (and a plural "s")
    /// replaced by "o", then "a", for lexicons that list one form. Forms of four letters or fewer are not tried.
    static func genderFallback(_ word: ArraySlice<UInt8>, _ valence: FastMap<Float>) -> Float? {
        var stem = word
        if stem.last == 0x73 { stem = stem.dropLast() }  // s
        guard stem.count > 3, let last = stem.last, last == 0x61 || last == 0x65 || last == 0x69 || last == 0x6F else {
            return nil
        }
        stem = stem.dropLast()
        for vowel: UInt8 in [0x6F, 0x61] where vowel != last || word.last == 0x73 {
            if let v = valence[FNV.add(FNV.hash(bytes: stem), vowel)] { return v }
        }
        // Italian plurals in "-che", "-chi", "-ghe", "-ghi" come from "-ca", "-co", "-ga", "-go" ("fantastiche").
        if stem.count > 3, stem.last == 0x68, stem[stem.endIndex - 2] == 0x63 || stem[stem.endIndex - 2] == 0x67 {
            let hard = FNV.hash(bytes: stem.dropLast())
            for vowel: UInt8 in [0x6F, 0x61] {
                if let v = valence[FNV.add(hard, vowel)] { return v }
            }
        }
        return nil
    }

    /// A title-case word next to another, not opening its sentence or clause, is most likely part of a name or a
    /// title ("Good Morning America", "the Hero Dog Awards", "Breaking Bad"): its valence counts for little. Not in
    /// German, which capitalises every noun ("Vielen Dank"), nor in hashtags. The factor was chosen on the VADER
    /// ground-truth tweets (ship-ok), among 1, 0.5, 0.2 and 0.
    static let nameDamping: Float = 0.2

    /// For a word of two letters or more that is neither shouted nor a hashtag: whether it is title case.
    private static func isTitleCase(_ t: Token) -> Bool? {
        guard t.kind == .word, t.lowerCount > 1, !t.flags.contains(.allCaps), !t.flags.contains(.hashtag) else {
            return nil
        }
        return t.flags.contains(.capitalized)
    }

    /// Whether names can be told apart in `tokens`: at least one word in lower case for every three in title
    /// case. A Message Written Like This has no names to find.
    static func namesStandOut(_ tokens: [Token]) -> Bool {
        var title = 0
        var lower = 0
        for t in tokens {
            switch isTitleCase(t) {
            case true?: title += 1
            case false?: lower += 1
            case nil: break
            }
        }
        return lower * 3 >= title
    }

    /// Whether the word at `index` is title case, follows a word of its own sentence with no pause between them
    /// ("Hi Sarah, Great job" opens a clause), and has a title-case neighbour there.
    static func isInName(_ tokens: [Token], _ index: Int) -> Bool {
        let token = tokens[index]
        guard index > 0, isTitleCase(token) == true, !token.flags.contains(.afterPause) else { return false }
        let previous = tokens[index - 1]
        guard previous.kind == .word, previous.sentence == token.sentence else { return false }
        if isTitleCase(previous) == true { return true }
        guard index + 1 < tokens.count else { return false }
        let next = tokens[index + 1]
        return isTitleCase(next) == true && next.sentence == token.sentence && !next.flags.contains(.afterPause)
    }

    func score(_ text: NormalizedText, language: Language, extraValence: Float = 0) -> Double {
        scores(text, language: language, extraValence: extraValence).adjusted
    }

    /// The score with `extraValence` (`adjusted`) and without it (`plain`), from one pass.
    func scores(_ text: NormalizedText, language: Language, extraValence: Float) -> (plain: Double, adjusted: Double) {
        let lang = language.tableIndex ?? 0
        let valence = lexicon.valence[lang]
        let english = lexicon.valence[0]
        let useEnglish = lang > 1 || language == .undetermined
        let negators = lexicon.negators(for: language)
        let boosters = lexicon.boosters[lang]
        let contrast = lexicon.contrast[lang]
        let phraseLength = lexicon.phraseLength[lang]
        let phraseValence = lexicon.phraseValence[lang]
        // Words inside a matched phrase, after its first, carry no valence of their own.
        var phraseEnd = -1
        let capDifference = text.allCapsWordCount > 0 && text.allCapsWordCount < text.wordCount

        var sentiments: [Float] = []
        sentiments.reserveCapacity(text.tokens.count)
        var contrastIndex = -1
        // Hashes of the last three words, most recent first, and whether each was upper-case.
        var previous: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var previousCaps: (Bool, Bool, Bool) = (false, false, false)

        let tokens = text.tokens
        let findNames = language != .german && Self.namesStandOut(tokens)
        var conditionalSentence: UInt16 = .max
        let shortLexicon = lang > 1
        // Positions in `sentiments` of the last three words, most recent first, and of the negators among them
        // still waiting for a scored word.
        var recent: (Int, Int, Int) = (-1, -1, -1)
        var pendingNegators: [Int] = []
        /// Whether one of the last three words negates the current one.
        func afterNegator() -> Bool {
            negators.contains(previous.0) || negators.contains(previous.1) || negators.contains(previous.2)
        }
        for index in tokens.indices {
            let token = tokens[index]
            var v: Float = 0
            switch token.kind {
            case .word:
                let key = token.hash
                if contrast.contains(key) { contrastIndex = sentiments.count }
                var phrase: Float?
                if index > phraseEnd, let longest = phraseLength[key] {
                    // The longest phrase starting here wins.
                    var combined = key
                    var j = index + 1
                    while j < tokens.count, j - index < longest, tokens[j].kind == .word {
                        combined = FNV.combine(combined, tokens[j].hash)
                        if let x = phraseValence[combined] {
                            phrase = x
                            phraseEnd = j
                        }
                        j += 1
                    }
                }
                if let phrase {
                    v = phrase
                } else if index <= phraseEnd {
                    v = 0
                } else if boosters[key] != nil {
                    // Outside English, a booster that modifies nothing is an adjective: "c'est super !", "c'est
                    // bien", "das ist super". (English "super" is mostly "Super Bowl" in tweets; left as is.)
                    if lang > 0, let x = valence[key] {
                        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                        let modifiesNext =
                            next.map { $0.kind == .word && (valence[$0.hash] != nil || boosters[$0.hash] != nil) }
                            ?? false
                        if !modifiesNext { v = x }
                    }
                } else {
                    if let x = valence[key] {
                        v = x
                    } else if token.hashSingle != key, let x = valence[token.hashSingle] {
                        v = x
                    } else if lang > 0, token.foldedCount > 4,
                        let x = Self.inflectionFallback(text.foldedBytes(of: token), valence)
                    {
                        v = x
                    } else if lang == 2 || lang == 4 || lang == 5, token.foldedCount > 4,
                        let x = Self.genderFallback(text.foldedBytes(of: token), valence)
                    {
                        v = x
                    } else if useEnglish,
                        token.lowerCount >= Self.englishFallbackMinimumLength || token.flags.contains(.hashtag),
                        let x = english[key]
                    {
                        v = x
                    }
                }
                // "like" is mostly a preposition or filler in chat ("like 5 minutes"); a verb after a subject.
                if lang == 0, key == Self.likeHash, !Self.likeSubjects.contains(previous.0) { v = 0 }
                // "kind of", "sort of" hedge; they carry no sentiment (VADER's rule).
                if lang == 0, key == Self.kindHash, index + 1 < tokens.count, tokens[index + 1].hash == Self.ofHash {
                    v = 0
                }
                if v != 0, findNames, Self.isInName(tokens, index) { v *= Self.nameDamping }
                if v != 0 {
                    let sign: Float = v > 0 ? 1 : -1
                    if capDifference && token.flags.contains(.allCaps) { v += sign * Self.capsBoost }
                    if token.flags.contains(.elongated) { v += sign * 0.3 }
                    var scalar: Float = 0
                    if let b = boosters[previous.0] {
                        scalar +=
                            (b + (previousCaps.0 && capDifference ? (b > 0 ? Self.capsBoost : -Self.capsBoost) : 0))
                    }
                    if let b = boosters[previous.1] { scalar += b * 0.95 }
                    if let b = boosters[previous.2] { scalar += b * 0.9 }
                    v += sign * scalar
                    if afterNegator() {
                        v *= v < 0 ? Self.negatedNegativeScalar : Self.negationScalar
                        // The negators that negated this word carry no valence of their own.
                        for p in pendingNegators where p == recent.0 || p == recent.1 || p == recent.2 {
                            sentiments[p] = 0
                        }
                    }
                }
                // One valence per negation ("não … nunca" counts once).
                if shortLexicon, v == 0, index > phraseEnd, negators.contains(key), !afterNegator() {
                    v = Self.unresolvedNegatorValence
                    pendingNegators.append(sentiments.count)
                }
                recent = (sentiments.count, recent.0, recent.1)
                // A matched phrase is one unit: its words ("can't wait") neither negate nor boost what follows.
                previous = (index <= phraseEnd ? 0 : key, previous.0, previous.1)
                previousCaps = (token.flags.contains(.allCaps), previousCaps.0, previousCaps.1)
            case .emoji:
                v = lexicon.emoji[token.hash] ?? 0
            case .emoticon:
                v = lexicon.emoticons[token.hash] ?? 0
            default:
                break
            }
            // A condition is not an assertion ("if it's good", "si c'est bien"): the rest of the sentence counts less.
            if v != 0, conditionalSentence == token.sentence { v *= Self.conditionalDamping }
            if token.kind == .word, Self.conditionals.contains(token.hash) { conditionalSentence = token.sentence }
            // A question asks about a quality rather than asserting it ("is it good?").
            if v != 0, Int(token.sentence) < text.sentenceIsQuestion.count, text.sentenceIsQuestion[Int(token.sentence)]
            {
                v *= Self.questionDamping
            }
            sentiments.append(v)
        }
        if contrastIndex >= 0 {
            for i in sentiments.indices {
                if i < contrastIndex { sentiments[i] *= 0.5 } else if i > contrastIndex { sentiments[i] *= 1.5 }
            }
        }
        var lexical: Float = 0
        for s in sentiments { lexical += s }
        func squash(_ raw: Float) -> Double {
            var sum = raw
            if sum != 0 {
                let exclamation = Float(min(text.exclamationCount, 4)) * 0.292
                var question: Float = 0
                if text.questionCount > 1 {
                    question = text.questionCount <= 3 ? Float(text.questionCount) * 0.18 : 0.96
                }
                sum += sum > 0 ? exclamation + question : -(exclamation + question)
            }
            let compound = Double(sum) / (Double(sum * sum) + 15).squareRoot()
            return max(-1, min(1, compound))
        }
        let plain = squash(lexical)
        return (plain, extraValence == 0 ? plain : squash(lexical + extraValence))
    }
}
