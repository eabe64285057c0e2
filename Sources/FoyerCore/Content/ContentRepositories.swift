import Foundation

/// The content stock of a workspace: items, their variants, media and reviews. Every call is scoped by the
/// workspace; an id from another workspace is not found.
public protocol ContentRepository: Sendable {
    func create(_ draft: ContentDraft, createdBy: UserID?, in workspace: WorkspaceID) async throws -> ContentItem
    func find(_ id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentItem?
    func list(in workspace: WorkspaceID, filter: ContentFilter, page: PageRequest) async throws -> Page<ContentItem>
    /// Replaces the editable fields. When the text no longer matches the approved fingerprint
    /// (`fingerprint` is the new one), an approved or scheduled item goes back to review and loses its approval.
    func update(_ id: ContentItemID, with draft: ContentDraft, in workspace: WorkspaceID) async throws -> ContentItem
    /// Creates the rows without an id and updates the others, in one transaction: all of them or none.
    /// - Throws: ``DomainError/notFound(_:)`` when an id is not an item of the workspace; nothing is written.
    func importItems(_ rows: [ContentCSV.ImportedRow], createdBy: UserID?, in workspace: WorkspaceID) async throws
        -> ContentImportCounts
    func setStatus(_ id: ContentItemID, to status: ContentStatus, in workspace: WorkspaceID) async throws
    /// Deletes the item, its variants, media rows and reviews; refused while a publication of it is pending.
    func delete(_ id: ContentItemID, in workspace: WorkspaceID) async throws

    func variants(of id: ContentItemID, in workspace: WorkspaceID) async throws -> [ContentVariant]
    /// Creates or replaces the variant for the draft's (channel, market).
    func saveVariant(_ draft: VariantDraft, of id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentVariant
    func deleteVariant(_ id: ContentVariantID, of item: ContentItemID, in workspace: WorkspaceID) async throws

    func addMedia(
        to id: ContentItemID, filename: String, mimeType: String, byteCount: Int, sha256: String, altText: String?,
        in workspace: WorkspaceID
    ) async throws -> ContentMedia
    func media(of id: ContentItemID, in workspace: WorkspaceID) async throws -> [ContentMedia]
    func findMedia(_ id: MediaID, in workspace: WorkspaceID) async throws -> ContentMedia?
    func deleteMedia(_ id: MediaID, of item: ContentItemID, in workspace: WorkspaceID) async throws

    /// Records a decision; an approval also sets the item `approved` with the fingerprint reviewed, and a
    /// request for changes sends it back to `draft`, in the same transaction.
    func addReview(_ review: NewContentReview, to id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentReview
    func reviews(of id: ContentItemID, in workspace: WorkspaceID) async throws -> [ContentReview]
    /// Items per status, for the board's column counts.
    func countByStatus(in workspace: WorkspaceID) async throws -> [ContentStatus: Int]
}

/// A workspace's planning settings: markets, content types, cadence goals and the calendar feed's secret.
public protocol PlanningRepository: Sendable {
    func createMarket(_ market: NewMarket, in workspace: WorkspaceID) async throws -> Market
    func markets(in workspace: WorkspaceID) async throws -> [Market]
    func findMarket(_ id: MarketID, in workspace: WorkspaceID) async throws -> Market?
    func deleteMarket(_ id: MarketID, in workspace: WorkspaceID) async throws

    /// The workspace's list, or ``ContentTypeDefinition/defaults`` until it saved one.
    func contentTypes(in workspace: WorkspaceID) async throws -> [ContentTypeDefinition]
    func setContentTypes(_ types: [ContentTypeDefinition], in workspace: WorkspaceID) async throws

    func createGoal(_ goal: NewCadenceGoal, in workspace: WorkspaceID) async throws -> CadenceGoal
    func goals(in workspace: WorkspaceID) async throws -> [CadenceGoal]
    func deleteGoal(_ id: CadenceGoalID, in workspace: WorkspaceID) async throws

    /// Stores the SHA-256 (hex) of a new calendar feed token, replacing the previous one.
    func setCalendarFeedTokenHash(_ hash: String, in workspace: WorkspaceID) async throws
    /// The workspace whose feed token hashes to `hash`.
    func workspace(calendarFeedTokenHash hash: String) async throws -> WorkspaceID?
    func hasCalendarFeed(_ workspace: WorkspaceID) async throws -> Bool
}
