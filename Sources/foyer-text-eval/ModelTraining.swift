import Foundation
import FoyerText

/// Learns FoyerText's word models from ship-ok data and FoyerText's own written messages, never from research-only
/// data, each from the messages in the languages it is applied to (``WordModel/Kind/languages``).
///
/// Spam (`Resources/spam_words.tsv`):
/// - spam: the own written comment-spam fixtures (×20) and the SMS Spam Collection's spam (CC BY 4.0);
/// - ham: the own fixtures' ordinary comments (×20), the own customer tweets, support messages and link shares
///   (×20), the own intents and abuse fixtures (customer messages and ordinary French, ×10), the own
///   language-identification texts of the seven languages, Davidson 2017 tweets (MIT), the VADER ground-truth
///   tweets and snippets (MIT), and the SMS Spam Collection's ham.
///
/// French toxicity (`Resources/toxicity_fr_words.tsv`), all own written French:
/// - abusive: the abusive lines of the French abuse fixtures;
/// - ordinary: their ordinary lines, the written French tweets, the French support messages, link shares, customer
///   messages and ordinary comments, and the French language-identification text.
///
/// Toxicity in Spanish, German, Italian, Portuguese and Dutch (`Resources/toxicity_words.tsv`), all own written text
/// in those languages, chosen the same way:
/// - abusive: the abusive lines of the multilingual abuse fixture;
/// - ordinary: its ordinary lines, the written posts and replies, the support messages, link shares and ordinary
///   comments, and the language-identification texts.
struct ModelTraining {
    let dataPath: String
    let fixturesPath: String
    let languageTextsPath: String

    func run(_ kind: WordModel.Kind, output: String) throws {
        var examples: [WordModel.Example] = []
        var counts: [String: Int] = [:]
        // It learns from messages in the languages it is applied to (short, undetermined ones are left out).
        let analyzer = TextAnalyzer()
        func add(_ text: String, positive: Bool, weight: Float, source: String) {
            guard !text.isEmpty, kind.languages.contains(analyzer.identifyLanguage(text).language) else { return }
            examples.append(.init(text: text, positive: positive, weight: weight))
            counts[source, default: 0] += 1
        }
        switch kind {
        case .spam: try addSpamExamples(add)
        case .frenchToxicity: try addFrenchToxicityExamples(add)
        case .toxicity: try addToxicityExamples(add)
        }
        for (source, n) in counts.sorted(by: { $0.key < $1.key }) { print("\(source): \(n) messages") }
        let content = WordModel.learn(examples, for: kind)
        try content.write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(output): \(content.split(separator: "\n").count - 3) features")
    }

    typealias Add = (_ text: String, _ positive: Bool, _ weight: Float, _ source: String) -> Void

    private func addSpamExamples(_ addExample: Add) throws {
        func add(_ text: String, spam: Bool, weight: Float, source: String) { addExample(text, spam, weight, source) }
        for file in ["spam_comments.tsv", "spam_comments_more.tsv"] {
            for (label, text) in try labelledLines(fixture(file)) {
                add(text, spam: label == "1", weight: 20, source: "own comment fixtures")
            }
        }
        for file in ["customer_tweets.tsv", "support_messages.tsv", "link_shares.tsv"] {
            for (_, text) in try labelledLines(fixture(file)) {
                add(text, spam: false, weight: 20, source: "own customer tweets, support messages and link shares")
            }
        }
        for line in try required(DataFiles.lines(fixture("intents.tsv")), fixture("intents.tsv"))
        where !line.hasPrefix("#") && !line.isEmpty {
            add(String(line.split(separator: "\t").last ?? ""), spam: false, weight: 10, source: "own intents")
        }
        for file in ["toxicity_en.tsv", "toxicity_fr.tsv"] {
            for (_, text) in try labelledLines(fixture(file)) {
                add(text, spam: false, weight: 10, source: "own abuse fixtures")
            }
        }
        for sentence in try languageTextSentences(WordModel.Kind.spam.languages) {
            add(sentence, spam: false, weight: 1, source: "own language texts")
        }
        let davidson = data("toxicity/davidson2017/labeled_data.csv")
        for row in try required(DataFiles.csv(davidson), davidson).dropFirst() where row.count >= 7 {
            add(row[6], spam: false, weight: 1, source: "davidson2017")
        }
        for file in ["tweets", "amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets"] {
            let path = data("sentiment/vader_hutto2014/\(file)_GroundTruth.txt")
            for line in try required(DataFiles.lines(path), path) {
                let f = line.split(separator: "\t", maxSplits: 2)
                if f.count == 3 { add(String(f[2]), spam: false, weight: 1, source: "vader ground truth") }
            }
        }
        let sms = data("spam/sms_spam_collection/SMSSpamCollection")
        for line in try required(DataFiles.lines(sms), sms) {
            let f = line.split(separator: "\t", maxSplits: 1)
            if f.count == 2 { add(String(f[1]), spam: f[0] == "spam", weight: 1, source: "sms spam collection") }
        }
    }

    private func addFrenchToxicityExamples(_ add: Add) throws {
        for file in ["toxicity_fr.tsv", "toxicity_fr_more.tsv"] {
            for (label, text) in try labelledLines(fixture(file)) {
                add(text, label == "1", 1, "own French abuse fixtures")
            }
        }
        for (_, text) in try labelledLines(fixture("tweets_fr.tsv")) { add(text, false, 1, "own French tweets") }
        // "language<TAB>text" and "language<TAB>intents<TAB>text" fixtures: their French lines.
        for file in ["support_messages.tsv", "link_shares.tsv", "intents.tsv"] {
            for (language, text) in try labelledLines(fixture(file)) where language == "fr" {
                add(String(text.split(separator: "\t").last ?? ""), false, 1, "own French customer messages")
            }
        }
        try addOrdinaryCommentsAndLanguageTexts(for: .frenchToxicity, add)
    }

    private func addToxicityExamples(_ add: Add) throws {
        // "language<TAB>label<TAB>text" lines.
        for (_, line) in try labelledLines(fixture("toxicity_multi.tsv")) {
            let f = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if f.count == 2 { add(f[1], f[0] == "1", 1, "own abuse fixture") }
        }
        for (_, line) in try labelledLines(fixture("posts_multi.tsv")) {
            add(String(line.split(separator: "\t").last ?? ""), false, 1, "own written posts and replies")
        }
        for file in ["support_messages.tsv", "link_shares.tsv"] {
            for (_, text) in try labelledLines(fixture(file)) {
                add(String(text.split(separator: "\t").last ?? ""), false, 1, "own support messages and link shares")
            }
        }
        try addOrdinaryCommentsAndLanguageTexts(for: .toxicity, add)
    }

    /// Ordinary text for a toxicity model: the own fixtures' ordinary comments and the language texts of its languages.
    private func addOrdinaryCommentsAndLanguageTexts(for kind: WordModel.Kind, _ add: Add) throws {
        for file in ["spam_comments.tsv", "spam_comments_more.tsv"] {
            for (label, text) in try labelledLines(fixture(file)) where label == "0" {
                add(text, false, 1, "own ordinary comments")
            }
        }
        for sentence in try languageTextSentences(kind.languages) { add(sentence, false, 1, "own language texts") }
    }

    private func fixture(_ name: String) -> String { (fixturesPath as NSString).appendingPathComponent(name) }
    private func data(_ name: String) -> String { (dataPath as NSString).appendingPathComponent(name) }

    private struct MissingFile: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot read \(path)" }
    }

    private func required<T>(_ value: T?, _ path: String) throws -> T {
        guard let value else { throw MissingFile(path: path) }
        return value
    }

    /// "label<TAB>text" lines of an own fixture, without comments.
    private func labelledLines(_ path: String) throws -> [(String, String)] {
        try required(DataFiles.lines(path), path).compactMap { line in
            guard !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { return nil }
            return (String(line[..<tab]), String(line[line.index(after: tab)...]))
        }
    }

    /// The sentences longer than 15 characters of the own language-identification texts of `languages`, in the
    /// order of their codes.
    private func languageTextSentences(_ languages: Set<Language>) throws -> [String] {
        try languages.map(\.rawValue).sorted().flatMap { code in
            let path = (languageTextsPath as NSString).appendingPathComponent("\(code).txt")
            return try required(DataFiles.lines(path), path).filter { !$0.hasPrefix("#") }
                .flatMap(sentences).filter { $0.count > 15 }
        }
    }

    /// Sentences of a paragraph, cut after ".", "!" or "?".
    private func sentences(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in line {
            current.append(c)
            if c == "." || c == "!" || c == "?" {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { result.append(rest) }
        return result
    }
}
