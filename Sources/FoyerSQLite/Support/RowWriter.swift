import GRDB
import GRDBSQLite

/// A write statement run for many rows: once per row, or for an `INSERT`, `rows` rows per statement. Values are
/// bound and the statement stepped with SQLite's own calls.
///
/// Measured on bulk ingest (docs/PERFORMANCE.md): GRDB's `StatementArguments` (an array of existentials
/// converted to `DatabaseValue`s, then bound) and its bookkeeping around each execution cost as much as
/// SQLite's own work for some statements; and one `INSERT` of 200 rows costs SQLite much less than 200 of one
/// row (8,800 → 13,400 messages/s), even though it needs a statement journal (see `SQLiteDatabase`).
///
/// A failed statement throws GRDB's `DatabaseError`, so constraint errors map as everywhere else, and is left
/// ready for its next use; the caller's transaction decides what is kept.
struct RowWriter {
    /// Rows per multi-row `INSERT` on the ingest path (at most 25 parameters each, far below SQLite's 32,766).
    static let rowsPerInsert = 200

    /// The statement, or for an insert of several rows at a time, what comes before `VALUES`.
    let head: String
    /// Parameters per row, for an insert of several rows at a time.
    let columns: Int
    let rowsPerStatement: Int
    private let fullSQL: String

    /// A statement run once per row.
    init(_ sql: String) {
        head = sql
        columns = 0
        rowsPerStatement = 1
        fullSQL = sql
    }

    /// `head` (`INSERT INTO table (columns)`) followed by `VALUES` for `rows` rows at a time.
    init(_ head: String, columns: Int, rows: Int) {
        precondition(columns * rows <= 32_766, "SQLite binds at most 32,766 parameters")
        self.head = head
        self.columns = columns
        rowsPerStatement = rows
        fullSQL = Self.sql(head, columns: columns, rows: rows)
    }

    private static func sql(_ head: String, columns: Int, rows: Int) -> String {
        guard columns > 0 else { return head }
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return head + " VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
    }

    /// Runs the statement for each of `rows`, in order; `bind` adds every parameter's value of a row.
    func run<Rows: Collection>(
        _ rows: Rows, _ db: Database, bind: (inout StatementBindings, Rows.Element) -> Void
    ) throws {
        var start = rows.startIndex
        while start != rows.endIndex {
            let end = rows.index(start, offsetBy: rowsPerStatement, limitedBy: rows.endIndex) ?? rows.endIndex
            let count = rows.distance(from: start, to: end)
            let statement =
                count == rowsPerStatement
                ? try db.cachedStatement(sql: fullSQL)
                : try db.makeStatement(sql: Self.sql(head, columns: columns, rows: count))
            let handle = statement.sqliteStatement
            var bindings = StatementBindings(handle)
            for row in rows[start..<end] { bind(&bindings, row) }
            // Every parameter is bound on every run, so no value of a previous run is left to clear.
            precondition(
                bindings.count == sqlite3_bind_parameter_count(handle), "a row bound too few or too many values")
            let code = sqlite3_step(handle)
            let failure = code == SQLITE_DONE ? nil : db.stepFailure(code, sql: statement.sql)
            sqlite3_reset(handle)
            if let failure { throw failure }
            start = end
        }
    }
}

extension Database {
    /// GRDB's error for a statement that SQLite's own `sqlite3_step` refused with `code`; read before the
    /// statement is reset.
    func stepFailure(_ code: CInt, sql: String) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)),
            sql: sql)
    }
}

/// Values bound to a prepared statement's parameters, in order, with SQLite's own calls: text as UTF-8,
/// `Bool` as 0 or 1 and `nil` as NULL, as GRDB binds them. Dates are bound as the text ``StoredDateText`` gives.
struct StatementBindings {
    private let handle: OpaquePointer
    private var index: Int32 = 0
    /// The number of values bound so far.
    var count: Int32 { index }

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    /// SQLite copies the text before `sqlite3_bind_text` returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    mutating func add(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func add(_ value: Int?) {
        add(value.map(Int64.init))
    }

    mutating func add(_ value: Bool?) {
        add(value.map { Int64($0 ? 1 : 0) })
    }

    mutating func add(_ value: Double?) {
        index += 1
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func add(_ value: String?) {
        index += 1
        guard var text = value else {
            sqlite3_bind_null(handle, index)
            return
        }
        let handle = self.handle
        let index = self.index
        text.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind NULL, not ''.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
            }
        }
    }
}

/// The rows of a read statement, stepped with SQLite's own calls: GRDB's `Row` copies every row into an
/// object, which costs more per row than the lookups of the ingest path and of full-text matching themselves.
struct RowReader {
    private let handle: OpaquePointer

    /// Runs `statement` with `arguments` and calls `row` for each result row until it returns `false`.
    static func each(
        _ statement: Statement, arguments: StatementArguments, _ db: Database, _ row: (RowReader) throws -> Bool
    ) throws {
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw db.stepFailure(code, sql: statement.sql) }
            guard try row(RowReader(handle: handle)) else { return }
        }
    }

    /// The integer in column `index` (0 for NULL).
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// The text in column `index` ("" for NULL).
    func text(_ index: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, index) else { return "" }
        return String(
            decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
    }
}
