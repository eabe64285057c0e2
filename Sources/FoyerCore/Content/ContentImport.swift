import Foundation

/// How many items an import created and updated (or would, on a dry run).
public struct ContentImportCounts: Sendable, Equatable {
    public var created: Int
    public var updated: Int

    public init(created: Int, updated: Int) {
        self.created = created
        self.updated = updated
    }
}

/// What importing a CSV file of content items did, or would do on a dry run.
///
/// An import is all or nothing: when a row is rejected, no row is stored, so fixing the file and importing
/// it again never makes an item twice.
public struct ContentImportReport: Sendable, Equatable {
    /// The rows that are (or would be) created and updated.
    public var counts: ContentImportCounts
    /// In line order.
    public var rejected: [ContentCSV.RejectedRow]
    public var ignoredColumns: [String]
    public var delimiter: ContentCSV.Delimiter
    public var dryRun: Bool
    /// Whether the rows were stored: not on a dry run, and not when a row was rejected.
    public var applied: Bool

    public init(
        counts: ContentImportCounts, rejected: [ContentCSV.RejectedRow], ignoredColumns: [String],
        delimiter: ContentCSV.Delimiter, dryRun: Bool, applied: Bool
    ) {
        self.counts = counts
        self.rejected = rejected
        self.ignoredColumns = ignoredColumns
        self.delimiter = delimiter
        self.dryRun = dryRun
        self.applied = applied
    }
}

public enum ContentImport {
    /// The rows of a read file checked against the workspace: a row with an `id` must name one of the
    /// workspace's items (`existing`), and no two rows may change the same item. Rows that fail join the
    /// rejected ones, in line order.
    public static func check(_ result: ContentCSV.ImportResult, existing: Set<ContentItemID>) -> (
        rows: [ContentCSV.ImportedRow], rejected: [ContentCSV.RejectedRow]
    ) {
        var rows: [ContentCSV.ImportedRow] = []
        var rejected = result.rejected
        var changed = Set<ContentItemID>()
        for row in result.rows {
            guard let id = row.id else {
                rows.append(row)
                continue
            }
            guard existing.contains(id) else {
                rejected.append(
                    ContentCSV.RejectedRow(
                        line: row.line, field: "id",
                        message: "No content item of this workspace has this id. Empty the id cell to create a new item."))
                continue
            }
            guard changed.insert(id).inserted else {
                rejected.append(
                    ContentCSV.RejectedRow(
                        line: row.line, field: "id", message: "Another row changes the same item. Keep one row per item."))
                continue
            }
            rows.append(row)
        }
        rejected.sort { $0.line < $1.line }
        return (rows, rejected)
    }

    /// The counts the rows give: those with an id update, the others create.
    public static func counts(of rows: [ContentCSV.ImportedRow]) -> ContentImportCounts {
        let updates = rows.filter { $0.id != nil }.count
        return ContentImportCounts(created: rows.count - updates, updated: updates)
    }
}
