import Crypto
import Foundation
import FoyerCore

/// Media files in a folder of the data directory, each named by the hex SHA-256 of its bytes, so the same
/// file attached twice is stored once and a name can never point outside the folder.
public struct DirectoryMediaStore: MediaStore {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public func put(_ data: Data) async throws -> String {
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let url = folder.appendingPathComponent(digest)
        if FileManager.default.fileExists(atPath: url.path) { return digest }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Written under a temporary name then renamed, so a crash never leaves a half file under the final name.
        let temporary = folder.appendingPathComponent(".\(digest).\(UUID().uuidString)")
        try data.write(to: temporary, options: .atomic)
        do {
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch where FileManager.default.fileExists(atPath: url.path) {
            try? FileManager.default.removeItem(at: temporary)
        }
        return digest
    }

    public func get(_ sha256: String) async throws -> Data {
        guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw DomainError.notFound("File not found.")
        }
        let url = folder.appendingPathComponent(sha256)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw DomainError.notFound("File not found.") }
        return data
    }
}
