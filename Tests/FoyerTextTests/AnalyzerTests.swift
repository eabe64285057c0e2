import Foundation
import Testing

@testable import FoyerText

@Suite("Analyzer")
struct AnalyzerTests {
    @Test func resourcesLoadWithoutProblems() {
        #expect(analyzer.resourceProblems.isEmpty)
    }

    @Test func deterministicAcrossCallsAndTasks() async {
        let text = "Pourquoi l'appli plante encore ?? C'est nul 😡"
        let first = analyzer.analyze(text)
        let results = await withTaskGroup(of: TextAnalysis.self) { group in
            for _ in 0..<16 { group.addTask { TextAnalyzer().analyze(text) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == first })
    }

    @Test func emptyAndHugeInputs() {
        let empty = analyzer.analyze("")
        #expect(empty.language == "und")
        #expect(empty.sentiment.label == .neutral)
        #expect(!empty.toxicity.toxic && !empty.spam.spam && empty.intents.isEmpty)
        let huge = analyzer.analyze(String(repeating: "Le service est vraiment excellent. ", count: 20_000))
        #expect(huge.language == "fr")
        #expect(huge.sentiment.label == .positive)
    }

    @Test func mixedLanguageMessage() {
        let result = analyzer.analyze("Merci beaucoup for the help, c'est génial !")
        #expect(result.sentiment.label == .positive)
        #expect(["fr", "en", "und"].contains(result.language))
    }

    @Test func encodesWithTheIssueFieldNames() throws {
        let data = try JSONEncoder().encode(analyzer.analyze("You idiot"))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["language", "languageConfidence", "sentiment", "toxicity", "spam", "intents"])
    }
}
