import Foundation
import FoyerCore
import GRDB

/// Browser sessions in SQLite, keyed by the SHA-256 of the cookie token.
struct SessionSQLiteRepository: SessionRepository {
    let writer: any DatabaseWriter

    func create(_ session: Session) async throws {
        let messages = ConstraintMessages(
            unique: "This session already exists.", missingReference: "User not found.", field: "session")
        try await writer.write(mapping: messages) { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.tokenHash, session.userID.rawValue, session.csrfToken, session.createdAt, session.expiresAt,
                ])
        }
    }

    func find(tokenHash: String, now: Date) async throws -> Session? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?", arguments: [tokenHash, now]
            ).map { row in
                Session(
                    tokenHash: row["token_hash"], userID: row.id("user_id"), csrfToken: row["csrf_token"],
                    createdAt: row["created_at"], expiresAt: row["expires_at"])
            }
        }
    }

    func delete(tokenHash: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    func deleteAll(for user: UserID, except tokenHash: String?) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE user_id = ? AND (? IS NULL OR token_hash <> ?)",
                arguments: [user.rawValue, tokenHash, tokenHash])
        }
    }

    func deleteExpired(now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }
}
