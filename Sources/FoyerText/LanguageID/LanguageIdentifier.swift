import Foundation

/// Naive-Bayes language identification over words and character n-grams (see ``LanguageModel``), with
/// `und` for texts without enough letters or without a clear winner.
struct LanguageIdentifier: Sendable {
    let model: LanguageModel

    /// Below this posterior the answer is `und`.
    static let minimumConfidence = 0.5
    /// Weight of the word log-probability relative to the n-grams of that word.
    static let wordWeight: Float = 1.0

    func identify(_ text: NormalizedText) -> (Language, Double) {
        let n = LanguageModel.languageCount
        var scores = SIMD8<Float>(repeating: 0)
        var letters = 0
        var words = 0
        let model = self.model
        for token in text.tokens where token.isWord {
            if token.flags.contains(.hasDigit) { continue }
            let weight: Float = token.flags.contains(.hashtag) ? 0.3 : 1
            words += 1
            letters += Int(token.foldedCount)
            var wordScore = model.words[token.hash] ?? model.wordFloor
            wordScore *= Self.wordWeight
            LanguageModel.forEachNgram(text.lowerBytes(of: token)) { key in
                wordScore += model.ngrams[UInt64(key)] ?? model.ngramFloor
            }
            scores += wordScore * weight
        }
        guard words > 0, letters >= 3 else { return (.undetermined, 0) }
        // Mostly another script (Russian, Greek, Arabic, Japanese…): none of the seven Latin-script languages.
        if text.nonLatinLetterCount * 2 > text.letterCount { return (.undetermined, 0) }
        // Posterior with a temperature so that confidence grows with evidence instead of jumping to 1.
        var best = 0
        for li in 1..<n where scores[li] > scores[best] { best = li }
        let temperature: Float = 4
        var total: Double = 0
        for li in 0..<n { total += Double(exp((scores[li] - scores[best]) / temperature)) }
        // A handful of letters ("tg fdp") is thin evidence whatever the scores say.
        let confidence = letters < 8 ? min(1 / total, 0.75) : 1 / total
        guard confidence >= Self.minimumConfidence else { return (.undetermined, confidence) }
        return (Language.identifiable[best], confidence)
    }
}
