import Foundation
import FoyerCore
import Logging

/// Creates and deletes channels for the settings page and the API, with the same rules for both: the kind
/// must have a connector in this build, its connector validates the settings and credentials, credentials
/// are sealed before they are stored, kinds that receive webhooks get a random URL token, and a generic
/// webhook channel gets a generated signing secret when none is given (shown once).
struct ChannelSetup: Sendable {
    static let maximumFields = 20
    static let maximumKeyLength = 64
    static let maximumValueLength = 4096

    /// Why a channel could not be created, beyond field validation (``DomainError/invalid(field:message:)``).
    enum Failure: Error, Equatable {
        /// The kind is unknown, or this build has no connector for it.
        case unsupportedKind(String, available: [ChannelKind])
        /// Credentials were given but no sealer is configured: refusing beats storing them in clear.
        case noSealer
    }

    /// A channel just created, with the secret generated for it (shown once, never stored in clear).
    struct Created: Sendable {
        let channel: Channel
        let generatedSecret: String?
    }

    let dependencies: WebDependencies

    /// Validates everything first, then creates the channel and records `channel.created` in the audit log.
    ///
    /// - Throws: ``Failure``, or ``DomainError/invalid(field:message:)`` whose field names the bad key as
    ///   `name`, `settings.<key>` or `credentials.<key>`.
    func create(
        kind rawKind: String, name rawName: String, settings rawSettings: [String: String],
        credentials rawCredentials: [String: String], in workspace: WorkspaceID, by actor: UserID, via: String,
        logger: Logger
    ) async throws -> Created {
        let available = dependencies.connectors.kinds
        guard let kind = ChannelKind(rawValue: rawKind.trimmingCharacters(in: .whitespaces).lowercased()),
            let connector = dependencies.connectors[kind]
        else { throw Failure.unsupportedKind(String(rawKind.prefix(40)), available: available) }
        let name = try Validation.name(rawName)
        let settings = try Self.clean(rawSettings, group: "settings")
        var credentials = try Self.clean(rawCredentials, group: "credentials")
        var generatedSecret: String?
        if kind == .webhook, credentials["secret"] == nil {
            let secret = Self.generateSigningSecret()
            credentials["secret"] = secret
            generatedSecret = secret
        }
        do {
            try connector.validate(settings: settings, credentials: credentials)
        } catch DomainError.invalid(let field, let message) {
            // Connectors name the bare key; say which group it belongs to.
            let isCredential =
                credentials[field] != nil || ChannelFields.fields(for: kind).contains { $0.key == field && $0.isSecret }
            let qualified = field.contains(".") ? field : "\(isCredential ? "credentials" : "settings").\(field)"
            throw DomainError.invalid(field: qualified, message: message)
        }
        var sealed: Data?
        if !credentials.isEmpty {
            guard let sealer = dependencies.sealer else {
                logger.error(
                    "Cannot create a channel with credentials: no credential sealer is configured",
                    metadata: ["kind": "\(kind.rawValue)"])
                throw Failure.noSealer
            }
            sealed = try sealer.seal(credentials: credentials)
        }
        let token = connector.capabilities.ingest == .webhook ? SecretToken.generate() : nil
        let channel = try await dependencies.storage.channels.create(
            NewChannel(kind: kind, name: name, settings: settings, sealedCredentials: sealed, webhookToken: token),
            in: workspace)
        try await dependencies.storage.audit.record(
            NewAuditEvent(
                workspaceID: workspace, actorID: actor, action: "channel.created", targetType: "channel",
                targetID: channel.id.description,
                details: [
                    "kind": kind.rawValue, "name": name, "via": via,
                    "settings": settings.keys.sorted().joined(separator: ","),
                ]))
        logger.info("Channel created", metadata: ["channel": "\(channel.id)", "kind": "\(kind.rawValue)"])
        return Created(channel: channel, generatedSecret: generatedSecret)
    }

    /// Deletes a channel and everything received on it; records `channel.deleted`.
    func delete(_ channel: Channel, by actor: UserID, via: String, logger: Logger) async throws {
        try await dependencies.storage.channels.delete(channel.id, in: channel.workspaceID)
        try await dependencies.storage.audit.record(
            NewAuditEvent(
                workspaceID: channel.workspaceID, actorID: actor, action: "channel.deleted", targetType: "channel",
                targetID: channel.id.description,
                details: ["kind": channel.kind.rawValue, "name": channel.name, "via": via]))
        logger.info("Channel deleted", metadata: ["channel": "\(channel.id)", "kind": "\(channel.kind.rawValue)"])
    }

    /// Puts a failed inbound event back in the queue and wakes the ingest worker; records `inbound_event.retried`.
    func retry(_ event: InboundEventID, in workspace: WorkspaceID, by actor: UserID, via: String) async throws {
        try await dependencies.storage.inboundEvents.requeue(event, in: workspace, now: dependencies.clock.now())
        dependencies.ingestSignal.notify()
        try await dependencies.storage.audit.record(
            NewAuditEvent(
                workspaceID: workspace, actorID: actor, action: "inbound_event.retried", targetType: "inbound_event",
                targetID: event.description, details: ["via": via]))
    }

    /// 32 random bytes as 64 lower-case hex characters: easy to paste into any HMAC tool.
    static func generateSigningSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// The URL a platform posts to for a channel that receives webhooks.
    func webhookURL(for channel: Channel) -> String? {
        guard let token = channel.webhookToken else { return nil }
        var root = dependencies.settings.publicURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root + "/hooks/" + token
    }

    /// Trimmed values, empty ones dropped; keys and values bounded so a form or body cannot store megabytes.
    static func clean(_ raw: [String: String], group: String) throws -> [String: String] {
        guard raw.count <= maximumFields else {
            throw DomainError.invalid(field: group, message: "Use at most \(maximumFields) keys.")
        }
        var cleaned: [String: String] = [:]
        for (key, value) in raw {
            let field = "\(group).\(key.prefix(maximumKeyLength))"
            guard !key.isEmpty, key.count <= maximumKeyLength,
                key.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") })
            else {
                throw DomainError.invalid(field: field, message: "Use letters, digits and underscores in key names.")
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard trimmed.count <= maximumValueLength else {
                throw DomainError.invalid(field: field, message: "Use at most \(maximumValueLength) characters.")
            }
            guard !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
                throw DomainError.invalid(field: field, message: "Remove the control characters.")
            }
            cleaned[key] = trimmed
        }
        return cleaned
    }
}
