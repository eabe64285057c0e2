import Foundation
import FoyerCore
import GRDB

extension SQLiteDatabase {
    /// Copies the whole database, while it is in use, into a new file at `path` (SQLite's online backup).
    ///
    /// - Throws: ``DomainError/conflict(_:)`` when a file already exists at `path` (it is never
    ///   overwritten), or the SQLite error when the destination cannot be written.
    public func backup(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw DomainError.conflict("A file already exists at \(path). Choose a new file name for the backup.")
        }
        let destination = try DatabaseQueue(path: path)
        try await writer.read { source in
            try destination.writeWithoutTransaction { target in
                try source.backup(to: target)
            }
        }
        try destination.close()
    }
}
