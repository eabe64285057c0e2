import Crypto
import Foundation
import FoyerCore

/// Any system that can send signed JSON: a contact form, a support tool, a script. Ingest only.
///
/// Credentials: `secret`, shared with the sender (``generateSecret()`` makes one when the channel is created).
/// The format is documented in `docs/WEBHOOKS.md`.
public struct GenericWebhookConnector: Connector {
    public let kind = ChannelKind.webhook
    public let capabilities = ConnectorCapabilities(ingest: .webhook)

    /// Secrets shorter than this are refused: they can be guessed.
    public static let minimumSecretLength = 16

    public init() {}

    /// A new random secret: 32 bytes as 64 hex digits.
    public static func generateSecret() -> String {
        let key = SymmetricKey(size: .bits256)
        return key.withUnsafeBytes { WebhookSignature.hex(Data($0)) }
    }

    /// An absent secret is accepted (the caller generates one); a given one must be long enough.
    public func validate(settings: [String: String], credentials: [String: String]) throws {
        if let secret = credentials["secret"], secret.count < Self.minimumSecretLength {
            throw DomainError.invalid(
                field: "secret",
                message:
                    "The secret must be at least \(Self.minimumSecretLength) characters long; leave it empty to have one generated."
            )
        }
    }

    public var webhook: (any WebhookReceiver)? { GenericWebhookReceiver() }
}
