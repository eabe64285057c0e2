import Foundation

/// Reads the files bundled in `Resources/`. A missing file yields empty content and is recorded, so a broken
/// package degrades to "neutral, not toxic" instead of crashing a server; ``TextAnalyzer/resourceProblems``
/// exposes the list so a start-up check can refuse to run.
enum ResourceFiles {
    static func text(_ name: String) -> String? {
        // `.copy("Resources")` keeps the folder: files are at <bundle>/Resources/<name>. Where the bundle's
        // resource folder sits differs between platforms, so both places are tried.
        let bundle = Bundle.module
        for base in [bundle.bundleURL, bundle.resourceURL].compactMap({ $0 }) {
            let url = base.appendingPathComponent("Resources").appendingPathComponent(name)
            if let data = try? Data(contentsOf: url) { return String(decoding: data, as: UTF8.self) }
        }
        return nil
    }

    /// Lines of a bundled text file, without empty lines and `#` comments.
    static func lines(_ name: String, problems: inout [String]) -> [Substring] {
        guard let text = text(name) else {
            problems.append("missing resource \(name)")
            return []
        }
        return text.split(whereSeparator: \.isNewline).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// The key a single word gets in every table: the hash of its normalised form, as the tokenizer computes it.
    static func wordKey(_ word: some StringProtocol) -> UInt64? {
        let text = NormalizedText(String(word))
        let words = text.tokens.filter(\.isWord)
        guard words.count == 1 else { return nil }
        return words[0].hash
    }

    /// The words of a phrase as the tokenizer sees them ("fils de pute": three words).
    static func phraseWords(_ phrase: some StringProtocol) -> [Token] {
        NormalizedText(String(phrase)).tokens.filter(\.isWord)
    }

    /// The keys of a phrase: the hashes of its words, in order.
    static func phraseKeys(_ phrase: some StringProtocol) -> [UInt64] {
        phraseWords(phrase).map(\.hash)
    }

    /// Combined key of a sequence of word hashes (length 1 gives the word hash itself).
    static func combinedKey(_ keys: [UInt64]) -> UInt64 {
        var h = keys[0]
        for k in keys.dropFirst() { h = FNV.combine(h, k) }
        return h
    }
}
