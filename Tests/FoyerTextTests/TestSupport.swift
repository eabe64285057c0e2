import Foundation
import Testing

@testable import FoyerText

/// One analyser for every test: resources load once per process.
let analyzer = TextAnalyzer()

/// Lines of a fixture in `Tests/FoyerTextTests/Fixtures/`, without comments and blank lines.
func fixtureLines(_ name: String) throws -> [String] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

/// Learns a word model of `kind` twice, for 100 iterations, from twenty rounds of `examples(i)`; expects the same file
/// both times (learning is deterministic) and returns it with its weights by feature name.
func learnedTwice(_ kind: WordModel.Kind, _ examples: (Int) -> [WordModel.Example]) -> (
    file: String, weights: [String: Float]
) {
    let all = (0..<20).flatMap(examples)
    let file = WordModel.learn(all, for: kind, iterations: 100)
    #expect(WordModel.learn(all, for: kind, iterations: 100) == file)
    var weights: [String: Float] = [:]
    for line in file.split(separator: "\n") where !line.hasPrefix("#") {
        let f = line.split(separator: "\t", maxSplits: 1)
        weights[String(f[1])] = Float(f[0])
    }
    return (file, weights)
}
