import Foundation
import FoyerCore
import GRDB

/// A stored value that does not fit its Swift type: the schema's CHECK constraints make this a bug.
struct StoredValueError: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "Unexpected stored value \(value.debugDescription) in column \(column)." }
}

extension Row {
    /// A string-backed enum stored in `column`.
    func decode<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        let raw: String = self[column] ?? ""
        guard let value = T(rawValue: raw) else { throw StoredValueError(column: column, value: raw) }
        return value
    }

    /// An optional string-backed enum stored in `column`.
    func decodeIfPresent<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T?
    where T.RawValue == String {
        guard let raw: String = self[column] else { return nil }
        guard let value = T(rawValue: raw) else { throw StoredValueError(column: column, value: raw) }
        return value
    }

    /// A typed identifier stored in `column`.
    func id<Entity>(_ column: String) -> Identifier<Entity> {
        Identifier(self[column] as Int64)
    }

    /// An optional typed identifier stored in `column`.
    func optionalID<Entity>(_ column: String) -> Identifier<Entity>? {
        (self[column] as Int64?).map { Identifier($0) }
    }

    /// A JSON object of strings stored as text in `column`.
    func stringDictionary(_ column: String) throws -> [String: String] {
        let text: String = self[column] ?? "{}"
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}

enum JSONText {
    /// A dictionary as JSON text with sorted keys.
    static func encode(_ dictionary: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(dictionary), as: UTF8.self)
    }
}
