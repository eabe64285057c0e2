import Crypto
import Foundation
import FoyerCore

/// Seals channel credentials with AES-256-GCM.
///
/// Layout of a sealed value: one version byte (``formatVersion``), then the 12-byte nonce, the ciphertext and
/// the 16-byte tag (CryptoKit's `combined` form). Every call draws a fresh random nonce, so sealing the same
/// credentials twice gives different bytes. Opening authenticates: altered data or another key fails with
/// ``CredentialSealingError``.
public struct AESGCMCredentialSealer: CredentialSealer {
    /// The first byte of every sealed value; a new format would use a new byte and keep opening this one.
    public static let formatVersion: UInt8 = 1
    private static let nonceLength = 12
    private static let tagLength = 16

    private let key: SymmetricKey

    /// - Parameter key: exactly 32 bytes (from configuration or ``SecretKeyFile``).
    /// - Throws: ``CredentialSealingError/invalidKeyLength(_:)`` for any other length.
    public init(key: Data) throws {
        guard key.count == SecretKeyFile.keyLength else { throw CredentialSealingError.invalidKeyLength(key.count) }
        self.key = SymmetricKey(data: key)
    }

    public func seal(_ plaintext: Data) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce())
        guard let combined = box.combined else { throw CredentialSealingError.malformed }
        var sealed = Data([Self.formatVersion])
        sealed.append(combined)
        return sealed
    }

    public func open(_ sealed: Data) throws -> Data {
        guard let version = sealed.first else { throw CredentialSealingError.malformed }
        guard version == Self.formatVersion else { throw CredentialSealingError.unsupportedVersion(version) }
        let body = sealed.dropFirst()
        guard body.count >= Self.nonceLength + Self.tagLength else { throw CredentialSealingError.malformed }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(body))
            return try AES.GCM.open(box, using: key)
        } catch {
            throw CredentialSealingError.authenticationFailed
        }
    }
}

/// Why credentials could not be sealed or opened.
public enum CredentialSealingError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidKeyLength(Int)
    case malformed
    case unsupportedVersion(UInt8)
    case authenticationFailed

    public var description: String {
        switch self {
        case .invalidKeyLength(let count):
            "The secret key has \(count) bytes; it must have \(SecretKeyFile.keyLength)."
        case .malformed:
            "The sealed credentials are truncated or malformed."
        case .unsupportedVersion(let version):
            "The sealed credentials use format \(version), which this version of Foyer cannot read."
        case .authenticationFailed:
            "The sealed credentials were altered or sealed under another secret key; "
                + "check FOYER_SECRET_KEY or the key file in the data folder."
        }
    }
}
