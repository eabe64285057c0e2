import Foundation
import FoyerCore

/// Why one row of an import file was refused, in words that name the field.
struct ImportRowError: Error, Equatable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// One message of an import file, with the fields of the generic webhook format: `id`, `text`, `author`
/// (`id`, `name`, `handle`, `url`), `thread`, `replyTo`, `kind`, `sentAt`, `url`, `subject`.
///
/// JSON Lines rows give them as a JSON object; CSV rows give them flattened, one column each
/// (``csvColumns``). Either way the row becomes an ``InboundItem`` or an ``ImportRowError`` naming the field.
struct ImportRow: Equatable, Sendable {
    enum Field: CaseIterable, Sendable {
        case id, text, authorID, authorName, authorHandle, authorURL, thread, replyTo, kind, sentAt, url, subject

        /// The name in JSON Lines (`author.id`) and the CSV column (`author_id`).
        var jsonName: String {
            switch self {
            case .id: "id"
            case .text: "text"
            case .authorID: "author.id"
            case .authorName: "author.name"
            case .authorHandle: "author.handle"
            case .authorURL: "author.url"
            case .thread: "thread"
            case .replyTo: "replyTo"
            case .kind: "kind"
            case .sentAt: "sentAt"
            case .url: "url"
            case .subject: "subject"
            }
        }

        var csvName: String {
            switch self {
            case .id: "id"
            case .text: "text"
            case .authorID: "author_id"
            case .authorName: "author_name"
            case .authorHandle: "author_handle"
            case .authorURL: "author_url"
            case .thread: "thread"
            case .replyTo: "reply_to"
            case .kind: "kind"
            case .sentAt: "sent_at"
            case .url: "url"
            case .subject: "subject"
            }
        }
    }

    enum Naming: Sendable { case json, csv }

    static let maximumIDLength = 512
    static let maximumNameLength = 200
    static let maximumURLLength = 2048
    static let maximumSubjectLength = 300
    static let maximumTextLength = 100_000

    /// The CSV header columns, in their documented order; `id`, `text` and `author_id` are required.
    static var csvColumns: [String] { Field.allCases.map(\.csvName) }

    var values: [Field: String]
    var naming: Naming

    // MARK: Reading rows

    /// A JSON Lines row: one JSON object. Unknown fields are refused so a typo (`txt`) is not imported silently.
    static func json(_ line: Data) throws(ImportRowError) -> ImportRow {
        let object: JSONField
        do {
            object = try JSONDecoder().decode(JSONField.self, from: line)
        } catch {
            throw ImportRowError("The line is not valid JSON.")
        }
        guard case .object(let fields) = object else {
            throw ImportRowError("The line must be a JSON object such as {\"id\": \"1\", \"text\": \"Hello\", …}.")
        }
        let topLevel: [String: Field] = [
            "id": .id, "text": .text, "thread": .thread, "replyTo": .replyTo, "kind": .kind, "sentAt": .sentAt,
            "url": .url, "subject": .subject,
        ]
        let authorFields: [String: Field] = [
            "id": .authorID, "name": .authorName, "handle": .authorHandle, "url": .authorURL,
        ]
        var values: [Field: String] = [:]
        for key in fields.keys.sorted() {
            let value = fields[key] ?? .null
            if key == "author" {
                if case .null = value { continue }
                guard case .object(let author) = value else {
                    throw ImportRowError("author must be an object such as {\"id\": \"42\", \"name\": \"Alice\"}.")
                }
                for authorKey in author.keys.sorted() {
                    guard let field = authorFields[authorKey] else {
                        throw ImportRowError(
                            "Unknown field author.\(authorKey.prefix(40)); author has id, name, handle and url.")
                    }
                    values[field] = try (author[authorKey] ?? .null).text(field)
                }
                continue
            }
            guard let field = topLevel[key] else {
                throw ImportRowError(
                    "Unknown field \(key.prefix(40)); use id, text, author, thread, replyTo, kind, sentAt, url, subject."
                )
            }
            values[field] = try value.text(field)
        }
        return ImportRow(values: values, naming: .json)
    }

    /// A CSV row, given the header's mapping from column position to field.
    static func csv(_ record: [String], columns: [Field?]) throws(ImportRowError) -> ImportRow {
        guard record.count == columns.count else {
            throw ImportRowError("The row has \(record.count) fields; the header has \(columns.count).")
        }
        var values: [Field: String] = [:]
        for (value, field) in zip(record, columns) {
            guard let field, !value.isEmpty else { continue }
            values[field] = value
        }
        return ImportRow(values: values, naming: .csv)
    }

    /// Maps a CSV header to fields; unknown columns are an error for the whole file.
    static func csvHeader(_ header: [String]) throws(ImportRowError) -> [Field?] {
        let byName = Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0.csvName, $0) })
        var seen: Set<String> = []
        let columns = try header.map { raw throws(ImportRowError) -> Field? in
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = byName[name] else {
                throw ImportRowError(
                    "Unknown column \"\(name.prefix(40))\"; the columns are \(csvColumns.joined(separator: ", ")).")
            }
            guard seen.insert(name).inserted else { throw ImportRowError("The column \"\(name)\" appears twice.") }
            return field
        }
        for required in [Field.id, .text, .authorID] where !columns.contains(required) {
            throw ImportRowError(
                "The header has no \"\(required.csvName)\" column; id, text and author_id are required.")
        }
        return columns
    }

    // MARK: Validating

    private func name(_ field: Field) -> String { naming == .json ? field.jsonName : field.csvName }

    private func value(_ field: Field) -> String? {
        guard let raw = values[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        return raw
    }

    private func required(_ field: Field, maximum: Int) throws(ImportRowError) -> String {
        guard let value = value(field) else { throw ImportRowError("\(name(field)) is required.") }
        return try limited(value, field, maximum: maximum)
    }

    private func limited(_ value: String, _ field: Field, maximum: Int) throws(ImportRowError) -> String {
        guard value.count <= maximum else {
            throw ImportRowError("\(name(field)) is longer than \(maximum) characters.")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        else { throw ImportRowError("\(name(field)) contains control characters.") }
        return value
    }

    private func optional(_ field: Field, maximum: Int) throws(ImportRowError) -> String? {
        guard let value = value(field) else { return nil }
        return try limited(value, field, maximum: maximum)
    }

    private func link(_ field: Field) throws(ImportRowError) -> String? {
        guard let value = try optional(field, maximum: Self.maximumURLLength) else { return nil }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            url.host != nil
        else { throw ImportRowError("\(name(field)) must be an http or https URL.") }
        return value
    }

    /// The row as an item, or the first problem found, naming its field.
    ///
    /// - Parameters:
    ///   - defaultSentAt: used when the row gives no date.
    ///   - parseDate: reads an ISO 8601 date, `nil` when it is not one.
    func item(defaultSentAt: Date, parseDate: (String) -> Date?) throws(ImportRowError) -> InboundItem {
        let id = try required(.id, maximum: Self.maximumIDLength)
        guard let text = value(.text) else { throw ImportRowError("\(name(.text)) is required.") }
        guard text.count <= Self.maximumTextLength else {
            throw ImportRowError("\(name(.text)) is longer than \(Self.maximumTextLength) characters.")
        }
        let authorID = try required(.authorID, maximum: Self.maximumIDLength)
        let authorName = try optional(.authorName, maximum: Self.maximumNameLength)
        let handle = try optional(.authorHandle, maximum: Self.maximumNameLength) ?? authorName ?? authorID
        let authorURL = try link(.authorURL)
        let thread = try optional(.thread, maximum: Self.maximumIDLength) ?? id
        let replyTo = try optional(.replyTo, maximum: Self.maximumIDLength)
        var kind = MessageKind.comment
        if let raw = value(.kind) {
            guard let parsed = MessageKind(rawValue: raw.lowercased()) else {
                let names = MessageKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ImportRowError("\(name(.kind)) \"\(raw.prefix(40))\" is not one of \(names).")
            }
            kind = parsed
        }
        var sentAt = defaultSentAt
        if let raw = value(.sentAt) {
            guard let date = parseDate(raw) else {
                throw ImportRowError(
                    "\(name(.sentAt)) \"\(raw.prefix(40))\" is not an ISO 8601 date such as 2026-03-01T09:30:00Z.")
            }
            sentAt = date
        }
        let url = try link(.url)
        let subject = value(.subject).map { String($0.prefix(Self.maximumSubjectLength)) }
        return InboundItem(
            externalID: id, threadID: thread, parentID: replyTo, kind: kind, direction: .inbound,
            author: InboundAuthor(externalID: authorID, handle: handle, displayName: authorName, profileURL: authorURL),
            body: text, sentAt: sentAt, url: url, subject: subject)
    }
}

/// Any JSON value, decoded strictly: a boolean never passes for a number or a string.
private enum JSONField: Decodable {
    case string(String)
    case number(String)
    case bool
    case null
    case array
    case object([String: JSONField])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if (try? container.decode(Bool.self)) != nil {
            self = .bool
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode([String: JSONField].self) {
            self = .object(value)
        } else {
            _ = try container.decode([JSONField].self)
            self = .array
        }
    }

    /// The value as text: strings as they are, numbers written out (ids are often numeric), null as absent.
    func text(_ field: ImportRow.Field) throws(ImportRowError) -> String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return value
        case .null: return nil
        case .bool, .array, .object: throw ImportRowError("\(field.jsonName) must be a string.")
        }
    }
}
