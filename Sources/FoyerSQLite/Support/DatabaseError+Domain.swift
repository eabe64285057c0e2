import FoyerCore
import GRDB

extension DatabaseError {
    /// Whether a UNIQUE or PRIMARY KEY constraint refused the write.
    var isUniqueViolation: Bool {
        extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }

    /// Whether a FOREIGN KEY constraint refused the write: the row refers to something that does not
    /// exist (or exists in another workspace, since foreign keys include the workspace).
    var isForeignKeyViolation: Bool { extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY }

    /// Whether a CHECK or NOT NULL constraint refused a value.
    var isValueViolation: Bool {
        extendedResultCode == .SQLITE_CONSTRAINT_CHECK || extendedResultCode == .SQLITE_CONSTRAINT_NOTNULL
    }
}

/// Translates the constraint errors of the schema into ``DomainError``s the web layer can show.
///
/// Conflicts are caught from the database, never by select-then-write: the repositories run the write
/// and map what SQLite refused.
struct ConstraintMessages {
    /// Shown when a UNIQUE constraint refuses the write.
    var unique: String
    /// Shown when a foreign key points at nothing (or at another workspace).
    var missingReference: String = "Something this refers to was not found in this workspace."
    /// The field named when a CHECK constraint refuses a value.
    var field: String = "value"

    func map(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        if error.isUniqueViolation { return DomainError.conflict(unique) }
        if error.isForeignKeyViolation { return DomainError.notFound(missingReference) }
        if error.isValueViolation {
            return DomainError.invalid(
                field: field, message: "This value is not accepted: check its length and format.")
        }
        return error
    }
}

extension DatabaseWriter {
    /// Runs a write transaction and maps constraint errors with `messages`.
    func write<T: Sendable>(
        mapping messages: ConstraintMessages, _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await write(updates)
        } catch {
            throw messages.map(error)
        }
    }
}
