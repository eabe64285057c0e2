import Foundation

public typealias CadenceGoalID = Identifier<CadenceGoal>

public enum CadencePeriod: String, Codable, Sendable, CaseIterable {
    case week, month

    /// Average length in days (a month is 365.25 / 12).
    public var days: Double { self == .week ? 7 : 30.4375 }
}

/// How often a channel should get content, of one type or of any: "Instagram: 3 posts a week".
public struct CadenceGoal: Sendable, Equatable, Identifiable {
    public var id: CadenceGoalID
    public var workspaceID: WorkspaceID
    public var channelID: ChannelID
    /// A content type key, or `nil` for any type.
    public var contentType: String?
    public var count: Int
    public var period: CadencePeriod

    public init(id: CadenceGoalID, workspaceID: WorkspaceID, channelID: ChannelID, contentType: String?, count: Int, period: CadencePeriod) {
        self.id = id
        self.workspaceID = workspaceID
        self.channelID = channelID
        self.contentType = contentType
        self.count = count
        self.period = period
    }

    public var perDay: Double { Double(count) / period.days }
}

public struct NewCadenceGoal: Sendable, Equatable {
    public var channelID: ChannelID
    public var contentType: String?
    public var count: Int
    public var period: CadencePeriod

    public init(channelID: ChannelID, contentType: String?, count: Int, period: CadencePeriod) {
        self.channelID = channelID
        self.contentType = contentType
        self.count = count
        self.period = period
    }

    public func validated(types: [ContentTypeDefinition]) throws -> NewCadenceGoal {
        guard (1...100).contains(count) else { throw DomainError.invalid(field: "count", message: "Use a count of 1 to 100.") }
        var goal = self
        let type = contentType?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        goal.contentType = type.isEmpty ? nil : type
        if let type = goal.contentType, !types.contains(where: { $0.key == type }) {
            throw DomainError.invalid(field: "contentType", message: "Unknown content type \"\(type.prefix(40))\".")
        }
        return goal
    }
}
