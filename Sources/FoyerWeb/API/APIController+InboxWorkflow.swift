import Foundation
import FoyerCore
import HTTPTypes
import Hummingbird

/// The inbox workflow in the API: the same changes as the pages, through ``InboxWorkflow``.
extension APIController {
    var workflow: InboxWorkflow { InboxWorkflow(dependencies: dependencies) }

    func conversationFilter(_ query: APIQuery, me: UserID) throws -> ConversationFilter {
        var filter = ConversationFilter(
            status: try query.value("status", as: ConversationStatus.self),
            channelID: try query.id("channel"),
            language: try query.language(),
            text: try query.string("q"),
            tag: try query.string("tag"),
            sentiment: try query.value("sentiment", as: SentimentLabel.self),
            intent: try query.string("intent"),
            toxic: try Self.bool(query, "toxic"),
            spam: try Self.bool(query, "spam"),
            slaBreached: try query.string("sla") == "breached")
        if let raw = try query.string("assignee") {
            filter.assignee = try Self.assigneeFilter(raw, me: me)
        }
        if let raw = try query.string("sort") {
            guard let sort = ConversationSort(rawValue: raw) else {
                let allowed = ConversationSort.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidParameter(
                    name: "sort",
                    message: APIText(
                        en: "\"sort\" must be one of: \(allowed).", fr: "« sort » doit valoir l’un de : \(allowed)."))
            }
            filter.sort = sort
        }
        if let intent = filter.intent, !NewSavedReply.knownIntents.contains(intent) {
            let allowed = NewSavedReply.knownIntents.joined(separator: ", ")
            throw APIError.invalidParameter(
                name: "intent",
                message: APIText(
                    en: "\"intent\" must be one of: \(allowed).", fr: "« intent » doit valoir l’un de : \(allowed)."))
        }
        return filter
    }

    private static func bool(_ query: APIQuery, _ name: String) throws -> Bool? {
        guard let raw = try query.string(name) else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default:
            throw APIError.invalidParameter(
                name: name,
                message: APIText(en: "\"\(name)\" must be true or false.", fr: "« \(name) » doit valoir true ou false.")
            )
        }
    }

    static func assigneeFilter(_ raw: String, me: UserID) throws -> AssigneeFilter {
        switch raw {
        case "me": return .user(me)
        case "unassigned": return .unassigned
        case "someone": return .someone
        default:
            guard let id = UserID(raw) else {
                throw APIError.invalidParameter(
                    name: "assignee",
                    message: APIText(
                        en: "\"assignee\" must be me, unassigned, someone or a user id.",
                        fr: "« assignee » doit valoir me, unassigned, someone ou un identifiant d’utilisateur."))
            }
            return .user(id)
        }
    }

    /// `me`, `nobody` or a user id, for a change of assignee.
    static func assignee(_ raw: String, me: UserID, field: String) throws -> UserID? {
        switch raw {
        case "me": return me
        case "nobody": return nil
        default:
            guard let id = UserID(raw) else {
                throw APIError.invalidField(
                    field: field,
                    message: APIText(
                        en: "\"\(field)\" must be me, nobody or a user id.",
                        fr: "« \(field) » doit valoir me, nobody ou un identifiant d’utilisateur."))
            }
            return id
        }
    }

    private func conversation(scope: WorkspaceScope, context: APIRequestContext) async throws -> Conversation {
        let id: ConversationID = try pathID("conversationID", context: context)
        guard let conversation = try await dependencies.storage.conversations.find(id, in: scope.workspace.id) else {
            throw APIError.notFound(
                APIText(
                    en: "No conversation with id \(id) in this workspace.",
                    fr: "Aucune conversation avec l’identifiant \(id) dans cet espace de travail."))
        }
        return conversation
    }

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try APIJSON.encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Validates every field first, then applies them: one bad field changes nothing.
    func updateConversation(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let update = try await APIBody.decode(APIConversationUpdate.self, from: request, context: context)
        let current = try await conversation(scope: scope, context: context)
        guard update.status != nil || update.assignee != nil || update.priority != nil || update.snoozedUntil != nil
        else {
            throw APIError.invalidBody(
                APIText(
                    en: "Send at least one of: status, snoozedUntil, assignee, priority.",
                    fr: "Envoyez au moins un de ces champs : status, snoozedUntil, assignee, priority."))
        }
        let status = try update.status.map { raw -> ConversationStatus in
            guard let status = ConversationStatus(rawValue: raw) else {
                let allowed = ConversationStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidField(
                    field: "status",
                    message: APIText(en: "Choose one of: \(allowed).", fr: "Choisissez parmi : \(allowed)."))
            }
            return status
        }
        let priority = try update.priority.map { raw -> ConversationPriority in
            guard let priority = ConversationPriority(rawValue: raw) else {
                let allowed = ConversationPriority.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidField(
                    field: "priority",
                    message: APIText(en: "Choose one of: \(allowed).", fr: "Choisissez parmi : \(allowed)."))
            }
            return priority
        }
        let assignee = try update.assignee.map { try Self.assignee($0, me: context.user.id, field: "assignee") }
        let snoozing = status == .snoozed || (status == nil && update.snoozedUntil != nil)
        if snoozing, update.snoozedUntil == nil {
            throw APIError.invalidField(
                field: "snoozedUntil",
                message: APIText(
                    en: "Give snoozedUntil (ISO 8601) to snooze the conversation.",
                    fr: "Donnez snoozedUntil (ISO 8601) pour mettre la conversation en pause."))
        }
        let user = context.user
        let workspace = scope.workspace.id
        if let assignee {
            try await workflow.assign(current.id, in: workspace, to: assignee, by: user)
        }
        if let priority { try await workflow.setPriority(current.id, in: workspace, to: priority, by: user) }
        if status != nil || snoozing {
            try await workflow.changeStatus(
                current.id, in: workspace, to: status ?? .snoozed, snoozedUntil: update.snoozedUntil, by: user)
        }
        let updated = try await conversation(scope: scope, context: context)
        return try APIConversation(updated).response(from: request, context: context)
    }

    func addConversationTag(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let body = try await APIBody.decode(APITagInput.self, from: request, context: context)
        let current = try await conversation(scope: scope, context: context)
        try await workflow.addTag(body.name, to: current.id, in: scope.workspace.id, by: context.user)
        return try APIConversation(try await conversation(scope: scope, context: context))
            .response(from: request, context: context)
    }

    func removeConversationTag(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let current = try await conversation(scope: scope, context: context)
        let tag = context.parameters.get("tag")?.removingPercentEncoding ?? ""
        try await workflow.removeTag(tag, from: current.id, in: scope.workspace.id, by: context.user)
        return try APIConversation(try await conversation(scope: scope, context: context))
            .response(from: request, context: context)
    }

    func listConversationNotes(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let page = try query.page()
        let current = try await conversation(scope: scope, context: context)
        let names = Mentions.names(of: try await dependencies.storage.memberships.list(in: scope.workspace.id))
        let notes = try await dependencies.storage.notes.list(conversation: current.id, in: scope.workspace.id)
            .map { APINote($0, names: names) }
        return try APIOffsetCursor.page(of: notes, request: page).response(from: request, context: context)
    }

    func addConversationNote(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let body = try await APIBody.decode(APITextInput.self, from: request, context: context)
        let current = try await conversation(scope: scope, context: context)
        let note = try await workflow.addNote(body.body, to: current.id, in: scope.workspace.id, by: context.user)
        let names = Mentions.names(of: try await dependencies.storage.memberships.list(in: scope.workspace.id))
        return try json(APINote(note, names: names), status: .created)
    }

    func listConversationReplies(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let page = try query.page()
        let current = try await conversation(scope: scope, context: context)
        let replies = try await dependencies.storage.publications.list(conversation: current.id, in: scope.workspace.id)
            .map(APIPublication.init)
        return try APIOffsetCursor.page(of: replies, request: page).response(from: request, context: context)
    }

    /// Queues the reply in the publish ledger: `202 Accepted` with the entry; the worker sends it. With an
    /// `Idempotency-Key` header, a retried request returns the reply the first one queued.
    func createConversationReply(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let body = try await APIBody.decode(APITextInput.self, from: request, context: context)
        let current = try await conversation(scope: scope, context: context)
        let key = request.headers[HTTPField.Name("Idempotency-Key")!].map { "api:\($0)" }
        let publication = try await workflow.reply(
            body.body, to: current.id, in: scope.workspace.id, by: context.user, requestKey: key)
        return try json(APIPublication(publication), status: .accepted)
    }

    /// Moderates through the channel's connector; a platform refusal is `422 unprocessable` with its message.
    func moderateMessage(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let body = try await APIBody.decode(APIModerationInput.self, from: request, context: context)
        let id: MessageID = try pathID("messageID", context: context)
        guard let action = ModerationAction(rawValue: body.action) else {
            let allowed = ModerationAction.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidField(
                field: "action", message: APIText(en: "Choose one of: \(allowed).", fr: "Choisissez parmi : \(allowed)."))
        }
        let workspace = scope.workspace.id
        let message: Message
        do {
            message = try await workflow.moderate(
                id, action: action, reason: body.reason, in: workspace, by: context.user)
        } catch let refusal as ModerationRefused {
            throw APIError.unprocessable(
                field: "action",
                message: APIText(
                    en: "The platform refused \"\(action.rawValue)\": \(refusal.message) Nothing was changed in Foyer.",
                    fr: "La plateforme a refusé « \(action.rawValue) » : \(refusal.message) Rien n’a été modifié dans Foyer."))
        }
        var banned = false
        if let channel = try await dependencies.storage.channels.find(message.channelID, in: workspace) {
            banned = try await workflow.author(of: message, on: channel.kind, in: workspace)?.bannedAt != nil
        }
        return try APIModerationResult(action: action.rawValue, message: APIMessage(message), authorBanned: banned)
            .response(from: request, context: context)
    }

    func bulkConversations(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let body = try await APIBody.decode(APIBulkAction.self, from: request, context: context)
        let action: ConversationBulkAction
        switch body.action {
        case "assign":
            action = .assign(try Self.assignee(body.assignee ?? "me", me: context.user.id, field: "assignee"))
        case "tag":
            guard let tag = body.tag else {
                throw APIError.invalidField(
                    field: "tag", message: APIText(en: "Give the tag to add.", fr: "Donnez l’étiquette à ajouter."))
            }
            action = .tag(tag)
        case "close": action = .close
        case "spam": action = .markSpam
        default:
            throw APIError.invalidField(
                field: "action",
                message: APIText(
                    en: "Choose one of: assign, tag, close, spam.", fr: "Choisissez parmi : assign, tag, close, spam."))
        }
        guard body.ids.allSatisfy({ $0 > 0 }) else {
            throw APIError.invalidField(
                field: "ids",
                message: APIText(
                    en: "Ids are positive whole numbers.", fr: "Les identifiants sont des entiers positifs."))
        }
        let changed = try await workflow.bulk(
            action, to: body.ids.map(ConversationID.init), in: scope.workspace.id, by: context.user)
        return try APIBulkResult(changed: changed).response(from: request, context: context)
    }

    func listSavedViews(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let page = try query.page()
        let views = try await dependencies.storage.savedViews.list(in: scope.workspace.id, visibleTo: context.user.id)
            .map(APISavedView.init)
        return try APIOffsetCursor.page(of: views, request: page).response(from: request, context: context)
    }

    func createSavedView(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await APIBody.decode(APISavedViewInput.self, from: request, context: context)
        let view = try await workflow.createView(
            name: body.name, filters: body.filters ?? [:], visibility: try Self.visibility(body.visibility) ?? .shared,
            in: scope.workspace.id, by: context.user)
        return try json(APISavedView(view), status: .created)
    }

    func getSavedView(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response {
        let id: SavedViewID = try pathID("savedViewID", context: context)
        let view = try await workflow.view(id, in: scope.workspace.id, for: context.user)
        return try APISavedView(view).response(from: request, context: context)
    }

    func updateSavedView(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response
    {
        let id: SavedViewID = try pathID("savedViewID", context: context)
        let body = try await APIBody.decode(APISavedViewUpdate.self, from: request, context: context)
        let view = try await workflow.updateView(
            id, name: body.name, filters: body.filters, visibility: try Self.visibility(body.visibility),
            in: scope.workspace.id, by: context.user, role: scope.role)
        return try APISavedView(view).response(from: request, context: context)
    }

    func deleteSavedView(scope: WorkspaceScope, context: APIRequestContext) async throws -> Response {
        let id: SavedViewID = try pathID("savedViewID", context: context)
        try await workflow.deleteView(id, in: scope.workspace.id, by: context.user, role: scope.role)
        return Response(status: .noContent)
    }

    private static func visibility(_ raw: String?) throws -> SavedViewVisibility? {
        guard let raw else { return nil }
        guard let visibility = SavedViewVisibility(rawValue: raw) else {
            throw APIError.invalidField(
                field: "visibility",
                message: APIText(en: "Choose one of: private, shared.", fr: "Choisissez parmi : private, shared."))
        }
        return visibility
    }

    func listSavedReplies(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let page = try query.page()
        let replies = try await dependencies.storage.savedReplies.list(in: scope.workspace.id).map(APISavedReply.init)
        return try APIOffsetCursor.page(of: replies, request: page).response(from: request, context: context)
    }

    func createSavedReply(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response
    {
        let body = try await APIBody.decode(APISavedReplyInput.self, from: request, context: context)
        let reply = try await dependencies.storage.savedReplies.create(Self.newReply(body), in: scope.workspace.id)
        return try json(APISavedReply(reply), status: .created)
    }

    func updateSavedReply(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response
    {
        let id: SavedReplyID = try pathID("savedReplyID", context: context)
        let body = try await APIBody.decode(APISavedReplyInput.self, from: request, context: context)
        let reply = try await dependencies.storage.savedReplies.update(
            id, with: Self.newReply(body), in: scope.workspace.id)
        return try APISavedReply(reply).response(from: request, context: context)
    }

    func deleteSavedReply(scope: WorkspaceScope, context: APIRequestContext) async throws -> Response {
        let id: SavedReplyID = try pathID("savedReplyID", context: context)
        try await dependencies.storage.savedReplies.delete(id, in: scope.workspace.id)
        return Response(status: .noContent)
    }

    private static func newReply(_ body: APISavedReplyInput) -> NewSavedReply {
        NewSavedReply(
            name: body.name, intents: body.intents ?? [],
            versions: body.versions.map { SavedReplyVersion(language: $0.language, body: $0.body) })
    }

    func getInboxSettings(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response
    {
        let settings = try await dependencies.storage.inboxSettings.find(in: scope.workspace.id)
        return try APIInboxSettings(settings).response(from: request, context: context)
    }

    func updateInboxSettings(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let body = try await APIBody.decode(APIInboxSettings.self, from: request, context: context)
        let settings = try body.settings()
        try await dependencies.storage.inboxSettings.save(settings, in: scope.workspace.id)
        try await dependencies.storage.audit.record(
            NewAuditEvent(
                workspaceID: scope.workspace.id, actorID: context.user.id, action: "inbox.settings_updated",
                targetType: "workspace", targetID: scope.workspace.id.description,
                details: ["firstResponseMinutes": settings.firstResponseMinutes.map(String.init) ?? "", "via": "api"]))
        return try APIInboxSettings(settings).response(from: request, context: context)
    }
}
