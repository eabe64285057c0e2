import Foundation

public typealias SavedViewID = Identifier<SavedView>

/// A named set of inbox filters, shared by the workspace's team.
public struct SavedView: Sendable, Equatable, Identifiable {
    public var id: SavedViewID
    public var workspaceID: WorkspaceID
    public var name: String
    /// The inbox's query parameters (`status`, `channel`, `q`…), only keys of ``filterKeys``.
    public var filters: [String: String]
    public var createdBy: UserID?
    public var createdAt: Date

    public init(
        id: SavedViewID, workspaceID: WorkspaceID, name: String, filters: [String: String], createdBy: UserID?,
        createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.filters = filters
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// The query parameters a view may keep, in the order links are written.
    public static let filterKeys = [
        "q", "status", "channel", "language", "sentiment", "intent", "toxic", "spam", "assignee", "tag", "sla", "sort",
    ]

    /// Keeps the known, non-empty filters (each at most 200 characters).
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on `filters` for an unknown key or a long value.
    public static func validatedFilters(_ filters: [String: String]) throws -> [String: String] {
        var kept: [String: String] = [:]
        for (key, value) in filters {
            guard filterKeys.contains(key) else {
                throw DomainError.invalid(
                    field: "filters",
                    message: "Unknown filter \"\(key.prefix(30))\". Use: \(filterKeys.joined(separator: ", ")).")
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= 200 else {
                throw DomainError.invalid(field: "filters", message: "Use at most 200 characters per filter.")
            }
            if !trimmed.isEmpty { kept[key] = trimmed }
        }
        return kept
    }
}

/// Saved inbox views of a workspace.
public protocol SavedViewRepository: Sendable {
    /// - Throws: ``DomainError/conflict(_:)`` when the workspace has a view with this name (any case).
    func create(name: String, filters: [String: String], createdBy: UserID?, in workspace: WorkspaceID) async throws
        -> SavedView
    func find(_ id: SavedViewID, in workspace: WorkspaceID) async throws -> SavedView?
    /// By name.
    func list(in workspace: WorkspaceID) async throws -> [SavedView]
    /// - Throws: ``DomainError/notFound(_:)`` when there is no such view in the workspace.
    func delete(_ id: SavedViewID, in workspace: WorkspaceID) async throws
}
