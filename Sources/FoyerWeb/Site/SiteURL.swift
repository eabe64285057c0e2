import Foundation
import FoyerCore

/// Links to every page, built from the same patterns that ``SiteRoute`` registers.
public enum SiteURL: Sendable, Equatable {
    case root
    case signIn(returnTo: String? = nil)
    case signOut
    case locale
    case account
    case accountProfile
    case accountPassword
    case accountTokens
    case accountTokenRevoke(APITokenID)
    case invitation(token: String)
    /// A workspace's secret calendar feed (no session: the token is the credential).
    case calendarFeed(token: String)
    case workspaces
    case workspace(WorkspaceID, WorkspacePage)
    case staticFile(String)
    /// The client review page of a signed review link.
    case review(token: String)
    case reviewMedia(token: String, MediaID)

    /// A page inside a workspace.
    public enum WorkspacePage: Sendable, Equatable {
        case home, inbox, conversation(ConversationID), publishing, listening, moderation, analytics, ideas
        case members, member(MemberID)
        case settings, settingsMembers, settingsMemberRole(UserID), settingsMemberRemove(UserID)
        case settingsInvite, settingsInvitationRevoke(InvitationID), settingsChannels
        case settingsChannel(ChannelID), settingsChannelDelete(ChannelID)
        case settingsChannelRetry(ChannelID, InboundEventID)
        case notifications, notificationRead(InboxNotificationID), notificationsReadAll
        case inboxBulk, inboxViewCreate, inboxViewUpdate(SavedViewID), inboxViewDelete(SavedViewID), events
        case conversationAction(ConversationID, ConversationAction)
        case messageModeration(ConversationID, MessageID)
        case settingsInbox, settingsReplies, settingsReply(SavedReplyID), settingsReplyDelete(SavedReplyID)
        case content, contentBoard, contentImport, contentExport
        case contentItem(ContentItemID)
        case contentAction(ContentItemID, ContentAction)
        case contentVariantDelete(ContentItemID, ContentVariantID)
        case contentMedia(ContentItemID, MediaID)
        case contentMediaDelete(ContentItemID, MediaID)
        case contentPublication(ContentItemID, PublicationID, PublicationAction)
        case calendar, calendarSchedule, calendarReschedule(PublicationID), calendarFeedCreate
        case settingsPlanning, settingsMarkets, settingsMarketDelete(MarketID), settingsContentTypes, settingsGoals
        case settingsGoalDelete(CadenceGoalID)
    }

    /// The forms of a content item's page, each posting to its own path.
    public enum ContentAction: Sendable, Equatable {
        case move, delete, variants, check, media, reviews, reviewLinks, publications
    }

    /// What can be done to a scheduled or failed publication.
    public enum PublicationAction: Sendable, Equatable {
        case cancel, reschedule, retry
    }

    /// The forms of the conversation page, each posting to its own path.
    public enum ConversationAction: Sendable, Equatable {
        case status, assign, priority, tagAdd, tagRemove, note, reply, presence
    }

    /// The route this URL leads to (for `GET` links; forms post to the same path).
    public var route: SiteRoute? {
        switch self {
        case .root: .root
        case .signIn: .signIn
        case .signOut: .signOut
        case .locale: .locale
        case .account: .account
        case .accountProfile: .accountProfile
        case .accountPassword: .accountPassword
        case .accountTokens: .accountTokenCreate
        case .accountTokenRevoke: .accountTokenRevoke
        case .invitation: .invitation
        case .calendarFeed: .calendarFeed
        case .workspaces: .workspaces
        case .staticFile: nil
        case .review: .review
        case .reviewMedia: .reviewMedia
        case .workspace(_, let page):
            switch page {
            case .home: .workspaceHome
            case .inbox: .inbox
            case .conversation: .conversation
            case .publishing: .publishing
            case .listening: .listening
            case .moderation: .moderation
            case .analytics: .analytics
            case .ideas: .ideas
            case .members: .members
            case .member: .member
            case .settings: .settings
            case .settingsMembers: .settingsMembers
            case .settingsMemberRole: .settingsMemberRole
            case .settingsMemberRemove: .settingsMemberRemove
            case .settingsInvite: .settingsInvite
            case .settingsInvitationRevoke: .settingsInvitationRevoke
            case .settingsChannels: .settingsChannels
            case .settingsChannel: .settingsChannel
            case .settingsChannelDelete: .settingsChannelDelete
            case .settingsChannelRetry: .settingsChannelRetry
            case .notifications: .notifications
            case .notificationRead: .notificationRead
            case .notificationsReadAll: .notificationsReadAll
            case .inboxBulk: .inboxBulk
            case .inboxViewCreate: .inboxViewCreate
            case .inboxViewUpdate: .inboxViewUpdate
            case .inboxViewDelete: .inboxViewDelete
            case .events: .workspaceEvents
            case .conversationAction(_, let action):
                switch action {
                case .status: .conversationStatus
                case .assign: .conversationAssign
                case .priority: .conversationPriority
                case .tagAdd: .conversationTagAdd
                case .tagRemove: .conversationTagRemove
                case .note: .conversationNote
                case .reply: .conversationReply
                case .presence: .conversationPresence
                }
            case .messageModeration: .messageModeration
            case .settingsInbox: .settingsInbox
            case .settingsReplies: .settingsReplies
            case .settingsReply: .settingsReplyUpdate
            case .settingsReplyDelete: .settingsReplyDelete
            case .content: .contentList
            case .contentBoard: .contentBoard
            case .contentImport: .contentImport
            case .contentExport: .contentExport
            case .contentItem: .contentItem
            case .contentAction(_, let action):
                switch action {
                case .move: .contentMove
                case .delete: .contentDelete
                case .variants: .contentVariantSave
                case .check: .contentCheck
                case .media: .contentMediaUpload
                case .reviews: .contentReview
                case .reviewLinks: .contentReviewLink
                case .publications: .contentSchedule
                }
            case .contentVariantDelete: .contentVariantDelete
            case .contentMedia: .contentMediaFile
            case .contentMediaDelete: .contentMediaDelete
            case .contentPublication(_, _, let action):
                switch action {
                case .cancel: .contentPublicationCancel
                case .reschedule: .contentPublicationReschedule
                case .retry: .contentPublicationRetry
                }
            case .calendar: .calendar
            case .calendarSchedule: .calendarSchedule
            case .calendarReschedule: .calendarReschedule
            case .calendarFeedCreate: .calendarFeedCreate
            case .settingsPlanning: .settingsPlanning
            case .settingsMarkets: .settingsMarketCreate
            case .settingsMarketDelete: .settingsMarketDelete
            case .settingsContentTypes: .settingsContentTypes
            case .settingsGoals: .settingsGoalCreate
            case .settingsGoalDelete: .settingsGoalDelete
            }
        }
    }

    /// The absolute path, with its parameters filled in and percent-encoded.
    public var path: String {
        switch self {
        case .signIn(let returnTo?):
            return "/sign-in?next=" + Self.encodeQueryValue(returnTo)
        case .invitation(let token):
            return "/invitations/" + Self.encodeSegment(token)
        case .calendarFeed(let token):
            return "/calendar/" + Self.encodeSegment(token) + ".ics"
        case .staticFile(let name):
            return "/static/" + name
        case .review(let token):
            return "/review/" + Self.encodeSegment(token)
        case .reviewMedia(let token, let media):
            return "/review/" + Self.encodeSegment(token) + "/media/" + media.description
        default:
            break
        }
        guard let route else { return "/" }
        var parameters: [String: String] = [:]
        switch self {
        case .accountTokenRevoke(let id): parameters["id"] = id.description
        case .workspace(let workspace, let page):
            parameters["workspace"] = workspace.description
            switch page {
            case .conversation(let id), .conversationAction(let id, _): parameters["conversation"] = id.description
            case .messageModeration(let conversation, let message):
                parameters["conversation"] = conversation.description
                parameters["message"] = message.description
            case .inboxViewUpdate(let id), .inboxViewDelete(let id): parameters["id"] = id.description
            case .notificationRead(let id): parameters["id"] = id.description
            case .settingsReply(let id), .settingsReplyDelete(let id): parameters["id"] = id.description
            case .calendarReschedule(let id): parameters["id"] = id.description
            case .settingsMarketDelete(let id): parameters["id"] = id.description
            case .settingsGoalDelete(let id): parameters["id"] = id.description
            case .member(let id): parameters["member"] = id.description
            case .settingsMemberRole(let id), .settingsMemberRemove(let id): parameters["user"] = id.description
            case .settingsInvitationRevoke(let id): parameters["id"] = id.description
            case .settingsChannel(let id), .settingsChannelDelete(let id): parameters["channel"] = id.description
            case .settingsChannelRetry(let channel, let event):
                parameters["channel"] = channel.description
                parameters["id"] = event.description
            case .contentItem(let content), .contentAction(let content, _):
                parameters["content"] = content.description
            case .contentVariantDelete(let content, let variant):
                parameters["content"] = content.description
                parameters["variant"] = variant.description
            case .contentMedia(let content, let media), .contentMediaDelete(let content, let media):
                parameters["content"] = content.description
                parameters["media"] = media.description
            case .contentPublication(let content, let publication, _):
                parameters["content"] = content.description
                parameters["publication"] = publication.description
            default: break
            }
        default: break
        }
        return Self.fill(route.pattern, with: parameters)
    }

    /// Replaces each `:name` segment of a pattern with its value.
    static func fill(_ pattern: String, with parameters: [String: String]) -> String {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            return encodeSegment(parameters[String(segment.dropFirst())] ?? "")
        }
        return "/" + segments.joined(separator: "/")
    }

    static func encodeSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/?#")))
            ?? ""
    }

    static func encodeQueryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~/"))) ?? ""
    }
}
