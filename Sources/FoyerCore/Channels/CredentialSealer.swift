import Foundation

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
