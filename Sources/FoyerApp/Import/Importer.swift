import Foundation
import FoyerCore

/// The formats `foyer import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// One JSON object per line.
    case jsonl
    /// RFC 4180 CSV with a header row naming the columns.
    case csv

    /// The format a file name suggests: `.csv` is CSV, anything else JSON Lines.
    static func guess(from path: String) -> ImportFormat {
        path.lowercased().hasSuffix(".csv") ? .csv : .jsonl
    }
}

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    /// Data rows read (the CSV header and blank lines are not rows).
    public var read = 0
    /// Rows stored as new messages (in a dry run: rows that would be offered to ingest).
    public var imported = 0
    /// Rows whose message was already stored for the channel.
    public var duplicates = 0
    /// Rows refused, each with its line number and reason.
    public var rejected = 0
}

/// A rejected row, as written to the `--report` file.
struct ImportRejection: Equatable, Sendable, Encodable {
    var line: Int
    var error: String
}

/// Streams an import file through validation and hands valid rows to `ingest` in batches.
///
/// Every row is checked on its own: a bad row is reported with its line number and the import goes on.
/// Valid rows go to `ingest` in batches of ``batchSize`` (the ingest pipeline deduplicates on the message id,
/// so importing the same file again stores nothing new).
struct Importer {
    /// Takes one batch and says how many items were new and how many were already there, for the batches it
    /// finished storing (a pipelined store may answer for the previous batch).
    typealias Ingest = ([InboundItem]) async throws -> (stored: Int, duplicates: Int)
    /// Finishes the batches still being stored, with their counts.
    typealias Finish = () async throws -> (stored: Int, duplicates: Int)

    var format: ImportFormat
    var batchSize = 1000
    /// The date of rows that give none.
    var now: Date

    private let dateFormatters: [ISO8601DateFormatter] = {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return [plain, fractional]
    }()

    init(format: ImportFormat, now: Date, batchSize: Int = 1000) {
        self.format = format
        self.now = now
        self.batchSize = max(1, batchSize)
    }

    /// Reads `source` to the end.
    ///
    /// - Parameters:
    ///   - ingest: stores a batch; `nil` for a dry run, which validates only.
    ///   - reject: called for each refused row, in file order.
    /// - Throws: ``ImportRowError`` when the file itself is unusable (a CSV header with an unknown column),
    ///   or what `ingest` throws.
    func run(
        _ source: inout ImportByteSource, ingest: Ingest?, finish: Finish? = nil,
        reject: (ImportRejection) throws -> Void
    ) async throws -> ImportSummary {
        var summary = ImportSummary()
        var batch: [InboundItem] = []
        // Rows are parsed synchronously per chunk, then the batches they filled are stored.
        var rows: [(line: Int, row: Result<ImportRow, ImportRowError>)] = []
        var csv = CSVParser()
        var lines = LineSplitter()
        var columns: [ImportRow.Field?]?
        var headerError: ImportRowError?

        func collectCSV(_ record: CSVRecord) {
            guard headerError == nil else { return }
            guard let header = columns else {
                do {
                    if let error = record.error { throw ImportRowError("The header row: \(error)") }
                    columns = try ImportRow.csvHeader(record.fields)
                } catch {
                    headerError = error as? ImportRowError ?? ImportRowError("The header row cannot be read.")
                }
                return
            }
            if let error = record.error {
                rows.append((record.line, .failure(ImportRowError(error))))
            } else {
                rows.append(
                    (
                        record.line,
                        Result { () throws(ImportRowError) in try ImportRow.csv(record.fields, columns: header) }
                    ))
            }
        }

        func collectLine(_ line: ImportLine) {
            guard !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || line.tooLong else { return }
            if line.tooLong {
                rows.append(
                    (
                        line.number,
                        .failure(
                            ImportRowError(
                                "The line is longer than \(LineSplitter.maximumLineBytes / 1024 / 1024) MiB."))
                    ))
            } else {
                rows.append((line.number, Result { () throws(ImportRowError) in try ImportRow.json(line.bytes) }))
            }
        }

        func drain() async throws {
            for (line, result) in rows {
                summary.read += 1
                do throws(ImportRowError) {
                    let row = try result.get()
                    batch.append(try row.item(defaultSentAt: now, parseDate: parseDate))
                } catch {
                    summary.rejected += 1
                    try reject(ImportRejection(line: line, error: error.message))
                }
                if batch.count >= batchSize { try await flush() }
            }
            rows.removeAll(keepingCapacity: true)
        }

        func flush() async throws {
            guard !batch.isEmpty else { return }
            if let ingest {
                let outcome = try await ingest(batch)
                summary.imported += outcome.stored
                summary.duplicates += outcome.duplicates
            } else {
                summary.imported += batch.count
            }
            batch.removeAll(keepingCapacity: true)
        }

        while let chunk = try source.read() {
            switch format {
            case .csv: csv.consume(chunk, emit: collectCSV)
            case .jsonl: lines.consume(chunk, emit: collectLine)
            }
            if let headerError { throw headerError }
            try await drain()
        }
        switch format {
        case .csv: csv.finish(emit: collectCSV)
        case .jsonl: lines.finish(emit: collectLine)
        }
        if let headerError { throw headerError }
        if format == .csv, columns == nil {
            throw ImportRowError("The file is empty: a CSV import needs a header row.")
        }
        try await drain()
        try await flush()
        if let finish {
            let outcome = try await finish()
            summary.imported += outcome.stored
            summary.duplicates += outcome.duplicates
        }
        return summary
    }

    private func parseDate(_ raw: String) -> Date? {
        for formatter in dateFormatters {
            if let date = formatter.date(from: raw) { return date }
        }
        return nil
    }
}
