import Foundation
import FoyerCore

/// A channel as the API shows it. Built field by field from ``Channel`` so sealed credentials can never
/// slip into an answer. Wire type: property names are the JSON keys.
public struct APIChannel: Codable, Sendable, Equatable {
    public struct Health: Codable, Sendable, Equatable {
        /// `healthy`, `failing` or `unknown`.
        public var status: String
        public var lastSuccessAt: Date?
        public var lastErrorAt: Date?
        public var lastError: String?
        public var tokenExpiresAt: Date?
    }

    public var id: Int64
    public var kind: String
    public var kindName: String
    public var name: String
    public var settings: [String: String]
    public var hasCredentials: Bool
    public var health: Health
    public var createdAt: Date

    public init(_ channel: Channel) {
        id = channel.id.rawValue
        kind = channel.kind.rawValue
        kindName = channel.kind.displayName
        name = channel.name
        settings = channel.settings
        hasCredentials = channel.sealedCredentials != nil
        health = Health(
            status: channel.health.status.rawValue, lastSuccessAt: channel.health.lastSuccessAt,
            lastErrorAt: channel.health.lastErrorAt, lastError: channel.health.lastError,
            tokenExpiresAt: channel.health.tokenExpiresAt)
        createdAt = channel.createdAt
    }
}
