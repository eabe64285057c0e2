import FoyerCore
import Hummingbird

extension APIController {
    func listMembers(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let text = try query.string("q")
        let page = try query.page()
        let members = try await withCursorErrors {
            try await dependencies.storage.members.list(in: scope.workspace.id, query: text, page: page)
        }
        return try APIList(data: members.items.map { APIMember($0) }, next: members.next)
            .response(from: request, context: context)
    }

    func getMember(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response {
        let id: MemberID = try pathID("memberID", context: context)
        let members = dependencies.storage.members
        guard let member = try await members.find(id, in: scope.workspace.id) else {
            throw APIError.notFound(
                APIText(
                    en: "No member with id \(id) in this workspace.",
                    fr: "Aucun membre avec l’identifiant \(id) dans cet espace de travail."))
        }
        let identities = try await members.identities(of: id, in: scope.workspace.id)
        return try APIMember(member, identities: identities).response(from: request, context: context)
    }

    func listConversations(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let filter = try conversationFilter(query, me: context.user.id)
        let page = try query.page()
        let conversations = try await withCursorErrors {
            try await dependencies.storage.conversations.list(in: scope.workspace.id, filter: filter, page: page)
        }
        return try APIList(data: conversations.items.map { APIConversation($0) }, next: conversations.next)
            .response(from: request, context: context)
    }

    func getConversation(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws -> Response {
        let id: ConversationID = try pathID("conversationID", context: context)
        let storage = dependencies.storage
        guard let conversation = try await storage.conversations.find(id, in: scope.workspace.id) else {
            throw APIError.notFound(
                APIText(
                    en: "No conversation with id \(id) in this workspace.",
                    fr: "Aucune conversation avec l’identifiant \(id) dans cet espace de travail."))
        }
        let thread = try await storage.messages.thread(id, in: scope.workspace.id)
        return try APIConversation(conversation, messages: thread).response(from: request, context: context)
    }

    func listMessages(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let filter = MessageFilter(
            channelID: try query.id("channel"),
            conversationID: try query.id("conversation"),
            language: try query.language(),
            sentiment: try query.value("sentiment", as: SentimentLabel.self),
            text: try query.string("q"))
        let page = try query.page()
        let messages = try await withCursorErrors {
            try await dependencies.storage.messages.list(in: scope.workspace.id, filter: filter, page: page)
        }
        return try APIList(data: messages.items.map(APIMessage.init), next: messages.next)
            .response(from: request, context: context)
    }

    /// Repositories refuse a cursor they did not make with `DomainError.invalid(field: "cursor")`; the API
    /// names it as the query parameter it is.
    func withCursorErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch DomainError.invalid(let field, _) where field == "cursor" {
            throw APIQuery.invalidCursor()
        }
    }
}
