import Foundation

/// One action applied to many conversations at once, in one transaction.
public enum ConversationBulkAction: Sendable, Equatable {
    /// To a member of the workspace, or to nobody.
    case assign(UserID?)
    /// Adds the tag (created when needed).
    case tag(String)
    case close
    /// Marks as spam and closes.
    case markSpam

    /// The audit action recorded for each conversation.
    public var auditAction: String {
        switch self {
        case .assign: "conversation.assigned"
        case .tag: "conversation.tagged"
        case .close: "conversation.closed"
        case .markSpam: "conversation.marked_spam"
        }
    }
}

/// Who is the assignee, for the inbox filter.
public enum AssigneeFilter: Sendable, Equatable {
    /// Nobody.
    case unassigned
    /// Anybody.
    case someone
    case user(UserID)
}

/// The orders of the conversation list.
public enum ConversationSort: String, Sendable, CaseIterable {
    /// Newest activity first.
    case newest
    /// Conversations awaiting a reply, the longest waiting first (others are left out).
    case oldestWaiting
    /// Most urgent first, then newest activity.
    case priority
}
