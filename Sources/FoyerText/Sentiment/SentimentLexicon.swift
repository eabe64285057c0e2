import Foundation

/// Valences, negators, boosters and contrast words per language, plus emoji and emoticon valences.
///
/// English: the VADER lexicon and emoji lexicon. French: the French VADER lexicon, then textblob-fr adjectives
/// for the words it lacks. Every language: FoyerText's own lists (`sentiment.tsv`).
struct SentimentLexicon: Sendable {
    let valence: [FastMap<Float>]
    let negators: [FastMap<Bool>]
    let boosters: [FastMap<Float>]
    let contrast: [FastMap<Bool>]
    /// Multi-word expressions whose meaning is not the sum of their words ("thanks for nothing", "not bad",
    /// "merci pour rien", "pas terrible"): the longest phrase length by first word, and the valence by the
    /// combined key of the phrase's words.
    let phraseLength: [FastMap<Int>]
    let phraseValence: [FastMap<Float>]
    /// Union of every language's negators, used when the language is unknown.
    let anyNegator: FastMap<Bool>
    /// Emoji valence by scalar value.
    let emoji: FastMap<Float>
    let emoticons: [UInt64: Float]

    /// The negators of `language`; of every language when it is undetermined (Portuguese "no" is "in the").
    func negators(for language: Language) -> FastMap<Bool> {
        language.tableIndex.map { negators[$0] } ?? anyNegator
    }

    init(problems: inout [String]) {
        let n = Language.identifiable.count
        var valence = [[UInt64: Float]](repeating: [:], count: n)
        var negators = [Set<UInt64>](repeating: [], count: n)
        var boosters = [[UInt64: Float]](repeating: [:], count: n)
        var contrast = [Set<UInt64>](repeating: [], count: n)
        var phraseLength = [[UInt64: Int]](repeating: [:], count: n)
        var phraseValence = [[UInt64: Float]](repeating: [:], count: n)
        var emoticons: [UInt64: Float] = [:]

        func addValence(_ term: Substring, _ value: Float, lang: Int) {
            // Emoticons such as "d:" or ":p" hold letters; only entries made of letters are words.
            let isWord = term.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || $0 == "'" || $0 == "-" || $0 == "’"
            }
            if isWord, let key = ResourceFiles.wordKey(term) {
                valence[lang][key] = value
            } else if !isWord, !term.contains(" "), term.unicodeScalars.allSatisfy({ $0.value < 0x80 }) {
                emoticons[FNV.hash(bytes: term.utf8)] = value
            }
        }

        // VADER English: "word<TAB>mean<TAB>sd<TAB>ratings".
        for line in ResourceFiles.lines("vader_lexicon.txt", problems: &problems) {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2, let v = Float(fields[1]) else { continue }
            addValence(fields[0], v, lang: 0)
        }
        // French VADER: "word->valence".
        for line in ResourceFiles.lines("vader_fr_lexicon.txt", problems: &problems) {
            guard let arrow = line.range(of: "->", options: .backwards) else { continue }
            guard let v = Float(line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)) else { continue }
            addValence(line[..<arrow.lowerBound], v, lang: 1)
        }
        // textblob-fr: `<word form="…" … polarity="…" …/>`; polarity -1…1, scaled to VADER's range.
        for line in ResourceFiles.lines("textblob_fr_sentiment.xml", problems: &problems) {
            guard let form = Self.attribute("form", in: line), let p = Self.attribute("polarity", in: line),
                let polarity = Float(p), abs(polarity) >= 0.1,
                let subjectivity = Self.attribute("subjectivity", in: line).flatMap({ Float($0) }),
                abs(subjectivity) >= Self.minimumSubjectivity, let key = ResourceFiles.wordKey(form),
                valence[1][key] == nil
            else { continue }
            valence[1][key] = polarity * 3
        }
        // FoyerText's own lists override the above; emoji overrides are applied after the emoji lexicon.
        var emojiOverrides: [UInt32: Float] = [:]
        for line in ResourceFiles.lines("sentiment.tsv", problems: &problems) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count == 4, f[1] == "emoji", let value = Float(f[3]), let scalar = f[2].unicodeScalars.first {
                emojiOverrides[scalar.value] = value
                continue
            }
            guard f.count == 4, let lang = Language(code: String(f[0]))?.tableIndex, let value = Float(f[3]) else {
                continue
            }
            if f[1] == "val" {
                let keys = ResourceFiles.phraseKeys(f[2])
                if keys.count > 1 {
                    phraseValence[lang][ResourceFiles.combinedKey(keys)] = value
                    phraseLength[lang][keys[0]] = max(phraseLength[lang][keys[0]] ?? 0, keys.count)
                    continue
                }
            }
            guard let key = ResourceFiles.wordKey(f[2]) else { continue }
            switch f[1] {
            case "val": valence[lang][key] = value
            case "neg": negators[lang].insert(key)
            case "boost": boosters[lang][key] = value
            case "but": contrast[lang].insert(key)
            default: break
            }
        }
        // Emoji: VADER describes each emoji in words; its valence is the sum of those words' valences.
        var emoji: [UInt32: Float] = [:]
        for line in ResourceFiles.lines("emoji_utf8_lexicon.txt", problems: &problems) {
            let f = line.split(separator: "\t", maxSplits: 1)
            guard f.count == 2 else { continue }
            let scalars = f[0].unicodeScalars.filter { $0.value != 0xFE0F }
            guard scalars.count == 1, let scalar = scalars.first else { continue }
            var sum: Float = 0
            for word in f[1].split(separator: " ") {
                if let key = ResourceFiles.wordKey(word), let v = valence[0][key] { sum += v }
            }
            if sum != 0 { emoji[scalar.value] = max(-3.5, min(3.5, sum)) }
        }
        emoji.merge(emojiOverrides) { _, own in own }
        self.valence = valence.map { FastMap($0) }
        self.negators = negators.map { FastMap(Dictionary(uniqueKeysWithValues: $0.map { ($0, true) })) }
        self.boosters = boosters.map { FastMap($0) }
        self.contrast = contrast.map { FastMap(Dictionary(uniqueKeysWithValues: $0.map { ($0, true) })) }
        self.phraseLength = phraseLength.map { FastMap($0) }
        self.phraseValence = phraseValence.map { FastMap($0) }
        let allNegators = negators.reduce(into: Set<UInt64>()) { $0.formUnion($1) }
        self.anyNegator = FastMap(Dictionary(uniqueKeysWithValues: allNegators.map { ($0, true) }))
        self.emoji = FastMap(Dictionary(uniqueKeysWithValues: emoji.map { (UInt64($0.key), $0.value) }))
        self.emoticons = emoticons
    }

    /// textblob-fr adjectives less subjective than this are descriptive ("premier", "grand", "long", "tout")
    /// and carry no sentiment.
    static let minimumSubjectivity: Float = 0.3

    private static func attribute(_ name: String, in line: Substring) -> Substring? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return rest[..<end]
    }
}
