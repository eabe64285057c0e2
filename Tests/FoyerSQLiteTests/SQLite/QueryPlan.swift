import FoyerSQLite
import GRDB

extension SQLiteDatabase {
    /// The `detail` lines of SQLite's plan for `sql` on this database.
    func queryPlan(_ sql: String) async throws -> [String] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
        }
    }

    /// The plan for `sql` on a new, migrated, empty database.
    static func migratedQueryPlan(_ sql: String) async throws -> [String] {
        let database = try SQLiteDatabase.temporary()
        try await database.migrate()
        return try await database.queryPlan(sql)
    }
}
