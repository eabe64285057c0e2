import Foundation
import FoyerCore
import Hummingbird

/// A community member as the API shows it; ``identities`` only in the detail answer.
/// Wire type: property names are the JSON keys.
public struct APIMember: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var displayName: String
    public var memberType: String
    public var score: Double
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    public var createdAt: Date
    public var identities: [APIIdentity]?

    public init(_ member: Member, identities: [Identity]? = nil) {
        id = member.id.rawValue
        displayName = member.displayName
        memberType = member.memberType.rawValue
        score = member.score
        firstSeenAt = member.firstSeenAt
        lastSeenAt = member.lastSeenAt
        createdAt = member.createdAt
        self.identities = identities?.map(APIIdentity.init)
    }
}
