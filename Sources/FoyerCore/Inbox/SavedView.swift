import Foundation

public typealias SavedViewID = Identifier<SavedView>

/// A named set of inbox filters: private to one user, or shared with the workspace's team.
public struct SavedView: Sendable, Equatable, Identifiable {
    public var id: SavedViewID
    public var workspaceID: WorkspaceID
    public var name: String
    /// The inbox's query parameters (`status`, `channel`, `q`…), only keys of ``filterKeys``.
    public var filters: [String: String]
    public var createdBy: UserID?
    /// The only user who sees a private view; `nil` for a view shared with the workspace.
    public var ownerID: UserID?
    public var createdAt: Date

    public init(
        id: SavedViewID, workspaceID: WorkspaceID, name: String, filters: [String: String], createdBy: UserID?,
        ownerID: UserID? = nil, createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.filters = filters
        self.createdBy = createdBy
        self.ownerID = ownerID
        self.createdAt = createdAt
    }

    public var visibility: SavedViewVisibility { ownerID == nil ? .shared : .private }

    /// Whether `user` may see and use the view: a shared one, or their own private one.
    public func isVisible(to user: UserID) -> Bool { ownerID == nil || ownerID == user }

    /// Whether `user`, with `role` in the workspace, may rename, re-share or delete the view: a private view
    /// only by its owner; a shared one by whoever created it, and by admins and owners.
    public func canChange(by user: UserID, role: Role) -> Bool {
        if let ownerID { return ownerID == user }
        return createdBy == user || role.canManageSettings
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

/// Who sees a saved view.
public enum SavedViewVisibility: String, Codable, Sendable, CaseIterable {
    /// Only the user who owns it.
    case `private`
    /// Everyone in the workspace who reads the inbox.
    case shared
}

/// Saved inbox views of a workspace. Every read takes the user asking: another user's private view is
/// never returned, as if it did not exist.
public protocol SavedViewRepository: Sendable {
    /// Saves a view, private to `owner` when given, else shared.
    /// - Throws: ``DomainError/conflict(_:)`` when a shared view of the workspace, or one of the owner's
    ///   private views, has this name (any case).
    func create(
        name: String, filters: [String: String], createdBy: UserID?, owner: UserID?, in workspace: WorkspaceID
    ) async throws -> SavedView
    /// The view if it is in the workspace and visible to `user`.
    func find(_ id: SavedViewID, in workspace: WorkspaceID, visibleTo user: UserID) async throws -> SavedView?
    /// The shared views and `user`'s private ones, by name.
    func list(in workspace: WorkspaceID, visibleTo user: UserID) async throws -> [SavedView]
    /// Replaces the name, filters and owner (`nil`: shared). The caller checks who may change it.
    /// - Throws: ``DomainError/notFound(_:)``, ``DomainError/conflict(_:)`` as ``create(name:filters:createdBy:owner:in:)``.
    func update(
        _ id: SavedViewID, name: String, filters: [String: String], owner: UserID?, in workspace: WorkspaceID
    ) async throws -> SavedView
    /// - Throws: ``DomainError/notFound(_:)`` when there is no such view in the workspace.
    func delete(_ id: SavedViewID, in workspace: WorkspaceID) async throws
}
