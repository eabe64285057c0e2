/// Everything FoyerText says about one message. Plain values: `Sendable`, `Codable`, and encoded with the
/// field names of `foyer analyze` (`language`, `languageConfidence`, `sentiment`, `toxicity`, `spam`, `intents`).
public struct TextAnalysis: Sendable, Codable, Hashable {
    /// ISO 639-1 code of the detected (or given) language, or `"und"`.
    public var language: String
    /// Confidence in ``language`` between 0 and 1 (1 when the caller gave the language).
    public var languageConfidence: Double
    /// Overall mood of the message.
    public var sentiment: Sentiment
    /// How abusive the message is.
    public var toxicity: Toxicity
    /// How likely the message is spam.
    public var spam: Spam
    /// What the author is doing: asking, complaining, praising… Sorted by raw value, possibly empty.
    public var intents: [Intent]

    public init(
        language: String, languageConfidence: Double, sentiment: Sentiment, toxicity: Toxicity, spam: Spam,
        intents: [Intent]
    ) {
        self.language = language
        self.languageConfidence = languageConfidence
        self.sentiment = sentiment
        self.toxicity = toxicity
        self.spam = spam
        self.intents = intents
    }
}

/// Sentiment of a message: a label and a score in -1…1 (negative at or below the negative threshold of
/// ``Sentiment/thresholds(for:)``, positive at or above its positive threshold, neutral between).
public struct Sentiment: Sendable, Codable, Hashable {
    /// The three classes.
    public enum Label: String, Sendable, Codable, CaseIterable, Hashable {
        case negative, neutral, positive
    }

    /// English: scores at or below -0.125 are ``Label/negative``, at or above 0.375 ``Label/positive``. The band
    /// is asymmetric because negative opinions come in milder words than positive ones, while positive words
    /// are also used out of politeness; both cut-offs were chosen on the VADER ground-truth tweets.
    public static let negativeThreshold = 0.125
    public static let positiveThreshold = 0.375

    /// The neutral band per language: -0.125…0.375 in English (chosen on the VADER ground truth), -0.075…0.125
    /// in French (chosen on the UMSAB French training split, checked on its validation split), ±0.15 elsewhere,
    /// where smaller lexicons give smaller sums. See docs/TEXT-ANALYSIS.md.
    public static func thresholds(for language: Language) -> (negative: Double, positive: Double) {
        switch language {
        case .english, .undetermined: (negativeThreshold, positiveThreshold)
        case .french: (0.075, 0.125)
        default: (0.15, 0.15)
        }
    }

    public var label: Label
    /// -1 (very negative) … 1 (very positive).
    public var score: Double

    public init(label: Label, score: Double) {
        self.label = label
        self.score = score
    }

    /// Labels a score with the threshold of `language`.
    public init(score: Double, language: Language = .english) {
        let (negative, positive) = Self.thresholds(for: language)
        self.score = score
        self.label = score >= positive ? .positive : (score <= -negative ? .negative : .neutral)
    }
}

/// Abuse in a message: a score in 0…1, the decision at ``Toxicity/threshold``, and what kind of abuse.
public struct Toxicity: Sendable, Codable, Hashable {
    /// Kinds of abuse.
    public enum Category: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
        case insult, hate, threat, obscenity
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A message is ``toxic`` when ``score`` is at least this.
    public static let threshold = 0.5

    public var score: Double
    public var toxic: Bool
    /// Categories found, sorted by raw value; empty when nothing abusive was found.
    public var categories: [Category]

    public init(score: Double, toxic: Bool, categories: [Category]) {
        self.score = score
        self.toxic = toxic
        self.categories = categories
    }
}

/// Spam likelihood: a score in 0…1 and the decision at ``Spam/threshold``.
public struct Spam: Sendable, Codable, Hashable {
    /// A message is ``spam`` when ``score`` is at least this.
    public static let threshold = 0.5

    public var score: Double
    public var spam: Bool

    public init(score: Double, spam: Bool) {
        self.score = score
        self.spam = spam
    }
}

/// What a message does. Multi-label: a message can be a question and a complaint.
public enum Intent: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// Dissatisfaction with a product, a service or the community.
    case complaint
    /// Asks something.
    case question
    /// Thanks, congratulations, enthusiasm.
    case praise
    /// A suggestion or feature request.
    case idea
    /// Reports something broken: crash, error, "doesn't work".
    case bug

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
