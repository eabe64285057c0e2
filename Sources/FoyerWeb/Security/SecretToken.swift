import Crypto
import FoyerCore
import Foundation

/// Random tokens for sessions, CSRF, invitations and API keys, and the digest under which they are stored.
///
/// Tokens are 32 random bytes, base64url without padding; the database only ever sees ``digest(_:)``.
public enum SecretToken {
    /// A new random token, optionally with a readable prefix such as `foyer_`.
    public static func generate(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64URLEncodedString()
    }

    /// Hex SHA-256 of the token: what repositories store and look up.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Compares two secrets in time that does not depend on where they differ.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
