import FoyerCore
import Hummingbird

/// The JSON API under `/api/v1`: every endpoint of ``APIRoute/all``, behind bearer-token authentication
/// (except the OpenAPI document), with one JSON error envelope.
///
/// Workspace routes resolve the workspace and the caller's membership before any handler runs: a
/// workspace that does not exist and one the caller is not a member of get the same 404.
public struct APIController: Sendable {
    let dependencies: WebDependencies

    public init(dependencies: WebDependencies) {
        self.dependencies = dependencies
    }

    /// Registers every route of ``APIRoute/all`` on `group` (mounted at `/api/v1`).
    public func register(on group: some RouterMethods<FoyerRequestContext>) {
        _ = group.add(middleware: APIErrorMiddleware<FoyerRequestContext>())
        for route in APIRoute.all where route.access == .anyone {
            group.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await self.respondPublic(to: route, request: request, context: context)
            }
        }
        let secured = group.group()
            .add(middleware: APIBearerAuthMiddleware(storage: dependencies.storage, clock: dependencies.clock))
            .group(context: APIRequestContext.self)
        for route in APIRoute.all where route.access != .anyone {
            secured.on(RouterPath(route.routerPath), method: route.method) { request, context in
                try await self.respond(to: route, request: request, context: context)
            }
        }
    }

    private func respondPublic(to route: APIRoute, request: Request, context: FoyerRequestContext) async throws
        -> Response
    {
        _ = try APIQuery(request: request, route: route)
        switch route.operation {
        case .openAPIDocument:
            return try OpenAPIDocument.response(publicURL: dependencies.settings.publicURL)
        default:
            // Only the document is public; the table says so and the tests hold it to that.
            throw APIError.notFound(.noEndpoint)
        }
    }

    private func respond(to route: APIRoute, request: Request, context: APIRequestContext) async throws -> Response {
        let query = try APIQuery(request: request, route: route)
        let scope: WorkspaceScope? =
            route.access.isWorkspaceScoped ? try await workspaceScope(for: route, context: context) : nil
        func requireScope() throws -> WorkspaceScope {
            guard let scope else { throw APIError.notFound(.noEndpoint) }
            return scope
        }
        switch route.operation {
        case .openAPIDocument:
            return try OpenAPIDocument.response(publicURL: dependencies.settings.publicURL)
        case .listWorkspaces:
            return try await listWorkspaces(query: query, request: request, context: context)
        case .getWorkspace:
            let scope = try requireScope()
            return try APIWorkspace(scope.workspace, role: scope.role).response(from: request, context: context)
        case .updateWorkspace:
            return try await updateWorkspace(scope: requireScope(), request: request, context: context)
        case .listChannels:
            return try await listChannels(scope: requireScope(), query: query, request: request, context: context)
        case .listMembers:
            return try await listMembers(scope: requireScope(), query: query, request: request, context: context)
        case .getMember:
            return try await getMember(scope: requireScope(), request: request, context: context)
        case .listConversations:
            return try await listConversations(scope: requireScope(), query: query, request: request, context: context)
        case .getConversation:
            return try await getConversation(scope: requireScope(), request: request, context: context)
        case .listMessages:
            return try await listMessages(scope: requireScope(), query: query, request: request, context: context)
        case .listNotifications:
            return try await listNotifications(scope: requireScope(), query: query, request: request, context: context)
        case .markNotificationRead:
            return try await markNotificationRead(scope: requireScope(), context: context)
        case .markAllNotificationsRead:
            return try await markAllNotificationsRead(scope: requireScope(), request: request, context: context)
        case .moderateMessage:
            return try await moderateMessage(scope: requireScope(), request: request, context: context)
        case .updateConversation:
            return try await updateConversation(scope: requireScope(), request: request, context: context)
        case .addConversationTag:
            return try await addConversationTag(scope: requireScope(), request: request, context: context)
        case .removeConversationTag:
            return try await removeConversationTag(scope: requireScope(), request: request, context: context)
        case .listConversationNotes:
            return try await listConversationNotes(
                scope: requireScope(), query: query, request: request, context: context)
        case .addConversationNote:
            return try await addConversationNote(scope: requireScope(), request: request, context: context)
        case .listConversationReplies:
            return try await listConversationReplies(
                scope: requireScope(), query: query, request: request, context: context)
        case .createConversationReply:
            return try await createConversationReply(scope: requireScope(), request: request, context: context)
        case .bulkConversations:
            return try await bulkConversations(scope: requireScope(), request: request, context: context)
        case .listSavedViews:
            return try await listSavedViews(scope: requireScope(), query: query, request: request, context: context)
        case .createSavedView:
            return try await createSavedView(scope: requireScope(), request: request, context: context)
        case .getSavedView:
            return try await getSavedView(scope: requireScope(), request: request, context: context)
        case .updateSavedView:
            return try await updateSavedView(scope: requireScope(), request: request, context: context)
        case .deleteSavedView:
            return try await deleteSavedView(scope: requireScope(), context: context)
        case .listSavedReplies:
            return try await listSavedReplies(scope: requireScope(), query: query, request: request, context: context)
        case .createSavedReply:
            return try await createSavedReply(scope: requireScope(), request: request, context: context)
        case .updateSavedReply:
            return try await updateSavedReply(scope: requireScope(), request: request, context: context)
        case .deleteSavedReply:
            return try await deleteSavedReply(scope: requireScope(), context: context)
        case .getInboxSettings:
            return try await getInboxSettings(scope: requireScope(), request: request, context: context)
        case .updateInboxSettings:
            return try await updateInboxSettings(scope: requireScope(), request: request, context: context)
        case .createChannel:
            return try await createChannel(scope: requireScope(), request: request, context: context)
        case .getChannel:
            return try await getChannel(scope: requireScope(), context: context)
        case .deleteChannel:
            return try await deleteChannel(scope: requireScope(), context: context)
        case .listChannelFailures:
            return try await listChannelFailures(scope: requireScope(), query: query, request: request, context: context)
        case .listContent, .createContent, .getContent, .updateContent, .deleteContent, .saveContentVariant,
            .deleteContentVariant, .reviewContent, .listPublications, .createPublication, .getPublication,
            .updatePublication, .cancelPublication, .retryPublication, .listMarkets, .createMarket, .exportContent,
            .importContent:
            return try await respondContent(to: route, scope: requireScope(), query: query, request: request, context: context)
        case .retryInboundEvent:
            return try await retryInboundEvent(scope: requireScope(), context: context)
        }
    }
}
