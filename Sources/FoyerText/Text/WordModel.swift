import Foundation

/// A logistic model over words and adjacent word pairs, learned offline from ship-ok and own data by
/// `foyer-text-eval` (see ``WordModel/learn(_:for:iterations:l2:)``) and bundled as a resource file: one
/// `weight<TAB>feature` line per feature, a feature being one or two normalised words or the markers `<url>`,
/// `<mention>`, `<emoji>`, `<number>`. Each model is learned on top of hand-written rules and its logit is added to
/// their evidence: the spam model (``SpamDetector``) knows the vocabulary of self-promotion and scams beyond the
/// hand-written phrases ("would love your support", "dm me"); the toxicity models (``ToxicityDetector``; one for
/// French, one for Spanish, German, Italian, Portuguese and Dutch) know insults and attacks beyond the cue lists, and
/// casual profanity that attacks nobody.
public struct WordModel: Sendable {
    let weights: FastMap<Float>
    let bias: Float
    /// What the model decides, and so its shift (``Kind/shift(for:)``).
    let kind: Kind

    /// What a model decides, with its resource file and the rules it learns on top of.
    public enum Kind: Sendable {
        /// Comment and message spam, in the seven languages.
        case spam
        /// Abuse in French.
        case frenchToxicity
        /// Abuse in Spanish, German, Italian, Portuguese and Dutch: one model, as their words rarely coincide.
        case toxicity

        /// The file in `Resources/` the model is loaded from and `foyer-text-eval` writes.
        public var resource: String {
            switch self {
            case .spam: "spam_words.tsv"
            case .frenchToxicity: "toxicity_fr_words.tsv"
            case .toxicity: "toxicity_words.tsv"
            }
        }

        var command: String {
            switch self {
            case .spam: "--train-spam"
            case .frenchToxicity: "--train-toxicity-fr"
            case .toxicity: "--train-toxicity"
            }
        }

        var title: String {
            switch self {
            case .spam: "Spam word model"
            case .frenchToxicity: "French toxicity word model"
            case .toxicity: "Toxicity word model (Spanish, German, Italian, Portuguese, Dutch)"
            }
        }

        /// The languages the model learns from and is applied to. Spam: the seven, each with written ordinary
        /// comments on the ham side (without them it learned the language, not the spam: "hola", "minha" scored as
        /// spam); text whose language is undetermined is too short to say much and is left to the rules. Toxicity:
        /// the languages with written abuse to learn from; English is left to the rules (a model learned from
        /// written English replies did not carry over to real tweets; docs/TEXT-ANALYSIS.md, "Seventh round").
        public var languages: Set<Language> {
            switch self {
            case .spam: Set(Language.allCases).subtracting([.undetermined])
            case .frenchToxicity: [.french]
            case .toxicity: [.spanish, .german, .italian, .portuguese, .dutch]
            }
        }

        /// Added to the model's logit when it scores a message in `language`. Each model is learned with both classes
        /// weighed equally, which flags too much ordinary text; each shift is the largest of those compared that
        /// flags no more real ordinary text (tweets the model never learned from) than before the model
        /// (docs/TEXT-ANALYSIS.md: spam "Seventh round", French "Eighth round", the other languages "Ninth round";
        /// Dutch, without real tweets to check, takes -0.5 as three of the four others do).
        func shift(for language: Language) -> Float {
            switch self {
            case .spam: -1
            case .frenchToxicity: -0.5
            case .toxicity: language == .portuguese ? -1.5 : -0.5
            }
        }

        /// The kind of toxicity model for `language`, if one was learned for it.
        static func toxicityModel(for language: Language) -> Kind? {
            [Kind.frenchToxicity, .toxicity].first { $0.languages.contains(language) }
        }
    }

    /// A token that counts by its kind, not its text: a link, a mention, an emoji or emoticon, a word with digits.
    enum Marker: String {
        case url = "<url>", mention = "<mention>", emoji = "<emoji>", number = "<number>"

        init?(_ token: Token) {
            switch token.kind {
            case .word: if token.flags.contains(.hasDigit) { self = .number } else { return nil }
            case .url: self = .url
            case .mention: self = .mention
            case .emoji, .emoticon: self = .emoji
            case .number: self = .number
            }
        }

        /// The FNV hash of the marker's text, computed once.
        var key: UInt64 {
            switch self {
            case .url: Self.urlKey
            case .mention: Self.mentionKey
            case .emoji: Self.emojiKey
            case .number: Self.numberKey
            }
        }

        private static let urlKey = FNV.hash(bytes: Marker.url.rawValue.utf8)
        private static let mentionKey = FNV.hash(bytes: Marker.mention.rawValue.utf8)
        private static let emojiKey = FNV.hash(bytes: Marker.emoji.rawValue.utf8)
        private static let numberKey = FNV.hash(bytes: Marker.number.rawValue.utf8)
    }

    init(_ kind: Kind, problems: inout [String]) {
        var weights: [UInt64: Float] = [:]
        var bias: Float = 0
        for line in ResourceFiles.lines(kind.resource, problems: &problems) {
            let f = line.split(separator: "\t", maxSplits: 1)
            guard f.count == 2, let weight = Float(f[0]) else { continue }
            if f[1] == "<bias>" {
                bias = weight
            } else if let key = Self.key(of: f[1]) {
                weights[key] = weight
            } else {
                problems.append(
                    "\(kind.resource): cannot read the feature \"\(f[1])\"; regenerate it with foyer-text-eval \(kind.command)"
                )
            }
        }
        self.weights = FastMap(weights)
        self.bias = bias
        self.kind = kind
    }

    /// The model's log-odds for `text` in `language`, shifted (``Kind/shift(for:)``), before the rules' evidence. Each
    /// feature counts once, however often it occurs (a row of emoji or a repeated word is one piece of evidence;
    /// repetition has its own rule in ``SpamDetector``).
    func logit(_ text: NormalizedText, language: Language) -> Float {
        var z = bias + kind.shift(for: language)
        Self.forEachDistinctFeature(text) { z += weights[$0] ?? 0 }
        return z
    }

    /// Calls `body` once for each distinct feature key of `text` (in key order).
    @inline(__always)
    static func forEachDistinctFeature(_ text: NormalizedText, _ body: (UInt64) -> Void) {
        var keys: [UInt64] = []
        keys.reserveCapacity(text.tokens.count * 2)
        forEachFeature(text) { keys.append($0) }
        keys.sort()
        for (i, key) in keys.enumerated() where i == 0 || keys[i - 1] != key { body(key) }
    }

    /// The key of a feature as written in a model file: one or two space-separated parts.
    static func key(of feature: some StringProtocol) -> UInt64? {
        var keys: [UInt64] = []
        for part in feature.split(separator: " ") {
            guard let key = Marker(rawValue: String(part))?.key ?? ResourceFiles.wordKey(part) else { return nil }
            keys.append(key)
        }
        guard keys.count == 1 || keys.count == 2 else { return nil }
        return keys.count == 1 ? keys[0] : FNV.combine(keys[0], keys[1])
    }

    /// Calls `body` with the key of every feature of `text`, in order: each token, then the pair it forms with
    /// the token before it. Scoring and learning both read features through this one function.
    @inline(__always)
    static func forEachFeature(_ text: NormalizedText, _ body: (UInt64) -> Void) {
        var previous: UInt64 = 0
        var first = true
        for token in text.tokens {
            let key = unitKey(token)
            body(key)
            if !first { body(FNV.combine(previous, key)) }
            previous = key
            first = false
        }
    }

    @inline(__always)
    private static func unitKey(_ token: Token) -> UInt64 { Marker(token)?.key ?? token.hash }

    /// The text of every token of `text`, as `key(of:)` reads it back.
    private static func unitNames(_ text: NormalizedText) -> [String] {
        text.tokens.map { Marker($0)?.rawValue ?? String(decoding: text.foldedBytes(of: $0), as: UTF8.self) }
    }
}

extension WordModel {
    /// One training message: its text, whether it is what the model detects (spam, abuse), and how much it counts
    /// (an own, written message counts for several scraped ones).
    public struct Example: Sendable {
        public var text: String
        public var positive: Bool
        public var weight: Float

        public init(text: String, positive: Bool, weight: Float = 1) {
            self.text = text
            self.positive = positive
            self.weight = weight
        }
    }

    /// Learns a model and returns the content of its resource file.
    ///
    /// L2-regularised logistic regression with the rules' evidence as a fixed offset of each example's log-odds (so
    /// that the model learns what the rules miss), both classes weighted to the same total, full-batch gradient
    /// descent with AdaGrad steps; features seen in fewer than two messages are left out, and so are learned weights
    /// under 0.05 in size. No randomness: the same examples give the same file.
    public static func learn(_ examples: [Example], for kind: Kind, iterations: Int = 300, l2: Float = 1) -> String {
        // Features of every example, and their names (the first spelling met is kept).
        var names: [UInt64: String] = [:]
        var documentCount: [UInt64: Int] = [:]
        var rows: [[UInt64]] = []
        rows.reserveCapacity(examples.count)
        for example in examples {
            let text = NormalizedText(example.text)
            var keys: [UInt64] = []
            forEachFeature(text) { keys.append($0) }
            let units = unitNames(text)
            var featureNames: [String] = []
            for (i, unit) in units.enumerated() {
                featureNames.append(unit)
                if i > 0 { featureNames.append(units[i - 1] + " " + unit) }
            }
            for (key, name) in zip(keys, featureNames) where names[key] == nil { names[key] = name }
            var distinct: [UInt64] = []
            forEachDistinctFeature(text) { distinct.append($0) }
            for key in distinct { documentCount[key, default: 0] += 1 }
            rows.append(distinct)
        }
        // Dense indices for the features kept, in key order so that the result does not depend on hashing order.
        let kept = documentCount.filter { $0.value >= 2 }.keys.sorted()
        var index: [UInt64: Int] = [:]
        for (i, key) in kept.enumerated() { index[key] = i }
        let x: [[Int]] = rows.map { $0.compactMap { index[$0] } }
        // Class weights: both classes weigh the same in total.
        let positiveTotal = examples.filter(\.positive).reduce(Float(0)) { $0 + $1.weight }
        let negativeTotal = examples.filter { !$0.positive }.reduce(Float(0)) { $0 + $1.weight }
        let total = positiveTotal + negativeTotal
        let sampleWeight = examples.map { $0.weight * total / (2 * ($0.positive ? positiveTotal : negativeTotal)) }
        // The model learns on top of the rules: their evidence is a fixed part of each example's log-odds, so it
        // learns what the rules miss and does not count again what they already count (a link, an insult).
        let analyzer = TextAnalyzer()
        let offsets = examples.map { analyzer.ruleEvidence($0.text, for: kind) }

        var w = [Float](repeating: 0, count: kept.count)
        var b: Float = 0
        var squaredW = [Float](repeating: 1e-8, count: kept.count)
        var squaredB: Float = 1e-8
        let rate: Float = 0.5
        var gradient = [Float](repeating: 0, count: kept.count)
        for _ in 0..<iterations {
            for i in gradient.indices { gradient[i] = l2 * w[i] }
            var gradientB: Float = 0
            for (row, example) in zip(x.indices, examples) {
                var z = b + offsets[row]
                for j in x[row] { z += w[j] }
                let p = 1 / (1 + exp(-z))
                let g = sampleWeight[row] * (p - (example.positive ? 1 : 0))
                gradientB += g
                for j in x[row] { gradient[j] += g }
            }
            for i in w.indices {
                squaredW[i] += gradient[i] * gradient[i]
                w[i] -= rate * gradient[i] / squaredW[i].squareRoot()
            }
            squaredB += gradientB * gradientB
            b -= rate * gradientB / squaredB.squareRoot()
        }

        var lines = [
            "# \(kind.title) of FoyerText: weight<TAB>feature. Generated by `foyer-text-eval \(kind.command)`;",
            "# do not edit by hand. Learned from ship-ok data and FoyerText's own written messages (see NOTICE).",
            String(format: "%.3f\t<bias>", b),
        ]
        var features: [(String, Float)] = []
        for (i, key) in kept.enumerated() where abs(w[i]) >= 0.05 {
            guard let name = names[key], Self.key(of: name) == key else { continue }
            features.append((name, w[i]))
        }
        for (name, weight) in features.sorted(by: { $0.0 < $1.0 }) {
            lines.append(String(format: "%.3f\t", weight) + name)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
