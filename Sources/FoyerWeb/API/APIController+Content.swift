import Foundation
import FoyerCore
import HTTPTypes
import Hummingbird

extension APIController {
    var contentWorkflow: ContentWorkflow { ContentWorkflow(dependencies: dependencies) }

    func respondContent(to route: APIRoute, scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let workspace = scope.workspace.id
        let (user, role) = (context.user, scope.role)
        let workflow = contentWorkflow
        switch route.operation {
        case .listContent:
            let filter = try contentFilter(query)
            let page = try query.page()
            let items = try await withCursorErrors {
                try await dependencies.storage.content.list(in: workspace, filter: filter, page: page)
            }
            return try APIList(data: items.items.map(APIContent.init), next: items.next).response(from: request, context: context)
        case .createContent:
            let body = try await APIBody.decode(APIContentInput.self, from: request, context: context)
            let draft = ContentDraft(
                title: body.title, body: body.body ?? "", status: try status(body.status),
                contentType: body.contentType ?? ContentTypeDefinition.defaultKey, campaign: body.campaign, tags: body.tags ?? [],
                evergreen: body.evergreen?.policy, notes: body.notes ?? "")
            let item = try await workflow.create(draft, in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIContent(item), status: .created)
        case .getContent:
            return try APIJSONResponse.make(APIContentDetail(try await workflow.detail(contentID(context), in: workspace)), status: .ok)
        case .updateContent:
            let body = try await APIBody.decode(APIContentUpdate.self, from: request, context: context)
            let id = try contentID(context)
            let current = try await workflow.item(id, in: workspace)
            let draft = ContentDraft(
                title: body.title ?? current.title, body: body.body ?? current.body, status: try status(body.status),
                contentType: body.contentType ?? current.contentType, campaign: body.campaign ?? current.campaign,
                tags: body.tags ?? current.tags, evergreen: body.evergreen.map { $0?.policy } ?? current.evergreen,
                notes: body.notes ?? current.notes)
            let item = try await workflow.update(id, with: draft, in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIContent(item), status: .ok)
        case .deleteContent:
            try await workflow.delete(contentID(context), in: workspace, by: user, role: role)
            return Response(status: .noContent)
        case .saveContentVariant:
            let body = try await APIBody.decode(APIVariantInput.self, from: request, context: context)
            let translation = try body.translation.map { raw in
                guard let value = TranslationStatus(rawValue: raw) else {
                    throw DomainError.invalid(
                        field: "translation",
                        message: "Use one of: \(TranslationStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return value
            }
            let draft = VariantDraft(
                channelID: body.channelId.map(ChannelID.init), marketID: body.marketId.map(MarketID.init), title: body.title,
                body: body.body, followUps: body.followUps ?? [], mediaIDs: (body.mediaIds ?? []).map(MediaID.init),
                translation: translation ?? (body.marketId == nil ? .none : .needed))
            let variant = try await workflow.saveVariant(draft, of: contentID(context), in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIContentVariant(variant), status: .ok)
        case .deleteContentVariant:
            let variant: ContentVariantID = try pathID("variantID", context: context)
            try await workflow.deleteVariant(variant, of: contentID(context), in: workspace, by: user, role: role)
            return Response(status: .noContent)
        case .reviewContent:
            let body = try await APIBody.decode(APIReviewInput.self, from: request, context: context)
            guard let decision = ReviewDecision(rawValue: body.decision) else {
                throw DomainError.invalid(
                    field: "decision", message: "Use one of: \(ReviewDecision.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let id = try contentID(context)
            let fingerprint: String
            if let given = body.fingerprint {
                fingerprint = given
            } else {
                fingerprint = try await workflow.detail(id, in: workspace).fingerprint
            }
            let review = try await workflow.review(
                id, decision: decision, comment: body.comment ?? "", fingerprint: fingerprint, in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIContentReview(review), status: .created)
        case .listPublications:
            let state = try query.value("state", as: PublicationState.self)
            let posts = try await dependencies.storage.publications.list(in: workspace, state: state, purpose: .post, limit: 1000)
                .map(APIPost.init)
            return try APIOffsetCursor.page(of: posts, request: try query.page()).response(from: request, context: context)
        case .createPublication:
            let body = try await APIBody.decode(APIPublicationInput.self, from: request, context: context)
            let key = request.headers[HTTPField.Name("Idempotency-Key")!].map { "api-post:\($0)" }
            let publication = try await workflow.schedule(
                PostRequest(
                    contentID: ContentItemID(body.contentId), channelID: ChannelID(body.channelId),
                    variantID: body.variantId.map(ContentVariantID.init), marketID: body.marketId.map(MarketID.init),
                    scheduledAt: body.scheduledAt, requestKey: key),
                in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIPost(publication), status: .created)
        case .getPublication:
            return try APIJSONResponse.make(APIPost(try await workflow.publication(publicationID(context), in: workspace)), status: .ok)
        case .updatePublication:
            let body = try await APIBody.decode(APIPublicationUpdate.self, from: request, context: context)
            let moved = try await workflow.reschedule(
                publicationID(context), to: body.scheduledAt, in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIPost(moved), status: .ok)
        case .cancelPublication:
            try await workflow.cancel(publicationID(context), in: workspace, by: user, role: role)
            return Response(status: .noContent)
        case .retryPublication:
            let retried = try await workflow.retry(publicationID(context), in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIPost(retried), status: .ok)
        case .listMarkets:
            let markets = try await dependencies.storage.planning.markets(in: workspace).map(APIMarket.init)
            return try APIOffsetCursor.page(of: markets, request: try query.page()).response(from: request, context: context)
        case .createMarket:
            let body = try await APIBody.decode(APIMarketInput.self, from: request, context: context)
            let market = try await dependencies.storage.planning.createMarket(
                NewMarket(name: body.name, locale: body.locale, timeZone: body.timeZone), in: workspace)
            return try APIJSONResponse.make(APIMarket(market), status: .created)
        case .exportContent:
            let delimiter: ContentCSV.Delimiter = try query.string("delimiter") == "semicolon" ? .semicolon : .comma
            let data = try await workflow.exportCSV(try contentFilter(query), delimiter: delimiter, in: workspace)
            return FileDownload.response(data, type: "text/csv; charset=utf-8", filename: "content.csv")
        case .importContent:
            if let type = request.headers[.contentType], !type.lowercased().hasPrefix("text/csv") {
                throw APIError.unsupportedMediaType
            }
            var request = request
            let body = try await request.collectBody(upTo: ContentCSV.maxFileBytes)
            let report = try await workflow.importCSV(
                Data(body.readableBytesView), dryRun: try query.string("dryRun") == "true", in: workspace, by: user, role: role)
            return try APIJSONResponse.make(APIContentImportReport(report), status: .ok)
        default:
            throw APIError.notFound(.noEndpoint)
        }
    }

    /// The list's and the export's filters; each one is optional.
    private func contentFilter(_ query: APIQuery) throws -> ContentFilter {
        ContentFilter(
            statuses: try query.value("status", as: ContentStatus.self).map { [$0] } ?? [],
            contentType: try query.string("contentType")?.lowercased(), campaign: try query.string("campaign"),
            tag: try query.string("tag"), evergreen: try query.string("evergreen").map { $0 == "true" },
            query: try query.string("q"))
    }

    private func contentID(_ context: APIRequestContext) throws -> ContentItemID { try pathID("contentID", context: context) }
    private func publicationID(_ context: APIRequestContext) throws -> PublicationID { try pathID("publicationID", context: context) }

    private func status(_ raw: String?) throws -> ContentStatus? {
        guard let raw else { return nil }
        guard let status = ContentStatus(rawValue: raw) else {
            throw DomainError.invalid(
                field: "status", message: "Use one of: \(ContentStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return status
    }
}
