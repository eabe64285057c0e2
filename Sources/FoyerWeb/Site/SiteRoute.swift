import FoyerCore
import Hummingbird

/// Every HTML page route: the one table used to register routes and, through ``SiteURL``, to build links.
///
/// Routes under `/w/:workspace` touch workspace data: each one loads the caller's membership first and
/// answers 404 to non-members (``isWorkspaceRoute``); the tests iterate over this table to prove it.
public enum SiteRoute: String, CaseIterable, Sendable {
    case root
    case signIn, signInSubmit, signOut, locale
    case account, accountProfile, accountPassword, accountTokenCreate, accountTokenRevoke
    case invitation, invitationAccept
    case workspaces, workspaceCreate
    case workspaceHome
    case inbox, conversation
    case notifications, notificationRead, notificationsReadAll
    case inboxBulk, inboxViewCreate, inboxViewUpdate, inboxViewDelete, workspaceEvents
    case conversationStatus, conversationAssign, conversationPriority, conversationTagAdd, conversationTagRemove
    case conversationNote, conversationReply, conversationPresence, messageModeration
    case settingsInbox, settingsInboxUpdate, settingsReplies, settingsReplyCreate, settingsReplyUpdate
    case settingsReplyDelete
    case publishing, listening, moderation, analytics, ideas
    case members, member
    case settings, settingsUpdate
    case settingsMembers, settingsMemberRole, settingsMemberRemove
    case settingsInvite, settingsInvitationRevoke
    case settingsChannels, settingsChannelCreate, settingsChannel, settingsChannelDelete, settingsChannelRetry
    case contentList, contentBoard, contentCreate, contentItem, contentUpdate, contentMove, contentDelete
    case contentImport, contentImportSubmit, contentExport
    case contentVariantSave, contentVariantDelete, contentCheck
    case contentMediaUpload, contentMediaFile, contentMediaDelete
    case contentReview, contentReviewLink
    case contentSchedule, contentPublicationCancel, contentPublicationReschedule, contentPublicationRetry
    case review, reviewSubmit, reviewMedia
    case calendar, calendarSchedule, calendarReschedule, calendarFeedCreate, calendarFeed
    case settingsPlanning, settingsMarketCreate, settingsMarketDelete, settingsContentTypes, settingsGoalCreate
    case settingsGoalDelete

    /// The HTTP method.
    public var method: HTTPRequest.Method {
        switch self {
        case .signInSubmit, .signOut, .locale, .accountProfile, .accountPassword, .accountTokenCreate,
            .accountTokenRevoke, .invitationAccept, .workspaceCreate, .settingsUpdate, .settingsMemberRole,
            .settingsMemberRemove, .settingsInvite, .settingsInvitationRevoke, .settingsChannelCreate,
            .settingsChannelDelete, .settingsChannelRetry:
            .post
        case .notificationRead, .notificationsReadAll:
            .post
        case .inboxBulk, .inboxViewCreate, .inboxViewUpdate, .inboxViewDelete, .conversationStatus, .conversationAssign,
            .conversationPriority, .conversationTagAdd, .conversationTagRemove, .conversationNote, .conversationReply,
            .conversationPresence, .messageModeration, .settingsInboxUpdate, .settingsReplyCreate,
            .settingsReplyUpdate, .settingsReplyDelete:
            .post
        case .contentCreate, .contentImportSubmit, .contentUpdate, .contentMove, .contentDelete, .contentVariantSave, .contentVariantDelete,
            .contentCheck, .contentMediaUpload, .contentMediaDelete, .contentReview, .contentReviewLink,
            .contentSchedule, .contentPublicationCancel, .contentPublicationReschedule, .contentPublicationRetry,
            .reviewSubmit:
            .post
        case .calendarSchedule, .calendarReschedule, .calendarFeedCreate, .settingsMarketCreate, .settingsMarketDelete,
            .settingsContentTypes, .settingsGoalCreate, .settingsGoalDelete:
            .post
        default:
            .get
        }
    }

    /// The Hummingbird route pattern; parameters are `:workspace`, `:conversation`, `:message`, `:member`,
    /// `:user`, `:channel`, `:content`, `:media`, `:variant`, `:publication`, `:token` and `:id`.
    public var pattern: String {
        switch self {
        case .root: "/"
        case .signIn, .signInSubmit: "/sign-in"
        case .signOut: "/sign-out"
        case .locale: "/locale"
        case .account: "/account"
        case .accountProfile: "/account/profile"
        case .accountPassword: "/account/password"
        case .accountTokenCreate: "/account/tokens"
        case .accountTokenRevoke: "/account/tokens/:id/revoke"
        case .invitation, .invitationAccept: "/invitations/:token"
        case .workspaces, .workspaceCreate: "/workspaces"
        case .workspaceHome: "/w/:workspace"
        case .inbox: "/w/:workspace/inbox"
        case .conversation: "/w/:workspace/inbox/:conversation"
        case .notifications: "/w/:workspace/notifications"
        case .notificationRead: "/w/:workspace/notifications/:id/read"
        case .notificationsReadAll: "/w/:workspace/notifications/read"
        case .inboxBulk: "/w/:workspace/inbox/bulk"
        case .inboxViewCreate: "/w/:workspace/inbox/views"
        case .inboxViewUpdate: "/w/:workspace/inbox/views/:id"
        case .inboxViewDelete: "/w/:workspace/inbox/views/:id/delete"
        case .workspaceEvents: "/w/:workspace/events"
        case .conversationStatus: "/w/:workspace/inbox/:conversation/status"
        case .conversationAssign: "/w/:workspace/inbox/:conversation/assign"
        case .conversationPriority: "/w/:workspace/inbox/:conversation/priority"
        case .conversationTagAdd: "/w/:workspace/inbox/:conversation/tags"
        case .conversationTagRemove: "/w/:workspace/inbox/:conversation/tags/remove"
        case .conversationNote: "/w/:workspace/inbox/:conversation/notes"
        case .conversationReply: "/w/:workspace/inbox/:conversation/replies"
        case .conversationPresence: "/w/:workspace/inbox/:conversation/presence"
        case .messageModeration: "/w/:workspace/inbox/:conversation/messages/:message/moderation"
        case .settingsInbox, .settingsInboxUpdate: "/w/:workspace/settings/inbox"
        case .settingsReplies, .settingsReplyCreate: "/w/:workspace/settings/replies"
        case .settingsReplyUpdate: "/w/:workspace/settings/replies/:id"
        case .settingsReplyDelete: "/w/:workspace/settings/replies/:id/delete"
        case .publishing: "/w/:workspace/publishing"
        case .listening: "/w/:workspace/listening"
        case .moderation: "/w/:workspace/moderation"
        case .analytics: "/w/:workspace/analytics"
        case .ideas: "/w/:workspace/ideas"
        case .members: "/w/:workspace/members"
        case .member: "/w/:workspace/members/:member"
        case .settings, .settingsUpdate: "/w/:workspace/settings"
        case .settingsMembers: "/w/:workspace/settings/members"
        case .settingsMemberRole: "/w/:workspace/settings/members/:user/role"
        case .settingsMemberRemove: "/w/:workspace/settings/members/:user/remove"
        case .settingsInvite: "/w/:workspace/settings/invitations"
        case .settingsInvitationRevoke: "/w/:workspace/settings/invitations/:id/revoke"
        case .settingsChannels, .settingsChannelCreate: "/w/:workspace/settings/channels"
        case .settingsChannel: "/w/:workspace/settings/channels/:channel"
        case .settingsChannelDelete: "/w/:workspace/settings/channels/:channel/delete"
        case .settingsChannelRetry: "/w/:workspace/settings/channels/:channel/events/:id/retry"
        case .contentList, .contentCreate: "/w/:workspace/content"
        case .contentBoard: "/w/:workspace/content/board"
        case .contentImport, .contentImportSubmit: "/w/:workspace/content/import"
        case .contentExport: "/w/:workspace/content/export"
        case .contentItem, .contentUpdate: "/w/:workspace/content/:content"
        case .contentMove: "/w/:workspace/content/:content/move"
        case .contentDelete: "/w/:workspace/content/:content/delete"
        case .contentVariantSave: "/w/:workspace/content/:content/variants"
        case .contentVariantDelete: "/w/:workspace/content/:content/variants/:variant/delete"
        case .contentCheck: "/w/:workspace/content/:content/check"
        case .contentMediaUpload: "/w/:workspace/content/:content/media"
        case .contentMediaFile: "/w/:workspace/content/:content/media/:media"
        case .contentMediaDelete: "/w/:workspace/content/:content/media/:media/delete"
        case .contentReview: "/w/:workspace/content/:content/reviews"
        case .contentReviewLink: "/w/:workspace/content/:content/review-links"
        case .contentSchedule: "/w/:workspace/content/:content/publications"
        case .contentPublicationCancel: "/w/:workspace/content/:content/publications/:publication/cancel"
        case .contentPublicationReschedule: "/w/:workspace/content/:content/publications/:publication/reschedule"
        case .contentPublicationRetry: "/w/:workspace/content/:content/publications/:publication/retry"
        case .review, .reviewSubmit: "/review/:token"
        case .reviewMedia: "/review/:token/media/:media"
        case .calendar: "/w/:workspace/calendar"
        case .calendarSchedule: "/w/:workspace/calendar/posts"
        case .calendarReschedule: "/w/:workspace/calendar/posts/:id/reschedule"
        case .calendarFeedCreate: "/w/:workspace/calendar/feed"
        // The secret feed URL ends in `.ics` (calendar applications like it); the handler strips it.
        case .calendarFeed: "/calendar/:token"
        case .settingsPlanning: "/w/:workspace/settings/planning"
        case .settingsMarketCreate: "/w/:workspace/settings/planning/markets"
        case .settingsMarketDelete: "/w/:workspace/settings/planning/markets/:id/delete"
        case .settingsContentTypes: "/w/:workspace/settings/planning/types"
        case .settingsGoalCreate: "/w/:workspace/settings/planning/goals"
        case .settingsGoalDelete: "/w/:workspace/settings/planning/goals/:id/delete"
        }
    }

    /// Whether the route shows or changes a workspace's data (and so answers 404 to non-members).
    public var isWorkspaceRoute: Bool { pattern.hasPrefix("/w/") }

    /// Whether the route answers something other than an HTML page (a file, a CSV export, JSON).
    public var isDownload: Bool { [.contentMediaFile, .reviewMedia, .contentCheck, .contentExport].contains(self) }

    /// Routes whose forms are `multipart/form-data` with a file, and how large a body they take.
    static func uploadLimit(method: HTTPRequest.Method, path: String) -> Int? {
        guard method == .post else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // /w/:workspace/content/import
        if segments.count == 5, segments[0].isEmpty, segments[1] == "w", segments[3] == "content", segments[4] == "import" {
            return ContentCSV.maxFileBytes + 64 * 1024
        }
        // /w/:workspace/content/:content/media
        guard segments.count == 6, segments[0].isEmpty, segments[1] == "w", segments[3] == "content",
            segments[5] == "media"
        else { return nil }
        return MediaPolicy.maxVideoBytes + 64 * 1024
    }

    /// Whether the route changes something (and so requires the CSRF token).
    public var isStateChanging: Bool { method != .get && method != .head }
}
