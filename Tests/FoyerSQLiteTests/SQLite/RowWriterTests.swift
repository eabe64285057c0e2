import FoyerCore
import GRDB
import Testing

@testable import FoyerSQLite

@Suite("Rows written with SQLite's own bindings")
struct RowWriterTests {
    struct Sample {
        var id: Int64
        var text: String?
        var flag: Bool?
        var score: Double?
        var count: Int?
    }

    static func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: SQLiteDatabase.configuration())
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE samples (
                        id INTEGER PRIMARY KEY, text TEXT CHECK (length(text) <= 20), flag INTEGER, score REAL,
                        count INTEGER)
                    """)
        }
        return queue
    }

    static let insert = RowWriter("INSERT INTO samples (id, text, flag, score, count)", columns: 5, rows: 4)

    static func bind(_ row: inout StatementBindings, _ sample: Sample) {
        row.add(sample.id)
        row.add(sample.text)
        row.add(sample.flag)
        row.add(sample.score)
        row.add(sample.count)
    }

    @Test func valuesAreStoredAsGRDBStoresThem_emptyTextIsNotNull() throws {
        let queue = try Self.database()
        let samples = [
            Sample(id: 1, text: "", flag: true, score: -0.25, count: 0),
            Sample(id: 2, text: nil, flag: false, score: nil, count: nil),
            Sample(id: 3, text: "déjà vu 👋🏽", flag: nil, score: 1e-9, count: Int.max),
        ]
        try queue.write { db in try Self.insert.run(samples, db, bind: Self.bind) }
        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, text, typeof(text) AS t, flag, typeof(flag) AS f, score, count FROM samples ORDER BY id"
            )
        }
        #expect(rows.map { $0["t"] as String } == ["text", "null", "text"])
        #expect(rows.map { $0["text"] as String? } == ["", nil, "déjà vu 👋🏽"])
        #expect(rows.map { $0["f"] as String } == ["integer", "integer", "null"])
        #expect(rows.map { $0["flag"] as Bool? } == [true, false, nil])
        #expect(rows.map { $0["score"] as Double? } == [-0.25, nil, 1e-9])
        #expect(rows.map { $0["count"] as Int? } == [0, nil, Int.max])

        // The same values through GRDB's own binding read back identically.
        let viaGRDB = try queue.write { db in
            try db.execute(
                sql: "INSERT INTO samples (id, text, flag, score, count) VALUES (?, ?, ?, ?, ?)",
                arguments: [4, "déjà vu 👋🏽", nil as Bool?, 1e-9, Int.max])
            return try Row.fetchOne(db, sql: "SELECT text, flag, score, count FROM samples WHERE id = 4")
        }
        let mine = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT text, flag, score, count FROM samples WHERE id = 3")
        }
        #expect(viaGRDB == mine)
    }

    @Test(arguments: [0, 1, 3, 4, 5, 8, 9])
    func everyRowIsWritten_inOrder_whateverTheChunking(count: Int) throws {
        let queue = try Self.database()
        let samples = (0..<count).map {
            Sample(id: Int64($0 + 10), text: "row \($0)", flag: nil, score: nil, count: $0)
        }
        // Twice on the same connection: the statements prepared once are reused with new values.
        try queue.write { db in
            try Self.insert.run(samples, db, bind: Self.bind)
            try Self.insert.run(
                samples.map {
                    var next = $0; next.id += 100; return next
                }, db, bind: Self.bind)
        }
        let stored = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, text, count FROM samples ORDER BY id")
        }
        #expect(stored.count == count * 2)
        #expect(stored.prefix(count).map { $0["text"] as String } == samples.map { $0.text ?? "" })
        #expect(stored.suffix(count).map { $0["id"] as Int64 } == samples.map { $0.id + 100 })
    }

    @Test func aRefusedRow_throwsGRDBsError_andTheStatementServesAgain() throws {
        let queue = try Self.database()
        let good = Sample(id: 1, text: "fine", flag: nil, score: nil, count: nil)
        let tooLong = Sample(id: 2, text: String(repeating: "x", count: 21), flag: nil, score: nil, count: nil)
        #expect {
            try queue.write { db in try Self.insert.run([good, tooLong], db, bind: Self.bind) }
        } throws: { error in
            (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK
        }
        // The transaction was rolled back whole, and the same prepared statements still work.
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM samples") } == 0)
        let duplicate = [good, good]
        #expect {
            try queue.write { db in try Self.insert.run(duplicate, db, bind: Self.bind) }
        } throws: { error in
            (error as? DatabaseError)?.isUniqueViolation == true
        }
        try queue.write { db in try Self.insert.run([good], db, bind: Self.bind) }
        try queue.write { db in
            try RowWriter("UPDATE samples SET count = ?1 WHERE id = ?2").run([(7, Int64(1))], db) { row, change in
                row.add(change.0)
                row.add(change.1)
            }
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count FROM samples WHERE id = 1") } == 7)
    }
}
