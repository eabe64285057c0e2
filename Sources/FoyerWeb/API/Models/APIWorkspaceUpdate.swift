/// The body of `PATCH /workspaces/{workspaceID}`: any of the three fields; absent ones stay as they are.
public struct APIWorkspaceUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var timeZone: String?
    public var defaultLocale: String?

    public init(name: String? = nil, timeZone: String? = nil, defaultLocale: String? = nil) {
        self.name = name
        self.timeZone = timeZone
        self.defaultLocale = defaultLocale
    }
}

extension APIWorkspaceUpdate: APIRequestBody {
    static var fields: [String] { ["name", "timeZone", "defaultLocale"] }
}
