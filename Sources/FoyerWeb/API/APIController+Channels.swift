import Foundation
import FoyerCore
import Hummingbird
import Logging

extension APIController {
    var channelSetup: ChannelSetup { ChannelSetup(dependencies: dependencies) }

    func createChannel(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await APIBody.decode(APIChannelCreate.self, from: request, context: context)
        let created: ChannelSetup.Created
        do {
            created = try await channelSetup.create(
                kind: body.kind, name: body.name, settings: body.settings ?? [:], credentials: body.credentials ?? [:],
                in: scope.workspace.id, by: context.user.id, via: "api", logger: context.logger)
        } catch ChannelSetup.Failure.unsupportedKind(let kind, let available) {
            let names = available.map(\.rawValue).joined(separator: ", ")
            let list = names.isEmpty ? "none" : names
            throw APIError.unprocessable(
                field: "kind",
                message: APIText(
                    en: "\"\(kind)\" is not a channel kind this installation can connect. Kinds: \(list).",
                    fr: "« \(kind) » n’est pas un type de canal que cette installation peut connecter. Types : \(list)."
                ))
        }
        // ChannelSetup.Failure.noSealer is a configuration fault: it is logged and answered 500 with a request id.
        let detail = APIChannelDetail(
            created.channel, capabilities: dependencies.connectors[created.channel.kind]?.capabilities,
            webhookURL: channelSetup.webhookURL(for: created.channel), createdSecret: .some(created.generatedSecret))
        return try APIJSONResponse.make(detail, status: .created)
    }

    func getChannel(scope: WorkspaceScope, context: APIRequestContext) async throws -> Response {
        let channel = try await channel(scope: scope, context: context)
        let detail = APIChannelDetail(
            channel, capabilities: dependencies.connectors[channel.kind]?.capabilities,
            webhookURL: scope.role.canManageSettings ? channelSetup.webhookURL(for: channel) : nil)
        return try APIJSONResponse.make(detail, status: .ok)
    }

    func deleteChannel(scope: WorkspaceScope, context: APIRequestContext) async throws -> Response {
        let channel = try await channel(scope: scope, context: context)
        try await channelSetup.delete(channel, by: context.user.id, via: "api", logger: context.logger)
        return Response(status: .noContent)
    }

    func listChannelFailures(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let page = try query.page()
        let channel = try await channel(scope: scope, context: context)
        let failures = try await dependencies.storage.inboundEvents.failures(
            in: scope.workspace.id, channel: channel.id, limit: 500
        ).map(APIInboundFailure.init)
        return try APIOffsetCursor.page(of: failures, request: page).response(from: request, context: context)
    }

    func retryInboundEvent(scope: WorkspaceScope, context: APIRequestContext) async throws -> Response {
        let id: InboundEventID = try pathID("eventID", context: context)
        try await channelSetup.retry(id, in: scope.workspace.id, by: context.user.id, via: "api")
        return try APIJSONResponse.make(APIInboundRetry(id: id.rawValue, status: "pending"), status: .ok)
    }

    /// The channel of `{channelID}` in the scope's workspace; 404 when it is in no workspace the caller sees.
    private func channel(scope: WorkspaceScope, context: APIRequestContext) async throws -> Channel {
        let id: ChannelID = try pathID("channelID", context: context)
        guard let channel = try await dependencies.storage.channels.find(id, in: scope.workspace.id) else {
            throw APIError.notFound(
                APIText(
                    en:
                        "No channel with id \(id) in this workspace. List them at /api/v1/workspaces/\(scope.workspace.id)/channels.",
                    fr:
                        "Aucun canal avec l’identifiant \(id) dans cet espace. La liste est dans /api/v1/workspaces/\(scope.workspace.id)/channels."
                ))
        }
        return channel
    }
}
