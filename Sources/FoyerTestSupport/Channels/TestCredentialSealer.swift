import Crypto
import Foundation
import FoyerCore

/// A real AES-GCM sealer under a random key made for one test: credentials sealed by one instance open
/// only with it, like production's sealer under its configured key.
public struct TestCredentialSealer: CredentialSealer {
    private let key = SymmetricKey(size: .bits256)

    public init() {}

    public func seal(_ plaintext: Data) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key).combined else {
            throw TestSupportError("AES-GCM gave no combined box")
        }
        return combined
    }

    public func open(_ sealed: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key)
    }
}
