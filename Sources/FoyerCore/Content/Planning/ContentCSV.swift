import Foundation

/// The content stock as a CSV file a spreadsheet opens, and back.
///
/// Export writes RFC 4180: UTF-8 with a byte order mark (so Excel reads the accents), CRLF between rows,
/// cells quoted when they hold a delimiter, a quote or a line break (quotes doubled). Columns, in order:
/// `id, title, status, content_type, campaign, tags, evergreen_interval_days, evergreen_until,
/// evergreen_cap, body, notes`. Tags are separated by `|` (tags cannot hold commas, and `|` is neither
/// delimiter, so the cell reads the same in English and French spreadsheets); import also splits on `,`.
/// `evergreen_until` is ISO 8601 in UTC (`2026-12-31T00:00:00Z`), to the second.
///
/// Planned dates and channels are not columns: an item is scheduled as one publication per channel, which
/// a row could not say without ambiguity, and import creates or edits items, not publications.
///
/// Formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any
/// leading `'`) gets one more `'` in front, so a spreadsheet shows text instead of running a formula;
/// import removes exactly one `'` from such cells, so the text comes back unchanged.
public enum ContentCSV {
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma = ","
        case semicolon = ";"

        var scalar: Unicode.Scalar { self == .comma ? "," : ";" }
    }

    /// The largest file import reads.
    public static let maxFileBytes = 10 * 1024 * 1024

    /// The columns export writes, in order.
    public static let columns = [
        "id", "title", "status", "content_type", "campaign", "tags", "evergreen_interval_days", "evergreen_until",
        "evergreen_cap", "body", "notes",
    ]

    /// A row that became a draft.
    public struct ImportedRow: Sendable, Equatable {
        /// The line the row starts on (the header is line 1; a cell with line breaks spans several).
        public var line: Int
        /// The item to update; `nil` creates one.
        public var id: ContentItemID?
        /// Validated with ``ContentDraft/validated(types:)``.
        public var draft: ContentDraft

        public init(line: Int, id: ContentItemID?, draft: ContentDraft) {
            self.line = line
            self.id = id
            self.draft = draft
        }
    }

    /// A row that was not imported, and why.
    public struct RejectedRow: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        /// The column at fault, when there is one.
        public var field: String?
        public var message: String

        /// "Line 4: title: Enter a title."
        public var description: String { "Line \(line): \(field.map { "\($0): " } ?? "")\(message)" }

        public init(line: Int, field: String?, message: String) {
            self.line = line
            self.field = field
            self.message = message
        }
    }

    public struct ImportResult: Sendable, Equatable {
        public var rows: [ImportedRow]
        public var rejected: [RejectedRow]
        /// The delimiter the header used.
        public var delimiter: Delimiter
        /// Header cells that name no known column, as written (left aside, not an error).
        public var ignoredColumns: [String]
    }

    // MARK: Export

    /// The items as a CSV file: UTF-8 with a byte order mark, CRLF line ends.
    ///
    /// - Parameter delimiter: `,` by default; `;` for spreadsheets set up for French and other languages
    ///   with a decimal comma.
    public static func export(_ items: [ContentItem], delimiter: Delimiter = .comma) -> Data {
        var text = "\u{FEFF}" + columns.map { cell($0, delimiter) }.joined(separator: delimiter.rawValue) + "\r\n"
        for item in items {
            let values: [String] = [
                String(item.id.rawValue), item.title, item.status.rawValue, item.contentType, item.campaign ?? "",
                item.tags.joined(separator: "|"), item.evergreen.map { String($0.intervalDays) } ?? "",
                item.evergreen?.until.map { $0.formatted(.iso8601) } ?? "", item.evergreen?.cap.map(String.init) ?? "",
                item.body, item.notes,
            ]
            text += values.map { cell($0, delimiter) }.joined(separator: delimiter.rawValue) + "\r\n"
        }
        return Data(text.utf8)
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether the cell, past its leading `'`s, starts like a formula.
    private static func looksLikeFormula(_ value: Substring.UnicodeScalarView) -> Bool {
        guard let first = value.first(where: { $0 != "'" }) else { return false }
        return formulaStarts.contains(first)
    }

    static func cell(_ raw: String, _ delimiter: Delimiter) -> String {
        var value = raw
        if looksLikeFormula(Substring(raw).unicodeScalars) { value = "'" + value }
        // Quoted on either delimiter, so the cell survives a file re-saved with the other one.
        let needsQuotes = value.unicodeScalars.contains { ["\"", ",", ";", "\r", "\n"].contains($0) }
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    // MARK: Import

    private enum Column: CaseIterable {
        case id, title, status, contentType, campaign, tags, evergreenInterval, evergreenUntil, evergreenCap, body,
            notes

        /// Header names, lower-case without accents, spaces and dashes as `_`.
        var names: [String] {
            switch self {
            case .id: ["id", "identifiant"]
            case .title: ["title", "titre"]
            case .status: ["status", "statut", "etat"]
            case .contentType: ["content_type", "contenttype", "type", "type_de_contenu"]
            case .campaign: ["campaign", "campagne"]
            case .tags: ["tags", "etiquettes", "mots_cles"]
            case .evergreenInterval: ["evergreen_interval_days", "evergreen_interval", "intervalle_evergreen"]
            case .evergreenUntil: ["evergreen_until", "evergreen_fin", "fin_evergreen"]
            case .evergreenCap: ["evergreen_cap", "evergreen_max", "plafond_evergreen"]
            case .body: ["body", "text", "texte", "corps", "contenu"]
            case .notes: ["notes", "note", "remarques"]
            }
        }

        var field: String {
            switch self {
            case .id: "id"
            case .title: "title"
            case .status: "status"
            case .contentType: "contentType"
            case .campaign: "campaign"
            case .tags: "tags"
            case .evergreenInterval: "evergreenIntervalDays"
            case .evergreenUntil: "evergreenUntil"
            case .evergreenCap: "evergreenCap"
            case .body: "body"
            case .notes: "notes"
            }
        }
    }

    /// Reads a CSV file of items: `,` or `;` as delimiter (whichever the header uses more), with or without
    /// a byte order mark, CRLF or LF line ends, columns in any order under their English names or French
    /// ones (`titre`, `statut`, `type`, `campagne`, `étiquettes`, `texte`…); unknown columns are ignored.
    ///
    /// Each row is validated on its own: the valid ones come back as drafts (with the `id` to update when
    /// the row has one), the others with their line and reason. A status set by review or publishing
    /// (`approved`, `scheduled`, `published`) is not a move a person makes, so it reads as "keep the
    /// item's status", which also lets an exported file be imported back. Empty rows are skipped.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on `file` when the file is over 10 MB, is not
    ///   UTF-8, has no header naming a `title` column, names a column twice, or ends inside a quoted cell.
    public static func importing(_ data: Data, types: [ContentTypeDefinition]) throws -> ImportResult {
        guard data.count <= maxFileBytes else {
            throw DomainError.invalid(
                field: "file",
                message:
                    "The file is \(String(format: "%.1f", Double(data.count) / 1_048_576)) MB; import at most 10 MB at a time by splitting it."
            )
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw DomainError.invalid(
                field: "file",
                message:
                    "The file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\" and import it again.")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let delimiter = detectDelimiter(text)
        let records = try parse(text, delimiter: delimiter.scalar)
        guard let header = records.first,
            header.cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else {
            throw DomainError.invalid(
                field: "file",
                message: "The file is empty: the first row must name the columns, such as title and body.")
        }

        var positions: [Column: Int] = [:]
        var ignored: [String] = []
        for (index, raw) in header.cells.enumerated() {
            let name = normalisedHeader(raw)
            guard let column = Column.allCases.first(where: { $0.names.contains(name) }) else {
                if !name.isEmpty { ignored.append(raw.trimmingCharacters(in: .whitespaces)) }
                continue
            }
            guard positions[column] == nil else {
                throw DomainError.invalid(
                    field: "file",
                    message: "The header names the \(column.names[0]) column twice (\"\(raw.prefix(40))\"): keep one.")
            }
            positions[column] = index
        }
        guard positions[.title] != nil else {
            let found = header.cells.prefix(12).map { "\"\($0.prefix(30))\"" }.joined(separator: ", ")
            throw DomainError.invalid(
                field: "file",
                message:
                    "The first row must name the columns and include title (or titre); it has \(found). Separate the columns with commas or semicolons."
            )
        }

        var result = ImportResult(rows: [], rejected: [], delimiter: delimiter, ignoredColumns: ignored)
        for record in records.dropFirst() {
            let cells = record.cells.map(unprotect)
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            if cells.count > header.cells.count,
                cells[header.cells.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
            {
                result.rejected.append(
                    RejectedRow(
                        line: record.line, field: nil,
                        message:
                            "The row has \(cells.count) cells but the header has \(header.cells.count): put texts that contain a \(delimiter.rawValue) in double quotes."
                    ))
                continue
            }
            func value(_ column: Column) -> String? {
                guard let index = positions[column], index < cells.count else { return nil }
                return cells[index]
            }
            do {
                let (id, draft) = try row(value)
                result.rows.append(ImportedRow(line: record.line, id: id, draft: try draft.validated(types: types)))
            } catch DomainError.invalid(let field, let message) {
                result.rejected.append(RejectedRow(line: record.line, field: field, message: message))
            }
        }
        return result
    }

    private static func row(_ value: (Column) -> String?) throws -> (ContentItemID?, ContentDraft) {
        func trimmed(_ column: Column) -> String {
            value(column)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        func number(_ column: Column) throws -> Int? {
            let text = trimmed(column)
            guard !text.isEmpty else { return nil }
            guard let number = Int(text) else {
                throw DomainError.invalid(
                    field: column.field, message: "Write a whole number, not \"\(text.prefix(20))\".")
            }
            return number
        }
        var id: ContentItemID?
        let idText = trimmed(.id)
        if !idText.isEmpty {
            guard let parsed = ContentItemID(idText) else {
                throw DomainError.invalid(
                    field: "id",
                    message: "Use the id of an existing item (a whole number), or leave it empty to create one.")
            }
            id = parsed
        }
        var evergreen: EvergreenPolicy?
        let until = try date(trimmed(.evergreenUntil))
        let cap = try number(.evergreenCap)
        if let interval = try number(.evergreenInterval) {
            evergreen = EvergreenPolicy(intervalDays: interval, until: until, cap: cap)
        } else if until != nil || cap != nil {
            throw DomainError.invalid(
                field: "evergreenIntervalDays",
                message:
                    "Give evergreen_interval_days to make the item evergreen, or leave evergreen_until and evergreen_cap empty."
            )
        }
        let tags = (value(.tags) ?? "").split(whereSeparator: { $0 == "|" || $0 == "," }).map(String.init)
        let campaign = trimmed(.campaign)
        let draft = ContentDraft(
            title: value(.title) ?? "", body: value(.body) ?? "", status: try status(trimmed(.status)),
            contentType: value(.contentType).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                ?? ContentTypeDefinition.defaultKey,
            campaign: campaign.isEmpty ? nil : campaign, tags: tags, evergreen: evergreen, notes: value(.notes) ?? "")
        return (id, draft)
    }

    /// A status a person may set, or `nil` to keep the item's (empty, or set by review and publishing).
    private static func status(_ text: String) throws -> ContentStatus? {
        let key = normalisedHeader(text)
        switch key {
        case "": return nil
        case "idea", "idee": return .idea
        case "draft", "brouillon": return .draft
        case "in_review", "review", "en_relecture", "relecture", "en_revue": return .inReview
        case "archived", "archive", "archivee": return .archived
        case "approved", "approuve", "approuvee", "scheduled", "planifie", "planifiee", "programme", "programmee",
            "published", "publie", "publiee":
            return nil
        default:
            throw DomainError.invalid(
                field: "status",
                message:
                    "Unknown status \"\(text.prefix(30))\". Use idea, draft, in_review or archived, or leave it empty.")
        }
    }

    /// ISO 8601 (`2026-12-31T00:00:00Z`, with any offset), or a day (`2026-12-31`, midnight UTC), or a day and
    /// time as spreadsheets rewrite them (`2026-12-31 08:00`, UTC).
    private static func date(_ text: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let parts = text.split(separator: " ")
        let dayParts = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        if parts.count <= 2, dayParts.count == 3,
            let day = LocalDay(year: dayParts[0], month: dayParts[1], day: dayParts[2])
        {
            let midnight = day.start(in: .gmt)
            guard parts.count == 2 else { return midnight }
            let time = parts[1].split(separator: ":").compactMap { Int($0) }
            if (2...3).contains(time.count), (0..<24).contains(time[0]), (0..<60).contains(time[1]),
                time.count == 2 || (0..<60).contains(time[2])
            {
                return midnight.addingTimeInterval(
                    TimeInterval(time[0] * 3600 + time[1] * 60 + (time.count == 3 ? time[2] : 0)))
            }
        }
        throw DomainError.invalid(
            field: "evergreenUntil",
            message: "Write the date as 2026-12-31 or 2026-12-31T08:00:00Z, not \"\(text.prefix(30))\".")
    }

    /// Removes the `'` export put in front of a formula-looking cell.
    private static func unprotect(_ cell: String) -> String {
        guard cell.unicodeScalars.first == "'", looksLikeFormula(Substring(cell).unicodeScalars) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }

    /// Lower-case, accents folded, spaces, dashes and apostrophes as `_`.
    private static func normalisedHeader(_ raw: String) -> String {
        let folded = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        return String(folded.lowercased().map { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" ? "_" : $0 })
    }

    /// `;` when the header row, outside quotes, has more semicolons than commas; `,` otherwise.
    private static func detectDelimiter(_ text: String) -> Delimiter {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
        }
        return semicolons > commas ? .semicolon : .comma
    }

    /// RFC 4180 records, each with the line it starts on. Lenient where spreadsheets are: a quote inside an
    /// unquoted cell is kept, text after a closing quote is appended, a lone CR ends a row.
    static func parse(_ text: String, delimiter: Unicode.Scalar) throws -> [(line: Int, cells: [String])] {
        var records: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var atCellStart = true
        var quoteLine = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func endRecord() {
            cells.append(String(cell))
            records.append((recordLine, cells))
            cells = []
            cell = String.UnicodeScalarView()
            atCellStart = true
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        cell.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" || (scalar == "\r" && (index == scalars.count || scalars[index] != "\n")) {
                        line += 1
                    }
                    cell.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atCellStart:
                quoted = true
                quoteLine = line
                atCellStart = false
            case delimiter:
                cells.append(String(cell))
                cell = String.UnicodeScalarView()
                atCellStart = true
            case "\r", "\n":
                if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                cell.append(scalar)
                atCellStart = false
            }
        }
        if quoted {
            throw DomainError.invalid(
                field: "file",
                message:
                    "The quoted cell that starts on line \(quoteLine) is never closed: add the missing double quote.")
        }
        if !cells.isEmpty || !cell.isEmpty { endRecord() }
        return records
    }
}
