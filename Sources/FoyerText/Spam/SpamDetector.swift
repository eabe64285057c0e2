import Foundation

/// Comment and message spam from surface signals: links, self-promotion ("check out my channel", "sub4sub"),
/// money and crypto scams, contact-me-elsewhere (WhatsApp, Telegram), SMS-style prize claims, phone numbers,
/// repeated text and shouting. A logistic squash of hand-set weights; see docs/TEXT-ANALYSIS.md.
struct SpamDetector: Sendable {
    static let bias: Float = -2.9

    func evaluate(_ hits: CueHits, text: NormalizedText) -> Spam {
        var z = Self.bias + min(hits[.spam], 6)
        if text.urlCount > 0 { z += 2.6 + Float(min(text.urlCount - 1, 2)) * 0.5 }
        if text.longestDigitRun >= 7 { z += 1.6 }  // phone numbers, codes
        if text.currencyCount > 0 { z += 0.6 }
        if text.isShouting { z += 0.6 }
        if text.exclamationCount >= 3 { z += 0.3 }
        z += repetitionEvidence(text)
        // Conversation, not broadcast: a question or a mention of someone tilts towards ham.
        if text.mentionCount > 0 && text.urlCount == 0 { z -= 0.6 }
        if text.wordCount <= 3 && text.urlCount == 0 { z -= 1.0 }
        let score = Double(1 / (1 + exp(-z)))
        return Spam(score: (score * 1000).rounded() / 1000, spam: score >= Spam.threshold)
    }

    /// The same word over and over ("buy buy buy buy", copy-pasted blocks): share of the most frequent long word.
    private func repetitionEvidence(_ text: NormalizedText) -> Float {
        guard text.wordCount >= 6 else { return 0 }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(text.wordCount)
        for token in text.tokens where token.isWord && token.foldedCount >= 3 { hashes.append(token.hash) }
        hashes.sort()
        var best = 0
        var run = 0
        for i in hashes.indices {
            run = i > 0 && hashes[i] == hashes[i - 1] ? run + 1 : 1
            if run > best { best = run }
        }
        let share = Float(best) / Float(text.wordCount)
        return best >= 4 && share >= 0.3 ? 1.2 : 0
    }
}
