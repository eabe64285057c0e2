import Foundation
import FoyerCore

/// Lists stored as a JSON array in one column (follow-up texts, media ids), where any character may appear.
enum JSONColumn {
    static func encode(_ values: [String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: values), let text = String(data: data, encoding: .utf8) else {
            return "[]"
        }
        return text
    }

    static func decode(_ text: String?) -> [String] {
        guard let data = text?.data(using: .utf8),
            let values = try? JSONSerialization.jsonObject(with: data) as? [String]
        else { return [] }
        return values
    }

    static func encode<Entity>(ids: [Identifier<Entity>]) -> String {
        "[" + ids.map(\.description).joined(separator: ",") + "]"
    }

    static func decode<Entity>(ids text: String?) -> [Identifier<Entity>] {
        guard let data = text?.data(using: .utf8),
            let values = try? JSONSerialization.jsonObject(with: data) as? [NSNumber]
        else { return [] }
        return values.map { Identifier($0.int64Value) }
    }
}
