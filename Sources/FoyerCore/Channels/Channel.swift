import Foundation

/// A connected account or source: where messages come from and where replies and posts go.
public struct Channel: Sendable, Equatable, Identifiable {
    public var id: ChannelID
    public var workspaceID: WorkspaceID
    public var kind: ChannelKind
    public var name: String
    /// Non-secret settings (API base URL, room id, feed URL…).
    public var settings: [String: String]
    /// Secrets, sealed with AES-GCM by a ``CredentialSealer``; never returned by the API.
    public var sealedCredentials: Data?
    public var health: ChannelHealth
    public var createdAt: Date
    /// The secret part of the channel's webhook URL (`/hooks/<token>`); `nil` when it receives no webhooks.
    /// Never shown to roles that cannot manage channels: whoever knows it can post deliveries.
    public var webhookToken: String?

    public init(
        id: ChannelID, workspaceID: WorkspaceID, kind: ChannelKind, name: String, settings: [String: String],
        sealedCredentials: Data?, health: ChannelHealth, createdAt: Date, webhookToken: String? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.kind = kind
        self.name = name
        self.settings = settings
        self.sealedCredentials = sealedCredentials
        self.health = health
        self.createdAt = createdAt
        self.webhookToken = webhookToken
    }
}

extension Channel {
    /// The setting that pauses polling: `paused` = `true` (demo channels, a channel being reconfigured).
    public static let pausedSetting = "paused"

    /// Whether polling is paused for this channel; webhooks are still accepted.
    public var isPaused: Bool { settings[Self.pausedSetting] == "true" }
}

/// How a channel is doing, as last seen by its connector.
public struct ChannelHealth: Codable, Sendable, Equatable {
    public var lastSuccessAt: Date?
    public var lastErrorAt: Date?
    public var lastError: String?
    public var tokenExpiresAt: Date?

    public init(lastSuccessAt: Date? = nil, lastErrorAt: Date? = nil, lastError: String? = nil, tokenExpiresAt: Date? = nil) {
        self.lastSuccessAt = lastSuccessAt
        self.lastErrorAt = lastErrorAt
        self.lastError = lastError
        self.tokenExpiresAt = tokenExpiresAt
    }

    public enum Status: String, Sendable { case healthy, failing, unknown }

    /// Failing when the last error is more recent than the last success.
    public var status: Status {
        switch (lastSuccessAt, lastErrorAt) {
        case (nil, nil): .unknown
        case (_, nil): .healthy
        case (nil, _): .failing
        case let (success?, error?): error > success ? .failing : .healthy
        }
    }
}

/// What it takes to create a channel. Credentials are sealed by the caller before storage.
public struct NewChannel: Sendable, Equatable {
    public var kind: ChannelKind
    public var name: String
    public var settings: [String: String]
    public var sealedCredentials: Data?
    /// The webhook URL's secret token (random, 16 to 128 characters), for kinds that receive webhooks.
    public var webhookToken: String?

    public init(
        kind: ChannelKind, name: String, settings: [String: String] = [:], sealedCredentials: Data? = nil,
        webhookToken: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.settings = settings
        self.sealedCredentials = sealedCredentials
        self.webhookToken = webhookToken
    }
}
