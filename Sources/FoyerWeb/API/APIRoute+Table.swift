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
            operation: .createChannel, method: .post, path: "/workspaces/{workspaceID}/channels",
            summary:
                "Connect a channel (admins and owners): its connector checks the settings and credentials, which are sealed and never returned. Webhook kinds get their webhookUrl; a generic webhook channel without a secret gets one, returned in this answer only.",
            access: .settingsManager, query: [], requestBody: "ChannelCreate", response: .object("ChannelCreated"),
            successStatus: .created),
        APIRoute(
            operation: .getChannel, method: .get, path: "/workspaces/{workspaceID}/channels/{channelID}",
            summary:
                "One channel with its health and capabilities; webhookUrl is shown to admins and owners only.",
            access: .workspaceMember, query: [], requestBody: nil, response: .object("ChannelDetail")),
        APIRoute(
            operation: .deleteChannel, method: .delete, path: "/workspaces/{workspaceID}/channels/{channelID}",
            summary: "Disconnect a channel and delete what it received (admins and owners).",
            access: .settingsManager, query: [], requestBody: nil, response: .empty, successStatus: .noContent),
        APIRoute(
            operation: .listChannelFailures, method: .get,
            path: "/workspaces/{workspaceID}/channels/{channelID}/failures",
            summary: "Inbound deliveries of the channel that failed to process, newest first (admins and owners).",
            access: .settingsManager, query: paging, requestBody: nil, response: .list("InboundFailure")),
        APIRoute(
            operation: .retryInboundEvent, method: .post,
            path: "/workspaces/{workspaceID}/inbound-events/{eventID}/retry",
            summary: "Queue a failed inbound delivery for processing again (admins and owners).",
            access: .settingsManager, query: [], requestBody: nil, response: .object("InboundRetry")),
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
            summary: "The inbox: conversations, newest activity first (or as `sort` says); filters combine.",
            access: .inboxReader,
            query: [
                APIParameter("status", .oneOf(ConversationStatus.allCases.map(\.rawValue)), "Only this status."),
                APIParameter("channel", .id, "Only this channel (its id)."),
                language,
                text("Full-text search in the messages."),
                APIParameter(
                    "assignee", .string(maxLength: 20),
                    "`me`, `unassigned`, `someone`, or a user id: only conversations assigned so."),
                APIParameter("tag", .string(maxLength: Validation.maxNameLength), "Only conversations with this tag."),
            ] + conversationFilters + paging,
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
    ] + inboxWorkflow + contentRoutes
}
