import Foundation
import FoyerCore
import Hummingbird
import NIOCore

/// The forms of a content item's page. Each changes one thing through ``ContentWorkflow`` and sends the
/// browser back (`303`) to the item; a refused value re-renders the page with the reason and the input.
struct ContentItemActionPages: Sendable {
    let kit: PageKit

    var workflow: ContentWorkflow { ContentWorkflow(dependencies: kit.dependencies) }
    var pages: ContentItemPages { ContentItemPages(kit: kit) }

    /// Loads the access and the item id; the item must exist in this workspace (else 404).
    private func start(_ request: Request, _ context: FoyerRequestContext) async throws -> (WorkspaceAccess, ContentItemID) {
        let access = try await kit.access(request, context)
        let id: ContentItemID = try kit.id("content", context)
        guard try await kit.storage.content.find(id, in: access.workspace.id) != nil else { throw PageError.notFound }
        return (access, id)
    }

    /// Runs a change and goes back to the item with a notice, or shows the item with the refusal in `form`.
    private func perform(
        _ request: Request, _ context: FoyerRequestContext, form: ContentItemPages.FailedForm?, notice: String,
        _ change: (WorkspaceAccess, ContentItemID) async throws -> Void
    ) async throws -> Response {
        let (access, id) = try await start(request, context)
        do {
            try await change(access, id)
        } catch let error as DomainError {
            if case .forbidden = error { throw PageError.forbidden }
            if case .notFound = error { throw PageError.notFound }
            return try await pages.render(
                id, request: request, context: context, access: access, error: kit.message(for: error, context),
                failure: form.map { ContentItemPages.Failure(form: $0, fields: context.form) })
        }
        return .seeOther(path: SiteURL.workspace(access.workspace.id, .contentItem(id)).path + "?notice=\(notice)")
    }

    // MARK: The item

    func update(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context, form: .item, notice: "saved") { access, id in
            let draft = try Self.draft(context.form, timeZone: access.workspace.timeZone)
            _ = try await workflow.update(id, with: draft, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    /// The editor's fields as a draft (validation of the values is the workflow's).
    static func draft(_ form: [String: String], timeZone: String) throws -> ContentDraft {
        var evergreen: EvergreenPolicy?
        if form["evergreen"] == "on" {
            guard let days = Int(form["evergreenIntervalDays"]?.trimmingCharacters(in: .whitespaces) ?? "") else {
                throw DomainError.invalid(field: "evergreenIntervalDays", message: "Use an interval of 1 to 365 days.")
            }
            var until: Date?
            if let raw = form["evergreenUntil"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                guard let day = ContentItemPages.dayFormatter(timeZone).date(from: raw) else {
                    throw DomainError.invalid(field: "evergreenUntil", message: "Enter a date such as 2026-12-31.")
                }
                // The whole last day counts.
                until = day.addingTimeInterval(86_399)
            }
            var cap: Int?
            if let raw = form["evergreenCap"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                guard let value = Int(raw) else {
                    throw DomainError.invalid(field: "evergreenCap", message: "Use a cap of 1 to 1,000 publications.")
                }
                cap = value
            }
            evergreen = EvergreenPolicy(intervalDays: days, until: until, cap: cap)
        }
        return ContentDraft(
            title: form["title"] ?? "", body: form["body"] ?? "", contentType: form["contentType"] ?? "",
            campaign: form["campaign"], tags: (form["tags"] ?? "").split(separator: ",").map(String.init),
            evergreen: evergreen, notes: form["notes"] ?? "")
    }

    // MARK: Variants

    func saveVariant(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let key = context.form["variant"].flatMap { ContentVariantID($0) }?.description ?? "new"
        return try await perform(request, context, form: .variant(key), notice: "variant_saved") { access, id in
            let form = context.form
            let channel = try Self.optionalID(form["channelId"], field: "channelId", as: ChannelID.self)
            let market = try Self.optionalID(form["marketId"], field: "marketId", as: MarketID.self)
            let media = ContentItemPages.chosenMedia(form).sorted().compactMap { MediaID($0) }
            let draft = VariantDraft(
                channelID: channel, marketID: market, title: form["title"], body: form["body"] ?? "",
                followUps: ContentItemPages.followUps(form["followUps"] ?? ""), mediaIDs: media,
                translation: form["translation"].flatMap(TranslationStatus.init(rawValue:)) ?? .none)
            _ = try await workflow.saveVariant(draft, of: id, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    func deleteVariant(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context, form: nil, notice: "variant_deleted") { access, id in
            let variant: ContentVariantID = try kit.id("variant", context)
            try await workflow.deleteVariant(variant, of: id, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    /// `POST …/check`: the page's script sends a variant's text as it is typed and gets the network's verdict
    /// (`{"counted": "312 / 300", "over": true, "errors": [...], "warnings": [...]}`). Session and CSRF as any form.
    func check(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let (access, id) = try await start(request, context)
        let form = context.form
        guard let channelID = form["channelId"].flatMap({ ChannelID($0) }),
            let channel = try await kit.storage.channels.find(channelID, in: access.workspace.id)
        else {
            return Self.json(CheckAnswer(counted: "", over: false, errors: [], warnings: []))
        }
        let media = try await kit.storage.content.media(of: id, in: access.workspace.id)
        let chosen = ContentItemPages.chosenMedia(form)
        let item = try await kit.storage.content.find(id, in: access.workspace.id)
        let title = (form["title"]?.isEmpty ?? true) ? item?.title : form["title"]
        let view = ContentItemPages.check(
            body: String((form["body"] ?? "").prefix(ContentDraft.maxBodyLength + 1000)),
            followUps: ContentItemPages.followUps(form["followUps"] ?? ""), title: title,
            media: media.filter { chosen.contains($0.id.description) }, channel: channel, kit: kit, context)
        return Self.json(CheckAnswer(counted: view.counted, over: view.over, errors: view.errors, warnings: view.warnings))
    }

    /// What the check endpoint answers.
    struct CheckAnswer: Codable, Sendable {
        let counted: String
        let over: Bool
        let errors: [String]
        let warnings: [String]
    }

    static func json(_ answer: CheckAnswer) -> Response {
        let data = (try? JSONEncoder().encode(answer)) ?? Data("{}".utf8)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Files

    /// `POST …/media`, `multipart/form-data`: the file's type is read from its bytes and its size checked
    /// (``MediaPolicy``); the declared type must match.
    func upload(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context, form: .upload, notice: "media_attached") { access, id in
            guard let file = context.uploads.first(where: { $0.field == "file" }) else {
                throw DomainError.invalid(field: "file", message: "Choose a file to attach.")
            }
            let alt = context.form["altText"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard alt.count <= 1500 else { throw DomainError.invalid(field: "altText", message: "Use at most 1500 characters.") }
            _ = try await workflow.attach(
                data: file.data, filename: file.filename, declaredType: file.declaredType, altText: alt.isEmpty ? nil : alt,
                to: id, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    /// `GET …/media/:media`: the file's bytes, with the type Foyer recognised (never the uploader's).
    func mediaFile(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let (access, id) = try await start(request, context)
        let mediaID: MediaID = try kit.id("media", context)
        guard let media = try await kit.storage.content.findMedia(mediaID, in: access.workspace.id), media.contentID == id
        else { throw PageError.notFound }
        return try await Self.fileResponse(media, store: kit.dependencies.media)
    }

    static func fileResponse(_ media: ContentMedia, store: (any MediaStore)?) async throws -> Response {
        guard let store, let data = try? await store.get(media.sha256) else { throw PageError.notFound }
        let asciiName = String(media.filename.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" }.map(Character.init))
        return Response(
            status: .ok,
            headers: [
                .contentType: media.mimeType, .cacheControl: "private, max-age=3600",
                .contentDisposition: "inline; filename=\"\(asciiName)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func deleteMedia(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context, form: nil, notice: "media_detached") { access, id in
            let media: MediaID = try kit.id("media", context)
            try await workflow.detach(media, from: id, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    // MARK: Reviews

    func review(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context, form: .review, notice: "review_recorded") { access, id in
            guard let decision = context.form["decision"].flatMap(ReviewDecision.init(rawValue:)) else {
                throw DomainError.invalid(field: "decision", message: "Choose a decision.")
            }
            _ = try await workflow.review(
                id, decision: decision, comment: context.form["comment"] ?? "",
                fingerprint: context.form["fingerprint"] ?? "", in: access.workspace.id, by: access.user,
                role: access.role)
        }
    }

    /// `POST …/review-links`: shows the item again with the new link ready to copy (it is not stored).
    func reviewLink(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let (access, id) = try await start(request, context)
        do {
            guard let days = Int(context.form["days"]?.trimmingCharacters(in: .whitespaces) ?? "") else {
                throw DomainError.invalid(field: "days", message: "Choose a lifetime of 1 to 30 days.")
            }
            let link = try await workflow.makeReviewLink(
                id, reviewer: context.form["reviewer"] ?? "", lifetimeDays: days, in: access.workspace.id,
                by: access.user, role: access.role)
            return try await pages.render(
                id, request: request, context: context, access: access, createdLink: link.absoluteString)
        } catch let error as DomainError {
            if case .forbidden = error { throw PageError.forbidden }
            return try await pages.render(
                id, request: request, context: context, access: access, error: kit.message(for: error, context),
                failure: .init(form: .link, fields: context.form))
        }
    }

    // MARK: Publications

    func schedule(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context, form: .schedule, notice: "post_scheduled") { access, id in
            let form = context.form
            guard let channel = form["channelId"].flatMap({ ChannelID($0) }) else {
                throw DomainError.invalid(field: "channelId", message: "Choose a channel.")
            }
            let variant = try Self.optionalID(form["variantId"], field: "variantId", as: ContentVariantID.self)
            let market = try Self.optionalID(form["marketId"], field: "marketId", as: MarketID.self)
            let when = try LocalDateTimeInput.scheduledAt(form["scheduledAt"], in: LocalDateTimeInput.zone(access.workspace.timeZone))
            let key = form["requestKey"].flatMap { (16...100).contains($0.count) ? "form:\($0)" : nil }
            _ = try await workflow.schedule(
                PostRequest(
                    contentID: id, channelID: channel, variantID: variant, marketID: market, scheduledAt: when,
                    requestKey: key), in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    func cancel(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let publication: PublicationID = try kit.id("publication", context)
        return try await perform(request, context, form: .publication(publication), notice: "post_cancelled") { access, id in
            try await requirePublication(publication, of: id, in: access.workspace.id)
            try await workflow.cancel(publication, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    func reschedule(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let publication: PublicationID = try kit.id("publication", context)
        return try await perform(request, context, form: .publication(publication), notice: "post_rescheduled") { access, id in
            try await requirePublication(publication, of: id, in: access.workspace.id)
            let when = try LocalDateTimeInput.scheduledAt(context.form["scheduledAt"], in: LocalDateTimeInput.zone(access.workspace.timeZone))
            _ = try await workflow.reschedule(publication, to: when, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    func retry(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let publication: PublicationID = try kit.id("publication", context)
        return try await perform(request, context, form: .publication(publication), notice: "post_retried") { access, id in
            try await requirePublication(publication, of: id, in: access.workspace.id)
            _ = try await workflow.retry(publication, in: access.workspace.id, by: access.user, role: access.role)
        }
    }

    /// A publication of another item is not found through this item's page.
    private func requirePublication(_ id: PublicationID, of item: ContentItemID, in workspace: WorkspaceID) async throws {
        guard let publication = try await kit.storage.publications.find(id, in: workspace), publication.post?.contentID == item
        else { throw DomainError.notFound("Publication not found.") }
    }

    // MARK: Parsing

    static func optionalID<Entity>(_ raw: String?, field: String, as: Identifier<Entity>.Type) throws -> Identifier<Entity>? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let id = Identifier<Entity>(raw) else {
            throw DomainError.invalid(field: field, message: "Choose one of the options.")
        }
        return id
    }
}
