import Foundation

/// Lexicon-based toxicity: insults, hate, threats and obscenity from FoyerText's own lists and LDNOOBW, matched
/// on whole words and phrases (never substrings, so "Scunthorpe", "assistant" or "concert" stay clean), on
/// de-elongated forms ("fuuuck") and on de-obfuscated chunks ("sh1t", "f*ck", "f.u.c.k", "i d i o t").
///
/// The evidence is summed and squashed: `score = 1 - exp(-evidence)`. An insult aimed at the reader ("you
/// idiot", "t'es con", "espèce de…") weighs more. In French, Spanish, German, Italian, Portuguese and Dutch a word
/// model learned on top of these rules (``WordModel``) adds its logit to the rules' log-odds,
/// `ruleLogitScale × (evidence - ln 2)`, and the score is the logistic of the sum; either way a message is toxic at
/// 0.5.
struct ToxicityDetector: Sendable {
    static let secondPersonBonus: Float = 0.45
    static let secondPersonWindow = 5
    /// Words between a predication ("he is a", "what a") and the insult it aims ("is a total clown").
    static let targetWindow = 4
    /// Words from the start of a report ("m'a traitée de", "called me") to the insult it reports.
    static let reportWindow = 6
    /// The rules' evidence as log-odds for the word model: the threshold evidence (ln 2, a score of 0.5) is even
    /// odds, and a single aimed insult (evidence ≈ 1.45) about 4.5 to 1.
    static let ruleLogitScale: Float = 2
    /// - Parameter wordModel: the toxicity word model of the message's language, if one was learned for it
    ///   (``WordModel/Kind/toxicityModel(for:)``); its shifted logit is added to the rules' log-odds.
    func evaluate(
        _ hits: CueHits, text: NormalizedText, language: Language, sentiment: Double, wordModel: WordModel?
    ) -> Toxicity {
        let evidence = ruleEvidence(hits, text: text, language: language, sentiment: sentiment)
        let score: Double
        if let wordModel {
            let z = Self.ruleLogit(evidence) + wordModel.logit(text, language: language)
            score = Double(1 / (1 + exp(-z)))
        } else {
            guard evidence > 0 else { return Toxicity(score: 0, toxic: false, categories: []) }
            score = Double(1 - exp(-evidence))
        }
        let toxic = score >= Toxicity.threshold
        // Categories explain a decision: a message below the threshold lists none.
        guard toxic else { return Toxicity(score: (score * 1000).rounded() / 1000, toxic: false, categories: []) }
        var categories: [Toxicity.Category] = []
        if hits[.insult] >= 0.45 { categories.append(.insult) }
        if hits[.hate] >= 0.45 { categories.append(.hate) }
        if hits[.threat] >= 0.45 { categories.append(.threat) }
        if hits[.obscenity] >= 0.3 { categories.append(.obscenity) }
        return Toxicity(score: (score * 1000).rounded() / 1000, toxic: toxic, categories: categories.sorted())
    }

    /// The rules' evidence as the log-odds the word model learns on top of.
    static func ruleLogit(_ evidence: Float) -> Float { ruleLogitScale * (evidence - log(2)) }

    /// The evidence of the cue lists and rules alone (0 for a message without any cue).
    func ruleEvidence(_ hits: CueHits, text: NormalizedText, language: Language, sentiment: Double) -> Float {
        let insult = hits[.insult]
        let hate = hits[.hate]
        let threat = hits[.threat]
        let obscenity = hits[.obscenity]
        var evidence = insult + hate + threat + obscenity
        guard evidence > 0 else { return 0 }
        // "you are not stupid", "t'es pas con": an insult right after a negator counts for little.
        if !hits.negatorPositions.isEmpty, insult > 0 {
            let negated = hits.toxicPositions.filter { p in
                p >= 0 && hits.negatorPositions.contains { p - $0 >= 1 && p - $0 <= 2 }
            }
            if negated.count == hits.toxicPositions.count { evidence *= 0.3 }
        }
        // "On m'a traitée de grosse vache", "he called me an idiot": every hit reports what someone else said, and the
        // writer addresses nobody before the report ("je te traite de…" is an insult), so nobody is attacked here.
        // "Le llamaron "negro de mierda" desde la grada", "la palabra "sudaca"": every hit is quoted and the writer
        // addresses nobody outside the quotation, so the words are reported or discussed, not aimed. Not in English,
        // where quoted lyrics and sayings the writer repeats are common on Twitter (measured on Davidson 2017,
        // MLMA and OffensEval: each lost real abuse with it; docs/TEXT-ANALYSIS.md, "Ninth round").
        if isReported(hits) || (language != .english && isQuoted(hits, text: text)) { return evidence * 0.3 }
        // Aimed at someone: an insult within a few words of "you".
        if insult > 0 || obscenity > 0 {
            var aimed = false
            outer: for p in hits.toxicPositions where p >= 0 {
                for q in hits.secondPersonPositions where abs(q - p) <= Self.secondPersonWindow {
                    aimed = true
                    break outer
                }
            }
            // "He is a troll", "what a clown", "bunch of losers": an insult as the predicate of a person.
            if !aimed {
                outer: for p in hits.insultPositions {
                    for q in hits.insultTargetPositions where p - q >= 1 && p - q <= Self.targetWindow {
                        aimed = true
                        break outer
                    }
                }
            }
            if aimed { evidence += Self.secondPersonBonus }
        }
        if text.isShouting { evidence += 0.15 }
        // A hostile tone towards someone makes a borderline word count ("you people are pathetic" vs "pathetic
        // weather").
        let addressed = !hits.secondPersonPositions.isEmpty || text.startsWithMention
        if sentiment <= -0.4 && addressed { evidence += 0.3 } else if sentiment < -0.3 { evidence += 0.1 }
        return evidence
    }

    /// Whether every toxicity hit is between quotation marks, the writer says something about the quotation (two
    /// words or more outside it), and no second-person word is outside it.
    private func isQuoted(_ hits: CueHits, text: NormalizedText) -> Bool {
        func quoted(_ p: Int) -> Bool { p >= 0 && text.tokens[p].flags.contains(.quoted) }
        guard hits.toxicPositions.allSatisfy(quoted), hits.secondPersonPositions.allSatisfy(quoted) else {
            return false
        }
        return text.tokens.lazy.filter { $0.isWord && !$0.flags.contains(.quoted) }.prefix(2).count == 2
    }

    /// Whether every toxicity hit follows the start of a report closely, with no second-person word before it.
    private func isReported(_ hits: CueHits) -> Bool {
        guard let firstReport = hits.reportPositions.first,
            !hits.secondPersonPositions.contains(where: { $0 < firstReport })
        else { return false }
        return hits.toxicPositions.allSatisfy { p in
            hits.reportPositions.contains { p - $0 >= 1 && p - $0 <= Self.reportWindow }
        }
    }
}
