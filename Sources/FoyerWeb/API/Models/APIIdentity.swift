import FoyerCore

/// One platform account of a member. Wire type: property names are the JSON keys.
public struct APIIdentity: Codable, Sendable, Equatable {
    public var id: Int64
    public var platform: String
    public var externalId: String
    public var handle: String
    public var displayName: String?
    public var profileUrl: String?

    public init(_ identity: Identity) {
        id = identity.id.rawValue
        platform = identity.platform.rawValue
        externalId = identity.externalID
        handle = identity.handle
        displayName = identity.displayName
        profileUrl = identity.profileURL
    }
}
