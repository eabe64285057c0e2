import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The key file that holds the secret key when none is configured: `<data>/secret.key`, the base64 of 32
/// random bytes on one line, created on first start with mode 0600 and reused afterwards.
///
/// A key file that others can read, or that does not hold exactly 32 bytes, is refused with a message that
/// says how to fix it: losing or changing the key makes sealed channel credentials unreadable.
public enum SecretKeyFile {
    public static let keyLength = 32

    /// Reads the key at `url`, or creates it (mode 0600, exclusively) when the file does not exist.
    /// - Throws: ``SecretKeyFileError`` with an actionable message.
    public static func loadOrCreate(at url: URL) throws -> Data {
        if FileManager.default.fileExists(atPath: url.path) {
            return try load(at: url)
        }
        do {
            return try create(at: url)
        } catch SecretKeyFileError.alreadyExists {
            // Another process created it between our check and our create: use theirs.
            return try load(at: url)
        }
    }

    /// Reads and checks an existing key file.
    public static func load(at url: URL) throws -> Data {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw SecretKeyFileError.unreadable(path: url.path, reason: errnoText())
        }
        let permissions = Int(info.st_mode) & 0o777
        guard permissions & 0o077 == 0 else {
            throw SecretKeyFileError.tooOpen(path: url.path, mode: permissions)
        }
        let contents: Data
        do {
            contents = try Data(contentsOf: url)
        } catch {
            throw SecretKeyFileError.unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        let text = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let key = Data(base64Encoded: text), key.count == keyLength else {
            throw SecretKeyFileError.wrongLength(path: url.path)
        }
        return key
    }

    /// Creates a new random key file with mode 0600; fails if the file exists.
    static func create(at url: URL) throws -> Data {
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let descriptor = Foundation.open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw SecretKeyFileError.alreadyExists }
            throw SecretKeyFileError.unwritable(path: url.path, reason: errnoText())
        }
        defer { close(descriptor) }
        // The umask cannot widen 0600, but an inherited ACL could: set the mode explicitly.
        _ = fchmod(descriptor, 0o600)
        let line = Array((key.base64EncodedString() + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            let reason = errnoText()
            unlink(url.path)
            throw SecretKeyFileError.unwritable(path: url.path, reason: reason)
        }
        return key
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Why the key file cannot be used.
public enum SecretKeyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooOpen(path: String, mode: Int)
    case wrongLength(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case alreadyExists

    public var description: String {
        switch self {
        case .tooOpen(let path, let mode):
            "The key file \(path) can be read by other users (mode \(String(mode, radix: 8))); "
                + "restrict it with `chmod 600 \(path)` and start again."
        case .wrongLength(let path):
            "The key file \(path) does not hold the base64 of \(SecretKeyFile.keyLength) bytes. Restore the original "
                + "file from a backup (channel credentials sealed with it cannot be read without it), or remove it "
                + "to generate a new key and reconnect the channels."
        case .unreadable(let path, let reason):
            "Cannot read the key file \(path): \(reason)."
        case .unwritable(let path, let reason):
            "Cannot create the key file \(path): \(reason). Check that the data folder is writable."
        case .alreadyExists:
            "The key file already exists."
        }
    }
}
