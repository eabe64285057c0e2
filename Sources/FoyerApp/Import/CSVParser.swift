import Foundation

/// One record of a CSV file: its fields, the line it starts on (1-based), and what is wrong with it.
struct CSVRecord: Equatable, Sendable {
    var line: Int
    var fields: [String]
    /// Why the record cannot be used (an unclosed quote, invalid UTF-8, too long); `nil` when it is fine.
    var error: String?
}

/// An incremental RFC 4180 parser: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, line breaks and doubled quotes (`""`). Blank lines are skipped.
///
/// Fed byte by byte from chunks, it never holds more than one record; a record longer than
/// ``maximumRecordBytes`` is reported as an error instead of growing without bound (an unclosed quote would
/// otherwise swallow the rest of the file into memory).
struct CSVParser {
    static let maximumRecordBytes = 1024 * 1024

    private enum State {
        /// At the start of a field.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: the end of the field, or the first half of `""`.
        case quoteInQuoted
    }

    private var state = State.fieldStart
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var recordBytes = 0
    private var recordLine = 1
    private var line = 1
    private var error: String?
    /// A CR ended the last record; an LF right after it belongs to the same line break.
    private var afterCR = false
    /// Whether the current record has any byte at all (a blank line has none).
    private var started = false

    /// Parses `bytes`, calling `emit` for every record completed in them.
    mutating func consume(_ bytes: some Sequence<UInt8>, emit: (CSVRecord) throws -> Void) rethrows {
        for byte in bytes { try consume(byte, emit: emit) }
    }

    /// Ends the input: emits the last record if the file does not end with a line break.
    mutating func finish(emit: (CSVRecord) throws -> Void) rethrows {
        if state == .quoted {
            error = error ?? "A quoted field is not closed: a double quote is missing."
        }
        if started { try endRecord(emit: emit) }
    }

    private mutating func consume(_ byte: UInt8, emit: (CSVRecord) throws -> Void) rethrows {
        let quote: UInt8 = 0x22
        let comma: UInt8 = 0x2C
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
        if afterCR {
            afterCR = false
            // The line break was counted at the CR.
            if byte == lf { return }
        }
        if !started {
            started = true
            recordLine = line
        }
        switch state {
        case .fieldStart, .unquoted:
            switch byte {
            case quote where state == .fieldStart:
                state = .quoted
            case quote:
                error = error ?? "A double quote appears inside a field that is not quoted; quote the whole field."
                append(byte)
            case comma:
                endField()
            case cr:
                afterCR = true
                line += 1
                try endRecord(emit: emit)
            case lf:
                line += 1
                try endRecord(emit: emit)
            default:
                state = .unquoted
                append(byte)
            }
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                if byte == lf { line += 1 }
                append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case quote:
                append(quote)
                state = .quoted
            case comma:
                endField()
            case cr:
                afterCR = true
                line += 1
                try endRecord(emit: emit)
            case lf:
                line += 1
                try endRecord(emit: emit)
            default:
                error = error ?? "Text follows a closing double quote; write a quote inside a field as \"\"."
                state = .unquoted
                append(byte)
            }
        }
    }

    private mutating func append(_ byte: UInt8) {
        recordBytes += 1
        guard recordBytes <= Self.maximumRecordBytes else {
            error = error ?? "The row is longer than \(Self.maximumRecordBytes / 1024 / 1024) MiB (an unclosed quote?)."
            return
        }
        field.append(byte)
    }

    private mutating func endField() {
        if let text = String(bytes: field, encoding: .utf8) {
            fields.append(text)
        } else {
            error = error ?? "The row is not valid UTF-8; save the file as UTF-8."
            fields.append("")
        }
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRecord(emit: (CSVRecord) throws -> Void) rethrows {
        endField()
        let record = CSVRecord(line: recordLine, fields: fields, error: error)
        fields.removeAll(keepingCapacity: true)
        error = nil
        recordBytes = 0
        started = false
        // A blank line (one empty, unquoted field) is not a record.
        if record.fields == [""], record.error == nil { return }
        try emit(record)
    }
}
