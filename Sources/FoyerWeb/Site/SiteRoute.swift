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
    case inboxBulk, inboxViewCreate, inboxViewDelete, workspaceEvents
    case conversationStatus, conversationAssign, conversationPriority, conversationTagAdd, conversationTagRemove
    case conversationNote, conversationReply, conversationPresence
    case settingsInbox, settingsInboxUpdate, settingsReplies, settingsReplyCreate, settingsReplyUpdate
    case settingsReplyDelete
    case publishing, listening, moderation, analytics, ideas
    case members, member
    case settings, settingsUpdate
    case settingsMembers, settingsMemberRole, settingsMemberRemove
    case settingsInvite, settingsInvitationRevoke
    case settingsChannels, settingsChannelCreate, settingsChannel, settingsChannelDelete, settingsChannelRetry
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
        case .inboxBulk, .inboxViewCreate, .inboxViewDelete, .conversationStatus, .conversationAssign,
            .conversationPriority, .conversationTagAdd, .conversationTagRemove, .conversationNote, .conversationReply,
            .conversationPresence, .settingsInboxUpdate, .settingsReplyCreate, .settingsReplyUpdate,
            .settingsReplyDelete:
            .post
        case .calendarSchedule, .calendarReschedule, .calendarFeedCreate, .settingsMarketCreate, .settingsMarketDelete,
            .settingsContentTypes, .settingsGoalCreate, .settingsGoalDelete:
            .post
        default:
            .get
        }
    }

    /// The Hummingbird route pattern; parameters are `:workspace`, `:conversation`, `:member`, `:user`,
    /// `:channel`, `:token` and `:id`.
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
        case .inboxBulk: "/w/:workspace/inbox/bulk"
        case .inboxViewCreate: "/w/:workspace/inbox/views"
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

    /// Whether the route changes something (and so requires the CSRF token).
    public var isStateChanging: Bool { method != .get && method != .head }
}
