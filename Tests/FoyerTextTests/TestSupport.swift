import Foundation

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
