import Crypto
import Foundation
import FoyerCore

/// Signed, expiring links that let a client without an account review one content item.
///
/// A token is `base64url(payload).base64url(HMAC-SHA256(key, payload))` where the payload is
/// `v1|<workspace>|<item>|<expiry epoch seconds>|<reviewer name>`. Nothing is stored: the signature proves
/// Foyer made the link, the expiry bounds it; changing any byte makes it invalid.
public struct ReviewLinkSigner: Sendable {
    private let key: SymmetricKey

    /// Derives the link key from the installation's secret key, so links survive restarts but not a new key.
    public init(secret: Data) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Data("foyer review links v1".utf8), outputByteCount: 32)
    }

    /// A random key: links die with the process (tests, and installations without a key).
    public static func ephemeral() -> ReviewLinkSigner {
        ReviewLinkSigner(secret: Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }))
    }

    public struct Grant: Sendable, Equatable {
        public var workspaceID: WorkspaceID
        public var contentID: ContentItemID
        public var expiresAt: Date
        /// Who the link was made for, as the manager wrote it (shown and recorded with the decision).
        public var reviewer: String
    }

    public enum Failure: Error, Equatable {
        case malformed
        case badSignature
        case expired(Date)
    }

    public func token(for grant: Grant) -> String {
        let payload = Data(
            "v1|\(grant.workspaceID)|\(grant.contentID)|\(Int64(grant.expiresAt.timeIntervalSince1970))|\(grant.reviewer)".utf8)
        let signature = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return payload.base64URLEncodedString() + "." + signature.base64URLEncodedString()
    }

    /// The grant of a valid, unexpired token.
    public func verify(_ token: String, now: Date) throws(Failure) -> Grant {
        let grant = try inspect(token)
        guard now < grant.expiresAt else { throw .expired(grant.expiresAt) }
        return grant
    }

    /// The grant of a token Foyer signed, expired or not: what an expired link's page needs to say whom to ask.
    /// Never a permission: use ``verify(_:now:)`` for that.
    public func inspect(_ token: String) throws(Failure) -> Grant {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 1000, parts.count == 2, let payload = Data(base64URLEncoded: String(parts[0])),
            let signature = Data(base64URLEncoded: String(parts[1]))
        else { throw .malformed }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key) else {
            throw .badSignature
        }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0] == "v1", let workspace = WorkspaceID(fields[1]), let item = ContentItemID(fields[2]),
            let epoch = Int64(fields[3])
        else { throw .malformed }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(epoch))
        return Grant(workspaceID: workspace, contentID: item, expiresAt: expiresAt, reviewer: String(fields[4]))
    }
}
