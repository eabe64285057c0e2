/// Offline analysis of short messages: language, sentiment, toxicity, spam and intents, in one call.
///
/// ```swift
/// let analyzer = TextAnalyzer()
/// let result = analyzer.analyze("Ça plante à chaque fois, vous pouvez corriger ?")
/// result.language          // "fr"
/// result.intents           // [.bug, .complaint, .question]
/// ```
///
/// Guarantees:
/// - Pure Swift and Foundation; no network, no model download. Lexicons and models are bundled resources,
///   loaded once on first use and shared by every `TextAnalyzer` value (creating one is free).
/// - Deterministic: the same text gives the same result on every machine and run.
/// - Thread-safe: `TextAnalyzer` is `Sendable`; call it from any number of tasks at once.
/// - Bounded: very long texts are analysed on their first 20,000 Unicode scalars.
public struct TextAnalyzer: Sendable {
    private let resources: AnalyzerResources

    /// Creates an analyser. The first call in a process loads the resources (a few tens of milliseconds).
    public init() {
        resources = AnalyzerResources.shared
    }

    /// Problems met while loading the bundled resources; empty in a correct build. A service can refuse to
    /// start when this is not empty.
    public var resourceProblems: [String] { resources.problems }

    /// Analyses one message.
    /// - Parameters:
    ///   - text: the message, any length, any language.
    ///   - language: the language when already known (skips detection, confidence 1); `nil` to detect it.
    public func analyze(_ text: String, language: Language? = nil) -> TextAnalysis {
        let (normalized, detected, confidence, hits) = read(text, language: language)
        // Insults and profanity darken the mood; VADER's English lexicon already scores them.
        let abuse =
            detected == .english
            ? 0 : -1.2 * Float(min(hits.count(.insult) + hits.count(.obscenity) + hits.count(.hate), 3))
        let (toneScore, sentimentScore) = SentimentAnalyzer(lexicon: resources.sentimentLexicon)
            .scores(normalized, language: detected, extraValence: abuse)
        // Toxicity reads the tone of the words alone, so that abuse does not count twice.
        let toxicity = ToxicityDetector().evaluate(
            hits, text: normalized, language: detected, sentiment: toneScore,
            wordModel: WordModel.Kind.toxicityModel(for: detected).map(resources.wordModel))
        let spam = SpamDetector().evaluate(
            hits, text: normalized, language: detected, negators: resources.sentimentLexicon.negators(for: detected),
            wordModel: WordModel.Kind.spam.languages.contains(detected) ? resources.spamWords : nil)
        let intents = IntentClassifier().classify(
            hits, text: normalized, sentiment: sentimentScore, toxic: toxicity.toxic)
        return TextAnalysis(
            language: detected.rawValue,
            languageConfidence: (confidence * 1000).rounded() / 1000,
            sentiment: Sentiment(score: (sentimentScore * 1000).rounded() / 1000, language: detected),
            toxicity: toxicity,
            spam: spam,
            intents: intents.sorted()
        )
    }

    /// The text normalised, its language and confidence, and its cue hits: what every analyser reads.
    private func read(_ text: String, language: Language?) -> (NormalizedText, Language, Double, CueHits) {
        let normalized = NormalizedText(text, emoticons: resources.sentimentLexicon.emoticons)
        let detected: Language
        let confidence: Double
        if let language {
            detected = language
            confidence = 1
        } else {
            (detected, confidence) = LanguageIdentifier(model: resources.languageModel).identify(normalized)
        }
        // Cues of every language apply when the language is unsure ("c0nnard va" is too short to place).
        let cueLanguage: Language? = detected == .undetermined || confidence < 0.8 ? nil : detected
        return (
            normalized, detected, confidence, CueHits(text: normalized, table: resources.cues, language: cueLanguage)
        )
    }

    /// The rules' log-odds for `text`, without the word model: what a word model of that kind learns on top of.
    /// Spam and the toxicity of the other languages read the detected language; French toxicity reads the text as
    /// French.
    func ruleEvidence(_ text: String, for kind: WordModel.Kind) -> Float {
        let (normalized, detected, _, hits) = read(text, language: kind == .frenchToxicity ? .french : nil)
        switch kind {
        case .spam:
            return SpamDetector().ruleEvidence(
                hits, text: normalized, negators: resources.sentimentLexicon.negators(for: detected))
        case .frenchToxicity, .toxicity:
            let toneScore = SentimentAnalyzer(lexicon: resources.sentimentLexicon)
                .scores(normalized, language: detected, extraValence: 0).plain
            return ToxicityDetector.ruleLogit(
                ToxicityDetector().ruleEvidence(hits, text: normalized, language: detected, sentiment: toneScore))
        }
    }

    /// Identifies the language only (cheaper than ``analyze(_:language:)``).
    public func identifyLanguage(_ text: String) -> (language: Language, confidence: Double) {
        let normalized = NormalizedText(text, emoticons: resources.sentimentLexicon.emoticons)
        return LanguageIdentifier(model: resources.languageModel).identify(normalized)
    }
}
