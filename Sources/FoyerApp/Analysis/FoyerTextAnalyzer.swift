import FoyerCore
import FoyerText

/// The production ``MessageAnalyzer``: FoyerText's offline analysis mapped onto ``MessageAnalysis``.
public struct FoyerTextAnalyzer: MessageAnalyzer {
    private let analyzer: TextAnalyzer

    public init() { analyzer = TextAnalyzer() }

    /// Problems met while loading FoyerText's bundled resources; empty in a correct build.
    public var resourceProblems: [String] { analyzer.resourceProblems }

    public func analyze(_ text: String) -> MessageAnalysis {
        let result = analyzer.analyze(text)
        return MessageAnalysis(
            language: result.language,
            languageConfidence: result.languageConfidence,
            sentiment: SentimentLabel(rawValue: result.sentiment.label.rawValue),
            sentimentScore: result.sentiment.score,
            toxicityScore: result.toxicity.score,
            toxic: result.toxicity.toxic,
            toxicityCategories: result.toxicity.categories.map(\.rawValue),
            spamScore: result.spam.score,
            spam: result.spam.spam,
            intents: result.intents.map(\.rawValue)
        )
    }
}
