import Foundation
import FoyerCore

/// A parsed JSON document, for reading hostile platform payloads field by field.
///
/// Platforms are loose with types (Discourse ids are numbers, Slack timestamps are strings that look like
/// numbers, some fields appear only sometimes), so connectors read what they need through the optional
/// accessors instead of decoding into strict structs, and report the missing field by name.
public enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `data`.
    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/protocolError`` when it is not JSON.
    public static func parse(_ data: Data, what: String = "The payload") throws -> JSONValue {
        guard let value = parseBytes(data) else { throw ConnectorError(.protocolError, "\(what) is not valid JSON.") }
        return value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The member `key` of an object; `nil` for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array; `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case let .array(elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The string, or `nil` for any other value.
    public var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The string, or a number written as text (`42`, `1.5`): for ids that some platforms send either way.
    public var stringOrNumber: String? {
        switch self {
        case let .string(value): value
        case let .integer(value): String(value)
        case let .number(value): value.isFinite ? String(value) : nil
        default: nil
        }
    }

    /// The integer, or a string holding one.
    public var int: Int64? {
        switch self {
        case let .integer(value): value
        case let .number(value) where value.rounded() == value && abs(value) < 9e15: Int64(value)
        case let .string(value): Int64(value)
        default: nil
        }
    }

    /// The number, or a string holding one.
    public var double: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .number(value): value
        case let .string(value): Double(value)
        default: nil
        }
    }

    public var bool: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    public var array: [JSONValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case let .object(value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// A non-empty string member, trimmed; `nil` when absent, empty or not a string.
    public func text(_ key: String) -> String? {
        guard let value = self[key]?.string.map(HotText.trimmed), !value.isEmpty
        else { return nil }
        return value
    }
}
