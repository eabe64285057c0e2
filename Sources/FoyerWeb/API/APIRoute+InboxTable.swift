import FoyerCore
import Hummingbird

extension APIRoute {
    /// The filters of the conversation list that read the latest inbound message, the SLA and the order.
    static let conversationFilters: [APIParameter] = [
        APIParameter(
            "sentiment", .oneOf(SentimentLabel.allCases.map(\.rawValue)), "Sentiment of the latest inbound message."),
        APIParameter("intent", .oneOf(NewSavedReply.knownIntents), "An intent of the latest inbound message."),
        APIParameter("toxic", .oneOf(["true", "false"]), "Whether the latest inbound message is toxic."),
        APIParameter(
            "spam", .oneOf(["true", "false"]), "Marked as spam, or the latest inbound message judged spam (or not)."),
        APIParameter(
            "sla", .oneOf(["breached"]), "Open or pending conversations waiting longer than the response target."),
        APIParameter(
            "sort", .oneOf(ConversationSort.allCases.map(\.rawValue)),
            "`newest` activity (default), `oldestWaiting` (awaiting a reply, longest first) or `priority`."),
    ]

    private static let conversation = "/workspaces/{workspaceID}/conversations/{conversationID}"

    /// The inbox workflow: changes to conversations, notes, replies, bulk actions, saved views and replies,
    /// and the response target. Analysts and clients only read.
    static let inboxWorkflow: [APIRoute] = [
        APIRoute(
            operation: .updateConversation, method: .patch, path: conversation,
            summary:
                "Change the status (with snoozedUntil to snooze), the assignee (me, nobody or a user id) or the priority.",
            access: .conversationHandler, query: [], requestBody: "ConversationUpdate",
            response: .object("Conversation")),
        APIRoute(
            operation: .addConversationTag, method: .post, path: conversation + "/tags",
            summary: "Tag the conversation (the tag is created when needed).", access: .conversationHandler, query: [],
            requestBody: "TagInput", response: .object("Conversation")),
        APIRoute(
            operation: .removeConversationTag, method: .delete, path: conversation + "/tags/{tag}",
            summary: "Remove a tag from the conversation.", access: .conversationHandler, query: [], requestBody: nil,
            response: .object("Conversation")),
        APIRoute(
            operation: .listConversationNotes, method: .get, path: conversation + "/notes",
            summary: "Internal notes, oldest first, with the users they mention.", access: .inboxReader, query: paging,
            requestBody: nil, response: .list("Note")),
        APIRoute(
            operation: .addConversationNote, method: .post, path: conversation + "/notes",
            summary: "Add an internal note; @name mentions a workspace user.", access: .conversationHandler, query: [],
            requestBody: "TextInput", response: .object("Note"), successStatus: .created),
        APIRoute(
            operation: .listConversationReplies, method: .get, path: conversation + "/replies",
            summary: "Replies in the publish ledger, oldest first, with their state.", access: .inboxReader,
            query: paging, requestBody: nil, response: .list("Publication")),
        APIRoute(
            operation: .createConversationReply, method: .post, path: conversation + "/replies",
            summary:
                "Queue a reply in the thread; it is sent through the channel exactly once. Send an `Idempotency-Key` header to make retries safe: the same key in the workspace returns the reply it queued (409 if the key was used for another reply).",
            access: .conversationHandler, query: [], requestBody: "TextInput", response: .object("Publication"),
            successStatus: .accepted),
        APIRoute(
            operation: .moderateMessage, method: .post, path: "/workspaces/{workspaceID}/messages/{messageID}/moderation",
            summary:
                "Hide or delete an inbound message, or ban its author, on the platform through the channel's connector (moderators and above). Only the actions the channel's capabilities allow; a platform refusal answers 422 with its message and changes nothing.",
            access: .conversationHandler, query: [], requestBody: "ModerationInput",
            response: .object("ModerationResult")),
        APIRoute(
            operation: .listNotifications, method: .get, path: "/workspaces/{workspaceID}/notifications",
            summary: "Your notifications in this workspace (an internal note mentions you), newest first.",
            access: .workspaceMember,
            query: [APIParameter("unread", .oneOf(["true", "false"]), "`true`: only those not marked read.")] + paging,
            requestBody: nil, response: .list("Notification")),
        APIRoute(
            operation: .markNotificationRead, method: .post,
            path: "/workspaces/{workspaceID}/notifications/{notificationID}/read",
            summary: "Mark one of your notifications read.", access: .workspaceMember, query: [], requestBody: nil,
            response: .empty, successStatus: .noContent),
        APIRoute(
            operation: .markAllNotificationsRead, method: .post, path: "/workspaces/{workspaceID}/notifications/read",
            summary: "Mark all your notifications in this workspace read; answers how many were unread.",
            access: .workspaceMember, query: [], requestBody: nil, response: .object("BulkResult")),
        APIRoute(
            operation: .bulkConversations, method: .post, path: "/workspaces/{workspaceID}/conversations/bulk",
            summary: "Assign, tag, close or mark as spam (and close) many conversations in one transaction.",
            access: .conversationHandler, query: [], requestBody: "BulkAction", response: .object("BulkResult")),
        APIRoute(
            operation: .listSavedViews, method: .get, path: "/workspaces/{workspaceID}/saved-views",
            summary: "The saved inbox views you see: those shared with the workspace and your private ones, by name.",
            access: .inboxReader, query: paging, requestBody: nil, response: .list("SavedView")),
        APIRoute(
            operation: .createSavedView, method: .post, path: "/workspaces/{workspaceID}/saved-views",
            summary: "Save a set of list filters under a name, shared with the workspace (default) or private to you.",
            access: .inboxReader, query: [], requestBody: "SavedViewInput", response: .object("SavedView"),
            successStatus: .created),
        APIRoute(
            operation: .getSavedView, method: .get, path: "/workspaces/{workspaceID}/saved-views/{savedViewID}",
            summary: "One saved view; another user's private view answers 404.", access: .inboxReader, query: [],
            requestBody: nil, response: .object("SavedView")),
        APIRoute(
            operation: .updateSavedView, method: .patch,
            path: "/workspaces/{workspaceID}/saved-views/{savedViewID}",
            summary:
                "Rename, refilter, share or make private a saved view: a private view by its owner; a shared one by its creator or an admin (only its creator makes it private).",
            access: .inboxReader, query: [], requestBody: "SavedViewUpdate", response: .object("SavedView")),
        APIRoute(
            operation: .deleteSavedView, method: .delete, path: "/workspaces/{workspaceID}/saved-views/{savedViewID}",
            summary: "Delete a saved view: a private view by its owner; a shared one by its creator or an admin.",
            access: .inboxReader, query: [], requestBody: nil, response: .empty, successStatus: .noContent),
        APIRoute(
            operation: .listSavedReplies, method: .get, path: "/workspaces/{workspaceID}/saved-replies",
            summary: "Saved replies with their versions per language, by name.", access: .inboxReader, query: paging,
            requestBody: nil, response: .list("SavedReply")),
        APIRoute(
            operation: .createSavedReply, method: .post, path: "/workspaces/{workspaceID}/saved-replies",
            summary: "Create a saved reply; bodies may use {{member.name}}, {{agent.name}} and {{workspace.name}}.",
            access: .conversationHandler, query: [], requestBody: "SavedReplyInput", response: .object("SavedReply"),
            successStatus: .created),
        APIRoute(
            operation: .updateSavedReply, method: .put,
            path: "/workspaces/{workspaceID}/saved-replies/{savedReplyID}",
            summary: "Replace a saved reply's name, intents and versions.", access: .conversationHandler, query: [],
            requestBody: "SavedReplyInput", response: .object("SavedReply")),
        APIRoute(
            operation: .deleteSavedReply, method: .delete,
            path: "/workspaces/{workspaceID}/saved-replies/{savedReplyID}",
            summary: "Delete a saved reply.", access: .conversationHandler, query: [], requestBody: nil,
            response: .empty, successStatus: .noContent),
        APIRoute(
            operation: .getInboxSettings, method: .get, path: "/workspaces/{workspaceID}/inbox-settings",
            summary: "The first-response target and the business hours.", access: .inboxReader, query: [],
            requestBody: nil, response: .object("InboxSettings")),
        APIRoute(
            operation: .updateInboxSettings, method: .put, path: "/workspaces/{workspaceID}/inbox-settings",
            summary: "Set the first-response target (null for none) and the business hours (admins and owners).",
            access: .settingsManager, query: [], requestBody: "InboxSettings", response: .object("InboxSettings")),
    ]
}
