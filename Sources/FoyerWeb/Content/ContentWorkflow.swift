import Foundation
import FoyerCore

/// The content stock's changes, shared by the pages and the API so both do the same thing: check the role,
/// validate, write, record an audit event, and wake the publisher when a post is queued.
struct ContentWorkflow: Sendable {
    let dependencies: WebDependencies

    var storage: Storage { dependencies.storage }
    var publishing: ContentPublishing {
        ContentPublishing(storage: storage, connectors: dependencies.connectors, clock: dependencies.clock)
    }

    /// Everything a page or the API shows of one item.
    struct Detail: Sendable {
        var item: ContentItem
        var variants: [ContentVariant]
        var media: [ContentMedia]
        var reviews: [ContentReview]
        var publications: [Publication]
        /// Of the current text; equal to `item.approvedFingerprint` when the current text is approved.
        var fingerprint: String

        var isApproved: Bool { item.approvedFingerprint == fingerprint }
        /// Approved once, changed since.
        var needsApprovalAgain: Bool {
            !isApproved && reviews.contains { $0.decision == .approved } && item.status == .inReview
        }
    }

    // MARK: Items

    func item(_ id: ContentItemID, in workspace: WorkspaceID) async throws -> ContentItem {
        guard let item = try await storage.content.find(id, in: workspace) else { throw DomainError.notFound("Content item not found.") }
        return item
    }

    func detail(_ id: ContentItemID, in workspace: WorkspaceID) async throws -> Detail {
        let item = try await item(id, in: workspace)
        let variants = try await storage.content.variants(of: id, in: workspace)
        let media = try await storage.content.media(of: id, in: workspace)
        return Detail(
            item: item, variants: variants, media: media, reviews: try await storage.content.reviews(of: id, in: workspace),
            publications: try await storage.publications.list(content: id, in: workspace),
            fingerprint: ContentFingerprint.of(item, variants: variants, media: media))
    }

    func create(_ draft: ContentDraft, in workspace: WorkspaceID, by user: User, role: Role) async throws -> ContentItem {
        try requireEditor(role)
        let draft = try draft.validated(types: try await storage.planning.contentTypes(in: workspace))
        let item = try await storage.content.create(draft, createdBy: user.id, in: workspace)
        await audit("content.created", item.id, in: workspace, by: user, details: ["title": item.title])
        return item
    }

    func update(_ id: ContentItemID, with draft: ContentDraft, in workspace: WorkspaceID, by user: User, role: Role) async throws
        -> ContentItem
    {
        try requireEditor(role)
        let draft = try draft.validated(types: try await storage.planning.contentTypes(in: workspace))
        let before = try await item(id, in: workspace)
        let item = try await storage.content.update(id, with: draft, in: workspace)
        var details: [String: String] = [:]
        if before.status != item.status { details["status"] = item.status.rawValue }
        if before.approvedFingerprint != nil, item.approvedFingerprint == nil { details["approval"] = "revoked: text changed" }
        await audit("content.updated", id, in: workspace, by: user, details: details)
        return item
    }

    /// A move on the board: only to the states a person sets (idea, draft, in review, archived).
    func move(_ id: ContentItemID, to status: ContentStatus, in workspace: WorkspaceID, by user: User, role: Role) async throws {
        try requireEditor(role)
        let current = try await item(id, in: workspace)
        guard current.status.canMove(to: status) else {
            let how =
                switch status {
                case .approved: "Approve it from its page (a review) to move it to approved."
                case .scheduled: "Schedule a post of it to move it to scheduled."
                default: "Its publications move it to published."
                }
            throw DomainError.invalid(field: "status", message: how)
        }
        guard current.status != status else { return }
        try await storage.content.setStatus(id, to: status, in: workspace)
        await audit("content.moved", id, in: workspace, by: user, details: ["from": current.status.rawValue, "to": status.rawValue])
    }

    func delete(_ id: ContentItemID, in workspace: WorkspaceID, by user: User, role: Role) async throws {
        try requireEditor(role)
        let item = try await item(id, in: workspace)
        try await storage.content.delete(id, in: workspace)
        await audit("content.deleted", id, in: workspace, by: user, details: ["title": item.title])
    }

    // MARK: Spreadsheets

    /// Reads a CSV file of items (``ContentCSV``), checks every row against the workspace, and stores them
    /// all in one transaction, unless it is a dry run or a row was rejected: then nothing is stored.
    func importCSV(_ data: Data, dryRun: Bool, in workspace: WorkspaceID, by user: User, role: Role) async throws
        -> ContentImportReport
    {
        try requireEditor(role)
        let read = try ContentCSV.importing(data, types: try await storage.planning.contentTypes(in: workspace))
        var existing = Set<ContentItemID>()
        for id in Set(read.rows.compactMap(\.id)) where try await storage.content.find(id, in: workspace) != nil {
            existing.insert(id)
        }
        let (rows, rejected) = ContentImport.check(read, existing: existing)
        var report = ContentImportReport(
            counts: ContentImport.counts(of: rows), rejected: rejected, ignoredColumns: read.ignoredColumns,
            delimiter: read.delimiter, dryRun: dryRun, applied: false)
        guard !dryRun, rejected.isEmpty, !rows.isEmpty else { return report }
        report.counts = try await storage.content.importItems(rows, createdBy: user.id, in: workspace)
        report.applied = true
        await audit(
            "content.imported", nil, in: workspace, by: user,
            details: ["created": String(report.counts.created), "updated": String(report.counts.updated)])
        return report
    }

    /// Every item the filter selects, most recently changed first, as a CSV file.
    func exportCSV(_ filter: ContentFilter, delimiter: ContentCSV.Delimiter, in workspace: WorkspaceID) async throws -> Data {
        var items: [ContentItem] = []
        var cursor: String?
        repeat {
            let page = try await storage.content.list(
                in: workspace, filter: filter, page: PageRequest(limit: PageRequest.maximumLimit, cursor: cursor))
            items += page.items
            cursor = page.next
        } while cursor != nil
        return ContentCSV.export(items, delimiter: delimiter)
    }

    // MARK: Variants and media

    func saveVariant(_ draft: VariantDraft, of id: ContentItemID, in workspace: WorkspaceID, by user: User, role: Role) async throws
        -> ContentVariant
    {
        try requireEditor(role)
        let draft = try draft.validated()
        if let channel = draft.channelID, try await storage.channels.find(channel, in: workspace) == nil {
            throw DomainError.notFound("Channel not found.")
        }
        if let market = draft.marketID, try await storage.planning.findMarket(market, in: workspace) == nil {
            throw DomainError.notFound("Market not found.")
        }
        let variant = try await storage.content.saveVariant(draft, of: id, in: workspace)
        await audit("content.variant_saved", id, in: workspace, by: user, details: ["variant": variant.id.description])
        return variant
    }

    func deleteVariant(_ variant: ContentVariantID, of id: ContentItemID, in workspace: WorkspaceID, by user: User, role: Role) async throws {
        try requireEditor(role)
        try await storage.content.deleteVariant(variant, of: id, in: workspace)
        await audit("content.variant_deleted", id, in: workspace, by: user, details: ["variant": variant.description])
    }

    /// Checks the bytes (type by content, size), stores them in the media folder, then records the file.
    func attach(
        data: Data, filename: String, declaredType: String?, altText: String?, to id: ContentItemID, in workspace: WorkspaceID,
        by user: User, role: Role
    ) async throws -> ContentMedia {
        try requireEditor(role)
        _ = try await item(id, in: workspace)
        guard let store = dependencies.media else {
            throw DomainError.invalid(field: "file", message: "This installation has no media folder; files cannot be attached.")
        }
        let checked = try MediaPolicy.check(data, filename: filename, declaredType: declaredType)
        let digest = try await store.put(data)
        let media = try await storage.content.addMedia(
            to: id, filename: checked.filename, mimeType: checked.mimeType, byteCount: data.count, sha256: digest, altText: altText,
            in: workspace)
        await audit("content.media_attached", id, in: workspace, by: user, details: ["file": media.filename])
        return media
    }

    func detach(_ media: MediaID, from id: ContentItemID, in workspace: WorkspaceID, by user: User, role: Role) async throws {
        try requireEditor(role)
        try await storage.content.deleteMedia(media, of: id, in: workspace)
        await audit("content.media_detached", id, in: workspace, by: user, details: ["media": media.description])
    }

    // MARK: Reviews

    func review(
        _ id: ContentItemID, decision: ReviewDecision, comment: String, fingerprint: String, in workspace: WorkspaceID,
        by user: User, role: Role
    ) async throws -> ContentReview {
        guard role.canApproveContent || (decision == .commented && role.canReadInbox) else {
            throw DomainError.forbidden("Your role cannot review content.")
        }
        let review = try await storage.content.addReview(
            NewContentReview(
                decision: decision, reviewerID: user.id, reviewerName: user.name, viaLink: false, comment: comment,
                fingerprint: fingerprint
            ).validated(), to: id, in: workspace)
        await audit("content.reviewed", id, in: workspace, by: user, details: ["decision": decision.rawValue])
        return review
    }

    /// A client's decision through a review link: the link names the item and the workspace, and must be valid.
    func reviewByLink(token: String, decision: ReviewDecision, comment: String, fingerprint: String, name: String) async throws
        -> ContentReview
    {
        let grant = try grant(token)
        let review = try await storage.content.addReview(
            NewContentReview(
                decision: decision, reviewerID: nil, reviewerName: name, viaLink: true, comment: comment, fingerprint: fingerprint
            ).validated(), to: grant.contentID, in: grant.workspaceID)
        _ = try? await storage.audit.record(
            NewAuditEvent(
                workspaceID: grant.workspaceID, actorID: nil, action: "content.reviewed", targetType: "content",
                targetID: grant.contentID.description,
                details: ["decision": decision.rawValue, "via": "review link", "reviewer": review.reviewerName, "linkFor": grant.reviewer]))
        return review
    }

    /// The grant of a review link, or why it cannot be used, in words for the person who opened it.
    func grant(_ token: String) throws -> ReviewLinkSigner.Grant {
        do {
            return try dependencies.reviewLinks.verify(token, now: dependencies.clock.now())
        } catch .expired(let date) {
            // The signature is good: the link is Foyer's, so the page may say which workspace to ask.
            throw ReviewLinkError(expiredAt: date, workspaceID: (try? dependencies.reviewLinks.inspect(token))?.workspaceID)
        } catch {
            throw DomainError.notFound("This review link is not valid. Ask for a new one.")
        }
    }

    static let reviewLinkLifetimes = 1...30

    func makeReviewLink(
        _ id: ContentItemID, reviewer: String, lifetimeDays: Int, in workspace: WorkspaceID, by user: User, role: Role
    ) async throws -> URL {
        try requireEditor(role)
        _ = try await item(id, in: workspace)
        let reviewer = try Validation.name(reviewer, field: "reviewer")
        guard Self.reviewLinkLifetimes.contains(lifetimeDays) else {
            throw DomainError.invalid(field: "days", message: "Choose a lifetime of 1 to 30 days.")
        }
        let expiresAt = dependencies.clock.now().addingTimeInterval(TimeInterval(lifetimeDays) * 86_400)
        let token = dependencies.reviewLinks.token(
            for: .init(workspaceID: workspace, contentID: id, expiresAt: expiresAt, reviewer: reviewer))
        await audit(
            "content.review_link_created", id, in: workspace, by: user,
            details: ["reviewer": reviewer, "expiresAt": ISO8601DateFormatter().string(from: expiresAt)])
        return dependencies.settings.publicURL.appendingPathComponent("review").appendingPathComponent(token)
    }

    // MARK: Publications

    func schedule(_ request: PostRequest, in workspace: WorkspaceID, by user: User, role: Role) async throws -> Publication {
        try requireEditor(role)
        let publication = try await publishing.schedule(request, in: workspace, by: user.id)
        dependencies.publishSignal.notify()
        return publication
    }

    func publication(_ id: PublicationID, in workspace: WorkspaceID) async throws -> Publication {
        guard let publication = try await storage.publications.find(id, in: workspace), publication.purpose == .post else {
            throw DomainError.notFound("Publication not found.")
        }
        return publication
    }

    func reschedule(_ id: PublicationID, to date: Date, in workspace: WorkspaceID, by user: User, role: Role) async throws -> Publication {
        try requireEditor(role)
        _ = try await publication(id, in: workspace)
        let now = dependencies.clock.now()
        try ContentPublishing.requireNotPast(date, now: now)
        let moved = try await storage.publications.reschedule(id, to: date, in: workspace, now: now)
        dependencies.publishSignal.notify()
        await audit(
            "publication.rescheduled", moved.post?.contentID, in: workspace, by: user,
            details: ["publication": id.description, "scheduledAt": ISO8601DateFormatter().string(from: date)])
        return moved
    }

    func cancel(_ id: PublicationID, in workspace: WorkspaceID, by user: User, role: Role) async throws {
        try requireEditor(role)
        let publication = try await publication(id, in: workspace)
        try await storage.publications.cancel(id, in: workspace)
        if let content = publication.post?.contentID, let item = try await storage.content.find(content, in: workspace) {
            try await publishing.settleStatus(of: item, tally: try await storage.publications.tally(content: content, in: workspace))
        }
        await audit("publication.cancelled", publication.post?.contentID, in: workspace, by: user, details: ["publication": id.description])
    }

    /// Puts a failed post back in the queue, now.
    func retry(_ id: PublicationID, in workspace: WorkspaceID, by user: User, role: Role) async throws -> Publication {
        try requireEditor(role)
        let publication = try await publication(id, in: workspace)
        guard publication.state == .failed else {
            throw DomainError.conflict("Only a failed publication can be retried; this one is \(publication.state.rawValue).")
        }
        let next = try publication.applying(.retry(at: dependencies.clock.now()))
        try await storage.publications.save(next, expecting: .failed)
        dependencies.publishSignal.notify()
        await audit("publication.retried", publication.post?.contentID, in: workspace, by: user, details: ["publication": id.description])
        return next
    }

    // MARK: Support

    private func requireEditor(_ role: Role) throws {
        guard role.canEditContent else { throw DomainError.forbidden("Your role cannot change content. Ask a manager.") }
    }

    private func audit(_ action: String, _ id: ContentItemID?, in workspace: WorkspaceID, by user: User, details: [String: String])
        async
    {
        _ = try? await storage.audit.record(
            NewAuditEvent(
                workspaceID: workspace, actorID: user.id, action: action, targetType: "content", targetID: id?.description,
                details: details))
    }
}

/// A review link past its expiry: the page says when it expired and whom to ask.
struct ReviewLinkError: Error, Equatable {
    let expiredAt: Date
    /// The workspace the link was made in, whose team can make a new one.
    var workspaceID: WorkspaceID? = nil
    static func expired(_ date: Date) -> ReviewLinkError { ReviewLinkError(expiredAt: date) }
}
