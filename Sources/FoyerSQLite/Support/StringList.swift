import Foundation

/// Short lists of vocabulary words (intents, toxicity categories) stored as comma-separated text.
enum StringList {
    static func encode(_ values: [String]) -> String {
        values.map { $0.utf8.contains(44) ? $0.replacingOccurrences(of: ",", with: " ") : $0 }.filter { !$0.isEmpty }
            .joined(separator: ",")
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").map(String.init)
    }
}
