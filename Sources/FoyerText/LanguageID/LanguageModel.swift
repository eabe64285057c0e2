import Foundation

/// Character n-gram and word statistics per language, learned at load time from FoyerText's own training
/// text (`Resources/langid/<code>.txt`, written for the purpose).
///
/// Each word contributes byte n-grams (1 to 3 bytes, padded with spaces) of its lower-case form with accents,
/// and of its accent-free form when different, so "tres" and "très" both read as French. Words seen in the
/// training text also get a word log-probability, which is what makes two-word inputs decidable.
struct LanguageModel: Sendable {
    static let languageCount = Language.identifiable.count

    /// n-gram key → row in `ngramLogProbabilities` (languageCount floats per row).
    let ngramRows: [UInt32: Int32]
    let ngramLogProbabilities: [Float]
    /// Log-probability of an n-gram unseen in a language.
    let ngramFloor: [Float]
    /// Word hash → row in `wordLogProbabilities`.
    let wordRows: [UInt64: Int32]
    let wordLogProbabilities: [Float]
    let wordFloor: [Float]

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
        var rows: [UInt32: Int32] = [:]
        var probabilities: [Float] = []
        let vocabulary = Float(ngramCounts.count)
        for (key, counts) in ngramCounts.sorted(by: { $0.key < $1.key }) {
            rows[key] = Int32(probabilities.count / n)
            for li in 0..<n {
                probabilities.append(log((counts[li] + alpha) / (ngramTotals[li] + alpha * vocabulary)))
            }
        }
        ngramRows = rows
        ngramLogProbabilities = probabilities
        ngramFloor = (0..<n).map { log(alpha / (ngramTotals[$0] + alpha * vocabulary)) }

        let wordAlpha: Float = 0.05
        var wRows: [UInt64: Int32] = [:]
        var wProbabilities: [Float] = []
        let wordVocabulary = Float(wordCounts.count)
        for (key, counts) in wordCounts.sorted(by: { $0.key < $1.key }) {
            wRows[key] = Int32(wProbabilities.count / n)
            for li in 0..<n {
                wProbabilities.append(log((counts[li] + wordAlpha) / (wordTotals[li] + wordAlpha * wordVocabulary)))
            }
        }
        wordRows = wRows
        wordLogProbabilities = wProbabilities
        wordFloor = (0..<n).map { log(wordAlpha / (wordTotals[$0] + wordAlpha * wordVocabulary)) }
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
