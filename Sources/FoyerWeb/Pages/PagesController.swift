import FoyerCore
import Hummingbird

/// Server-rendered HTML pages: registers every ``SiteRoute`` with its handler.
///
/// The `switch` is exhaustive, so a new route cannot be added to the table without a handler.
struct PagesController: Sendable {
    typealias Handler = @Sendable (Request, FoyerRequestContext) async throws -> Response

    let kit: PageKit

    func register(on router: Router<FoyerRequestContext>) {
        for route in SiteRoute.allCases {
            router.on(RouterPath(route.pattern), method: route.method, use: handler(for: route))
        }
    }

    func handler(for route: SiteRoute) -> Handler {
        let signIn = SignInPages(kit: kit)
        let account = AccountPages(kit: kit)
        let invitations = InvitationPages(kit: kit)
        let workspaces = WorkspacePages(kit: kit)
        let settings = SettingsPages(kit: kit)
        let inbox = InboxPages(kit: kit)
        let inboxActions = InboxActionPages(kit: kit)
        let inboxLive = InboxLivePages(kit: kit)
        let inboxSettings = InboxSettingsPages(kit: kit)
        let members = MemberPages(kit: kit)
        let comingSoon = ComingSoonPages(kit: kit)
        let publishing = PublishingPages(kit: kit)
        let channels = ChannelPages(kit: kit)
        let notifications = NotificationPages(kit: kit)
        let content = ContentPages(kit: kit)
        let item = ContentItemPages(kit: kit)
        let itemActions = ContentItemActionPages(kit: kit)
        let review = ReviewLinkPages(kit: kit)
        let calendar = CalendarPages(kit: kit)
        let calendarFeed = CalendarFeedPages(kit: kit)
        let planning = PlanningSettingsPages(kit: kit)
        switch route {
        case .root: return workspaces.root
        case .signIn: return signIn.show
        case .signInSubmit: return signIn.submit
        case .signOut: return signIn.signOut
        case .locale: return signIn.switchLocale
        case .account: return account.show
        case .accountProfile: return account.updateProfile
        case .accountPassword: return account.changePassword
        case .accountTokenCreate: return account.createToken
        case .accountTokenRevoke: return account.revokeToken
        case .invitation: return invitations.show
        case .invitationAccept: return invitations.accept
        case .workspaces: return workspaces.list
        case .workspaceCreate: return workspaces.create
        case .workspaceHome: return workspaces.home
        case .inbox: return inbox.list
        case .conversation: return inbox.thread
        case .notifications: return notifications.list
        case .notificationRead: return notifications.markRead
        case .notificationsReadAll: return notifications.markAllRead
        case .inboxBulk: return inboxActions.bulk
        case .inboxViewCreate: return inboxActions.createView
        case .inboxViewUpdate: return inboxActions.updateView
        case .inboxViewDelete: return inboxActions.deleteView
        case .workspaceEvents: return inboxLive.events
        case .conversationStatus: return inboxActions.status
        case .conversationAssign: return inboxActions.assign
        case .conversationPriority: return inboxActions.priority
        case .conversationTagAdd: return inboxActions.addTag
        case .conversationTagRemove: return inboxActions.removeTag
        case .conversationNote: return inboxActions.note
        case .conversationReply: return inboxActions.reply
        case .conversationPresence: return inboxLive.presence
        case .messageModeration: return inboxActions.moderate
        case .settingsInbox: return inboxSettings.show
        case .settingsInboxUpdate: return inboxSettings.update
        case .settingsReplies: return inboxSettings.replies
        case .settingsReplyCreate: return inboxSettings.createReply
        case .settingsReplyUpdate: return inboxSettings.updateReply
        case .settingsReplyDelete: return inboxSettings.deleteReply
        case .publishing: return publishing.show
        case .listening: return comingSoon.show("listening", route: route)
        case .moderation: return comingSoon.show("moderation", route: route)
        case .analytics: return comingSoon.show("analytics", route: route)
        case .ideas: return comingSoon.show("ideas", route: route)
        case .members: return members.list
        case .member: return members.detail
        case .settings: return settings.general
        case .settingsUpdate: return settings.updateGeneral
        case .settingsMembers: return settings.members
        case .settingsMemberRole: return settings.changeRole
        case .settingsMemberRemove: return settings.removeMember
        case .settingsInvite: return settings.invite
        case .settingsInvitationRevoke: return settings.revokeInvitation
        case .settingsChannels: return channels.list
        case .settingsChannelCreate: return channels.create
        case .settingsChannel: return channels.show
        case .settingsChannelDelete: return channels.delete
        case .settingsChannelRetry: return channels.retry
        case .contentList: return content.list
        case .contentBoard: return content.board
        case .contentImport: return content.importForm
        case .contentImportSubmit: return content.importFile
        case .contentExport: return content.export
        case .contentCreate: return content.create
        case .contentMove: return content.move
        case .contentDelete: return content.delete
        case .contentItem: return item.show
        case .contentUpdate: return itemActions.update
        case .contentVariantSave: return itemActions.saveVariant
        case .contentVariantDelete: return itemActions.deleteVariant
        case .contentCheck: return itemActions.check
        case .contentMediaUpload: return itemActions.upload
        case .contentMediaFile: return itemActions.mediaFile
        case .contentMediaDelete: return itemActions.deleteMedia
        case .contentReview: return itemActions.review
        case .contentReviewLink: return itemActions.reviewLink
        case .contentSchedule: return itemActions.schedule
        case .contentPublicationCancel: return itemActions.cancel
        case .contentPublicationReschedule: return itemActions.reschedule
        case .contentPublicationRetry: return itemActions.retry
        case .review: return review.show
        case .reviewSubmit: return review.submit
        case .reviewMedia: return review.media
        case .calendar: return calendar.show
        case .calendarSchedule: return calendar.schedule
        case .calendarReschedule: return calendar.reschedule
        case .calendarFeedCreate: return calendar.createFeed
        case .calendarFeed: return calendarFeed.feed
        case .settingsPlanning: return planning.show
        case .settingsMarketCreate: return planning.createMarket
        case .settingsMarketDelete: return planning.deleteMarket
        case .settingsContentTypes: return planning.updateContentTypes
        case .settingsGoalCreate: return planning.createGoal
        case .settingsGoalDelete: return planning.deleteGoal
        }
    }
}
