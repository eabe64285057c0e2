import Foundation
import FoyerCore
import Hummingbird

/// A workspace as the API shows it, with the caller's role. Wire type: property names are the JSON keys.
public struct APIWorkspace: Codable, Sendable, Equatable, ResponseEncodable {
    public var id: Int64
    public var name: String
    public var slug: String
    public var timeZone: String
    public var defaultLocale: String
    public var role: String
    public var createdAt: Date

    public init(_ workspace: Workspace, role: Role) {
        id = workspace.id.rawValue
        name = workspace.name
        slug = workspace.slug
        timeZone = workspace.timeZone
        defaultLocale = workspace.defaultLocale.rawValue
        self.role = role.rawValue
        createdAt = workspace.createdAt
    }
}
