/// What text analysis found in a message. Fields stay `nil` until an analyser has run.
public struct MessageAnalysis: Codable, Sendable, Equatable {
    /// ISO 639-1 code (`en`, `fr`…) or `und`.
    public var language: String?
    public var languageConfidence: Double?
    public var sentiment: SentimentLabel?
    /// -1 (very negative) … 1 (very positive).
    public var sentimentScore: Double?
    /// 0 … 1.
    public var toxicityScore: Double?
    public var toxic: Bool?
    /// Any of `insult`, `hate`, `threat`, `obscenity`.
    public var toxicityCategories: [String]
    public var spamScore: Double?
    public var spam: Bool?
    /// Any of `complaint`, `question`, `praise`, `idea`, `bug`.
    public var intents: [String]

    public init(
        language: String? = nil, languageConfidence: Double? = nil, sentiment: SentimentLabel? = nil,
        sentimentScore: Double? = nil, toxicityScore: Double? = nil, toxic: Bool? = nil,
        toxicityCategories: [String] = [], spamScore: Double? = nil, spam: Bool? = nil, intents: [String] = []
    ) {
        self.language = language
        self.languageConfidence = languageConfidence
        self.sentiment = sentiment
        self.sentimentScore = sentimentScore
        self.toxicityScore = toxicityScore
        self.toxic = toxic
        self.toxicityCategories = toxicityCategories
        self.spamScore = spamScore
        self.spam = spam
        self.intents = intents
    }

    public static let none = MessageAnalysis()
}

public enum SentimentLabel: String, Codable, Sendable, CaseIterable {
    case negative, neutral, positive
}

/// Analyses message text (FoyerText in production). Pure and thread-safe.
public protocol MessageAnalyzer: Sendable {
    func analyze(_ text: String) -> MessageAnalysis
}
