import Foundation

/// A personal token for the JSON API. Shown once at creation; stored as its SHA-256 only.
public struct APIToken: Sendable, Equatable, Identifiable {
    public var id: APITokenID
    public var userID: UserID
    public var name: String
    /// Hex SHA-256 of the whole token.
    public var tokenHash: String
    /// The first characters of the token, safe to show so people can tell their tokens apart.
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: APITokenID, userID: UserID, name: String, tokenHash: String, prefix: String, createdAt: Date,
        lastUsedAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
