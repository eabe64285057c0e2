import Foundation
import FoyerCore
import Hummingbird

/// The page a client opens from a review link, without an account: exactly what will be published where
/// and when, and a form to approve or ask for changes. The signed token names the item; the form carries
/// the fingerprint of what the page showed, so a decision on text that changed since is refused.
struct ReviewLinkPages: Sendable {
    let kit: PageKit

    var workflow: ContentWorkflow { ContentWorkflow(dependencies: kit.dependencies) }

    struct FileView: Sendable {
        let url: String
        let filename: String
        let isImage: Bool
        let altText: String?
    }

    struct Part: Sendable {
        let heading: String
        let title: String
        let hasTitle: Bool
        let body: String
        let followUps: [String]
        let hasFollowUps: Bool
        let files: [FileView]
        let hasFiles: Bool
    }

    struct PostView: Sendable {
        let channel: String
        let market: String?
        let when: DateView
        let state: String
        let part: Part
    }

    struct ReviewView: Sendable {
        let workspaceName: String
        let title: String
        let reviewer: String
        let expires: DateView
        let timeZone: String
        let approved: Bool
        let master: Part
        let posts: [PostView]
        let hasPosts: Bool
        let variants: [Part]
        let hasVariants: Bool
        let action: String
        let fingerprint: String
        let name: String
        let comment: String
        let approveChecked: Bool
        let changesChecked: Bool
        let canDecide: Bool
        let changed: Bool
        let error: String?
    }

    struct ExpiredView: Sendable {
        let expired: DateView
        let ask: String
    }

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        return try await render(token, request: request, context: context)
    }

    func submit(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let form = context.form
        do {
            guard let decision = form["decision"].flatMap(ReviewDecision.init(rawValue:)),
                decision == .approved || decision == .changesRequested
            else { throw DomainError.invalid(field: "decision", message: "Choose a decision.") }
            _ = try await workflow.reviewByLink(
                token: token, decision: decision, comment: form["comment"] ?? "", fingerprint: form["fingerprint"] ?? "",
                name: form["name"] ?? "")
        } catch let error as ReviewLinkError {
            return try await expired(error, request: request, context: context)
        } catch let error as DomainError {
            switch error {
            case .notFound: throw PageError.notFound
            case .conflict:
                return try await render(
                    token, request: request, context: context, error: kit.message(for: error, context), typed: form,
                    changed: true, status: .conflict)
            case .invalid, .forbidden:
                return try await render(
                    token, request: request, context: context, error: kit.message(for: error, context), typed: form,
                    status: .badRequest)
            }
        }
        return .seeOther(path: SiteURL.review(token: token).path + "?notice=review_recorded")
    }

    /// `GET /review/:token/media/:media`: a file of the reviewed item.
    func media(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let grant = try? workflow.grant(token), let id = context.parameters.get("media").flatMap({ MediaID($0) }),
            let media = try await kit.storage.content.findMedia(id, in: grant.workspaceID), media.contentID == grant.contentID
        else { throw PageError.notFound }
        return try await ContentItemActionPages.fileResponse(media, store: kit.dependencies.media)
    }

    // MARK: Rendering

    func render(
        _ token: String, request: Request, context: FoyerRequestContext, error: String? = nil,
        typed: [String: String]? = nil, changed: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let grant: ReviewLinkSigner.Grant
        do {
            grant = try workflow.grant(token)
        } catch let error as ReviewLinkError {
            return try await expired(error, request: request, context: context)
        } catch {
            throw PageError.notFound
        }
        guard let workspace = try await kit.storage.workspaces.find(grant.workspaceID),
            let detail = try? await workflow.detail(grant.contentID, in: grant.workspaceID)
        else { throw PageError.notFound }
        let dates = DateDisplay(locale: context.locale, timeZoneIdentifier: workspace.timeZone)
        let channels = try await kit.storage.channels.list(in: workspace.id)
        let markets = try await kit.storage.planning.markets(in: workspace.id)
        let channelNames = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let marketNames = Dictionary(markets.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let files = Dictionary(detail.media.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func fileViews(_ ids: [MediaID]) -> [FileView] {
            ids.compactMap { files[$0] }.map {
                FileView(
                    url: SiteURL.reviewMedia(token: token, $0.id).path, filename: $0.filename, isImage: $0.isImage,
                    altText: $0.altText)
            }
        }
        func part(heading: String, title: String?, body: String, followUps: [String], media: [MediaID]) -> Part {
            let views = fileViews(media)
            return Part(
                heading: heading, title: title ?? "", hasTitle: !(title ?? "").isEmpty, body: body, followUps: followUps, hasFollowUps: !followUps.isEmpty,
                files: views, hasFiles: !views.isEmpty)
        }
        let item = detail.item
        let unknownChannel = kit.text("content.unknownChannel", context)
        let posts = detail.publications.filter { $0.state.isWaiting || $0.state == .failed }
            .sorted { $0.dueAt < $1.dueAt }
            .map { publication in
                PostView(
                    channel: channelNames[publication.channelID] ?? unknownChannel,
                    market: publication.post?.marketID.flatMap { marketNames[$0] }, when: DateView(publication.dueAt, dates),
                    state: kit.text("publication.\(publication.state.rawValue)", context),
                    part: part(
                        heading: channelNames[publication.channelID] ?? unknownChannel, title: publication.post?.title,
                        body: publication.body, followUps: publication.post?.followUps ?? [],
                        media: publication.post?.mediaIDs ?? []))
            }
        let variants = detail.variants.map { variant in
            part(
                heading: [
                    variant.channelID.map { channelNames[$0] ?? unknownChannel },
                    variant.marketID.map { marketNames[$0] ?? kit.text("content.unknownMarket", context) },
                ].compactMap { $0 }.joined(separator: " · "),
                title: variant.title, body: variant.body, followUps: variant.followUps, media: variant.mediaIDs)
        }
        let decision = typed?["decision"]
        let view = ReviewView(
            workspaceName: workspace.name, title: item.title, reviewer: grant.reviewer,
            expires: DateView(grant.expiresAt, dates), timeZone: workspace.timeZone, approved: detail.isApproved,
            master: part(
                heading: kit.text("review.masterText", context), title: item.title, body: item.body, followUps: [],
                media: variants.isEmpty ? detail.media.map(\.id) : []),
            posts: posts, hasPosts: !posts.isEmpty, variants: variants, hasVariants: !variants.isEmpty,
            action: SiteURL.review(token: token).path, fingerprint: detail.fingerprint,
            name: typed?["name"] ?? grant.reviewer, comment: typed?["comment"] ?? "",
            approveChecked: decision == "approved", changesChecked: decision == "changes_requested",
            canDecide: ![.published, .archived].contains(item.status), changed: changed, error: error)
        return try await kit.render(
            "review", title: kit.text("review.title", context, ["title": item.title]), content: view, request: request,
            context: context, status: status)
    }

    func expired(_ error: ReviewLinkError, request: Request, context: FoyerRequestContext) async throws -> Response {
        var workspace: Workspace?
        if let id = error.workspaceID { workspace = try await kit.storage.workspaces.find(id) }
        let dates = DateDisplay(locale: context.locale, timeZoneIdentifier: workspace?.timeZone)
        let ask =
            workspace.map { kit.text("review.askWorkspace", context, ["workspace": $0.name]) }
            ?? kit.text("review.askSender", context)
        return try await kit.render(
            "review-expired", title: kit.text("review.expiredTitle", context),
            content: ExpiredView(expired: DateView(error.expiredAt, dates), ask: ask), request: request, context: context,
            status: .gone)
    }
}
