import Foundation
import Synchronization

/// Seals channel credentials at rest (AES-GCM in production) and opens them for connectors.
public protocol CredentialSealer: Sendable {
    /// Encrypts `plaintext`; every call uses a fresh nonce, so equal inputs give different outputs.
    func seal(_ plaintext: Data) throws -> Data
    /// Decrypts and authenticates; throws if the data was altered or sealed under another key.
    func open(_ sealed: Data) throws -> Data
}

extension CredentialSealer {
    /// Seals a credentials dictionary as JSON.
    public func seal(credentials: [String: String]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try seal(encoder.encode(credentials))
    }

    /// Opens credentials sealed by ``seal(credentials:)``.
    public func openCredentials(_ sealed: Data) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: open(sealed))
    }
}

/// Credentials already opened, by their sealed bytes: opening costs a decryption and a JSON decoding, and a
/// webhook delivery needs its channel's credentials on every request. The sealed bytes are the key, so a
/// changed credential is a new entry and nothing is ever stale; at most ``capacity`` entries are kept.
public final class OpenedCredentials: Sendable {
    static let capacity = 1_024
    private let opened = Mutex<[Data: [String: String]]>([:])

    public init() {}

    public func open(_ sealed: Data, with sealer: any CredentialSealer) throws -> [String: String] {
        if let credentials = opened.withLock({ $0[sealed] }) { return credentials }
        let credentials = try sealer.openCredentials(sealed)
        opened.withLock { opened in
            if opened.count >= Self.capacity { opened.removeAll(keepingCapacity: true) }
            opened[sealed] = credentials
        }
        return credentials
    }
}
