import Foundation

/// A signed-in browser. The cookie holds a random token; the database keeps only its SHA-256.
public struct Session: Sendable, Equatable {
    /// Hex SHA-256 of the cookie token.
    public var tokenHash: String
    public var userID: UserID
    /// Sent back with every form.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, userID: UserID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
