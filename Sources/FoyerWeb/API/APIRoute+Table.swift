import FoyerCore
import Hummingbird

extension APIRoute {
    /// The longest `q` the API accepts.
    public static let maxQueryLength = 500

    static let paging: [APIParameter] = [
        APIParameter(
            "limit", .integer(minimum: 1, maximum: PageRequest.maximumLimit), "How many items per page (default 50)."),
        APIParameter("cursor", .string(maxLength: 500), "The `next` value of the previous page."),
    ]

    static func text(_ description: String) -> APIParameter {
        APIParameter("q", .string(maxLength: maxQueryLength), description)
    }

    static let language = APIParameter(
        "language", .string(maxLength: 3), "ISO 639-1 code of the message language (`en`, `fr`…) or `und`.")

    /// Every endpoint of `/api/v1`: registration and the OpenAPI document both read this table.
    public static let all: [APIRoute] = [
        APIRoute(
            operation: .openAPIDocument, method: .get, path: "/openapi.json",
            summary: "This API described in OpenAPI 3.1.", access: .anyone, query: [], requestBody: nil,
            response: .document),
        APIRoute(
            operation: .listWorkspaces, method: .get, path: "/workspaces",
            summary: "The workspaces you belong to, with your role, by name.", access: .authenticated,
            query: paging, requestBody: nil, response: .list("Workspace")),
        APIRoute(
            operation: .getWorkspace, method: .get, path: "/workspaces/{workspaceID}",
            summary: "One workspace, with your role.", access: .workspaceMember, query: [], requestBody: nil,
            response: .object("Workspace")),
        APIRoute(
            operation: .updateWorkspace, method: .patch, path: "/workspaces/{workspaceID}",
            summary: "Change the name, time zone or default locale (admins and owners).", access: .settingsManager,
            query: [], requestBody: "WorkspaceUpdate", response: .object("Workspace")),
        APIRoute(
            operation: .listChannels, method: .get, path: "/workspaces/{workspaceID}/channels",
            summary: "The workspace's channels with their health; credentials are never included.",
            access: .workspaceMember, query: paging, requestBody: nil, response: .list("Channel")),
        APIRoute(
            operation: .listMembers, method: .get, path: "/workspaces/{workspaceID}/members",
            summary: "Community members, most recently seen first.", access: .inboxReader,
            query: [text("Matches the display name or a handle.")] + paging, requestBody: nil,
            response: .list("Member")),
        APIRoute(
            operation: .getMember, method: .get, path: "/workspaces/{workspaceID}/members/{memberID}",
            summary: "One community member with their platform identities.", access: .inboxReader, query: [],
            requestBody: nil, response: .object("MemberDetail")),
        APIRoute(
            operation: .listConversations, method: .get, path: "/workspaces/{workspaceID}/conversations",
            summary: "The inbox: conversations, newest activity first.", access: .inboxReader,
            query: [
                APIParameter("status", .oneOf(ConversationStatus.allCases.map(\.rawValue)), "Only this status."),
                APIParameter("channel", .id, "Only this channel (its id)."),
                language,
                text("Full-text search in the messages."),
                APIParameter("assignee", .id, "Only conversations assigned to this user (their id)."),
                APIParameter("tag", .string(maxLength: Validation.maxNameLength), "Only conversations with this tag."),
            ] + paging,
            requestBody: nil, response: .list("Conversation")),
        APIRoute(
            operation: .getConversation,
            method: .get, path: "/workspaces/{workspaceID}/conversations/{conversationID}",
            summary: "One conversation with its whole thread, oldest message first.", access: .inboxReader,
            query: [], requestBody: nil, response: .object("ConversationDetail")),
        APIRoute(
            operation: .listMessages, method: .get, path: "/workspaces/{workspaceID}/messages",
            summary: "Messages, newest first.", access: .inboxReader,
            query: [
                APIParameter("channel", .id, "Only this channel (its id)."),
                language,
                APIParameter("sentiment", .oneOf(SentimentLabel.allCases.map(\.rawValue)), "Only this sentiment."),
                APIParameter("conversation", .id, "Only this conversation (its id)."),
                text("Full-text search; words match as prefixes."),
            ] + paging,
            requestBody: nil, response: .list("Message")),
    ]
}
