import Foundation

/// Character n-gram and word statistics per language, learned at load time from FoyerText's own training
/// text (`Resources/langid/<code>.txt`, written for the purpose).
///
/// Each word contributes byte n-grams (1 to 3 bytes, padded with spaces) of its lower-case form with accents,
/// and of its accent-free form when different, so "tres" and "très" both read as French. Words seen in the
/// training text also get a word log-probability, which is what makes two-word inputs decidable.
struct LanguageModel: Sendable {
    static let languageCount = Language.identifiable.count

    /// n-gram key → log-probabilities per language (lanes 0…6 in `Language.identifiable` order, lane 7 unused).
    let ngrams: FastMap<SIMD8<Float>>
    /// Log-probability of an n-gram unseen in a language.
    let ngramFloor: SIMD8<Float>
    /// Word hash → log-probabilities per language.
    let words: FastMap<SIMD8<Float>>
    let wordFloor: SIMD8<Float>

    init(problems: inout [String]) {
        let n = Self.languageCount
        var ngramCounts: [UInt32: [Float]] = [:]
        var ngramTotals = [Float](repeating: 0, count: n)
        var wordCounts: [UInt64: [Float]] = [:]
        var wordTotals = [Float](repeating: 0, count: n)
        for (li, language) in Language.identifiable.enumerated() {
            let lines = ResourceFiles.lines("langid/\(language.rawValue).txt", problems: &problems)
            for line in lines {
                let text = NormalizedText(String(line))
                for token in text.tokens where token.isWord {
                    wordCounts[token.hash, default: [Float](repeating: 0, count: n)][li] += 1
                    wordTotals[li] += 1
                    Self.forEachNgram(text.lowerBytes(of: token)) { key in
                        ngramCounts[key, default: [Float](repeating: 0, count: n)][li] += 1
                        ngramTotals[li] += 1
                    }
                    let folded = text.foldedBytes(of: token)
                    if !folded.elementsEqual(text.lowerBytes(of: token)) {
                        Self.forEachNgram(folded) { key in
                            ngramCounts[key, default: [Float](repeating: 0, count: n)][li] += 0.5
                            ngramTotals[li] += 0.5
                        }
                    }
                }
            }
        }
        let alpha: Float = 0.1
        var rows: [UInt64: SIMD8<Float>] = [:]
        let vocabulary = Float(ngramCounts.count)
        for (key, counts) in ngramCounts {
            var row = SIMD8<Float>(repeating: 0)
            for li in 0..<n { row[li] = log((counts[li] + alpha) / (ngramTotals[li] + alpha * vocabulary)) }
            rows[UInt64(key)] = row
        }
        ngrams = FastMap(rows)
        var floor = SIMD8<Float>(repeating: 0)
        for li in 0..<n { floor[li] = log(alpha / (ngramTotals[li] + alpha * vocabulary)) }
        ngramFloor = floor

        let wordAlpha: Float = 0.05
        var wRows: [UInt64: SIMD8<Float>] = [:]
        let wordVocabulary = Float(wordCounts.count)
        for (key, counts) in wordCounts {
            var row = SIMD8<Float>(repeating: 0)
            for li in 0..<n { row[li] = log((counts[li] + wordAlpha) / (wordTotals[li] + wordAlpha * wordVocabulary)) }
            wRows[key] = row
        }
        words = FastMap(wRows)
        var wFloor = SIMD8<Float>(repeating: 0)
        for li in 0..<n { wFloor[li] = log(wordAlpha / (wordTotals[li] + wordAlpha * wordVocabulary)) }
        wordFloor = wFloor
    }

    /// Calls `body` with the key of every 1-, 2- and 3-byte n-gram of " word ".
    @inline(__always)
    static func forEachNgram(_ bytes: ArraySlice<UInt8>, _ body: (UInt32) -> Void) {
        var b1: UInt32 = 0x20
        var b2: UInt32 = 0x20
        var first = true
        for byte in bytes {
            let b = UInt32(byte)
            body((1 << 24) | b)
            body((2 << 24) | (b1 << 8) | b)
            if !first { body((3 << 24) | (b2 << 16) | (b1 << 8) | b) }
            b2 = b1
            b1 = b
            first = false
        }
        body((2 << 24) | (b1 << 8) | 0x20)
        body((3 << 24) | (b2 << 16) | (b1 << 8) | 0x20)
    }
}
