import Foundation
import FoyerCore
import GRDB

/// Users in SQLite. Emails are stored lower-cased; the UNIQUE constraint on `users.email` reports conflicts.
struct UserSQLiteRepository: UserRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    private static let conflict = ConstraintMessages(unique: "A user with this email already exists.", field: "email")

    func create(email: String, name: String, passwordHash: String, preferredLocale: AppLocale?) async throws -> User {
        let now = clock.now()
        let email = email.lowercased()
        return try await writer.write(mapping: Self.conflict) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO users (email, name, password_hash, preferred_locale, created_at)
                    VALUES (?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [email, name, passwordHash, preferredLocale?.rawValue, now])
            guard let row else { throw DomainError.notFound("The user could not be created.") }
            return try Self.user(row)
        }
    }

    func find(_ id: UserID) async throws -> User? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id.rawValue]).map(Self.user)
        }
    }

    func find(email: String) async throws -> User? {
        let email = email.lowercased()
        return try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email]).map(Self.user)
        }
    }

    func updatePasswordHash(_ id: UserID, passwordHash: String) async throws {
        try await writer.write(mapping: Self.conflict) { db in
            try db.execute(
                sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("User not found.") }
        }
    }

    func updateProfile(_ id: UserID, name: String, preferredLocale: AppLocale?) async throws {
        let conflict = ConstraintMessages(unique: "A user with this email already exists.", field: "name")
        try await writer.write(mapping: conflict) { db in
            try db.execute(
                sql: "UPDATE users SET name = ?, preferred_locale = ? WHERE id = ?",
                arguments: [name, preferredLocale?.rawValue, id.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("User not found.") }
        }
    }

    func count() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 }
    }

    static func user(_ row: Row) throws -> User {
        User(
            id: row.id("id"), email: row["email"], name: row["name"], passwordHash: row["password_hash"],
            preferredLocale: try row.decodeIfPresent(AppLocale.self, "preferred_locale"), createdAt: row["created_at"])
    }
}
