import Foundation

/// A person who signs in to Foyer.
public struct User: Codable, Sendable, Equatable, Identifiable {
    public var id: UserID
    /// Lower-cased, unique.
    public var email: String
    public var name: String
    /// bcrypt hash; never leaves the server.
    public var passwordHash: String
    /// The interface language the user chose; `nil` follows the browser.
    public var preferredLocale: AppLocale?
    public var createdAt: Date

    public init(
        id: UserID, email: String, name: String, passwordHash: String, preferredLocale: AppLocale?, createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.preferredLocale = preferredLocale
        self.createdAt = createdAt
    }
}
