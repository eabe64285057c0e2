import Foundation

/// The body of `POST /workspaces/{workspaceID}/channels`. Wire type: property names are the JSON keys.
public struct APIChannelCreate: Codable, Sendable, Equatable {
    /// A channel kind with a connector in this build (`slack`, `discourse`, `webhook`…).
    public var kind: String
    public var name: String
    /// Non-secret settings, as the kind's connector expects them.
    public var settings: [String: String]?
    /// Secrets; sealed before storage and never returned.
    public var credentials: [String: String]?

    public init(kind: String, name: String, settings: [String: String]? = nil, credentials: [String: String]? = nil) {
        self.kind = kind
        self.name = name
        self.settings = settings
        self.credentials = credentials
    }
}

extension APIChannelCreate: APIRequestBody {
    static let fields = ["kind", "name", "settings", "credentials"]
}
