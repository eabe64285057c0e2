import Foundation
import FoyerCore
import GRDB

/// Personal API tokens in SQLite, stored as their SHA-256 only.
struct APITokenSQLiteRepository: APITokenRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(user: UserID, name: String, tokenHash: String, prefix: String) async throws -> APIToken {
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "This token already exists.", missingReference: "User not found.", field: "name")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
                    VALUES (?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [user.rawValue, name, tokenHash, prefix, now])
            guard let row else { throw DomainError.notFound("The token could not be created.") }
            return Self.token(row)
        }
    }

    func findActive(tokenHash: String) async throws -> APIToken? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", arguments: [tokenHash]
            ).map(Self.token)
        }
    }

    func list(for user: UserID) async throws -> [APIToken] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC",
                arguments: [user.rawValue]
            ).map(Self.token)
        }
    }

    func touch(_ id: APITokenID, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [at, id.rawValue])
        }
    }

    func revoke(_ id: APITokenID, for user: UserID, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND user_id = ?",
                arguments: [at, id.rawValue, user.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Token not found.") }
        }
    }

    static func token(_ row: Row) -> APIToken {
        APIToken(
            id: row.id("id"), userID: row.id("user_id"), name: row["name"], tokenHash: row["token_hash"],
            prefix: row["prefix"], createdAt: row["created_at"], lastUsedAt: row["last_used_at"],
            revokedAt: row["revoked_at"])
    }
}
