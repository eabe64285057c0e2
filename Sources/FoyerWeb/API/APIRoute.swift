import FoyerCore
import Hummingbird

/// One endpoint of the JSON API, described once and used both to register the route and to write the
/// OpenAPI document, so the two cannot drift apart (``APIRoute/all`` is the table).
public struct APIRoute: Sendable {
    /// Who may call the endpoint.
    public enum Access: Sendable, Equatable {
        /// No token needed (the OpenAPI document).
        case anyone
        /// Any valid token.
        case authenticated
        /// A member of the workspace in the path; others get 404.
        case workspaceMember
        /// A member whose role reads the inbox (``Role/canReadInbox``); other members get 403.
        case inboxReader
        /// A member whose role handles conversations (``Role/canHandleConversations``); other members get 403.
        case conversationHandler
        /// A member whose role manages settings (``Role/canManageSettings``); other members get 403.
        case settingsManager
        /// A member whose role writes content (``Role/canEditContent``); other members get 403.
        case contentEditor
        /// A member whose role approves content (``Role/canApproveContent``); other members get 403.
        case contentReviewer

        var isWorkspaceScoped: Bool {
            switch self {
            case .anyone, .authenticated: false
            case .workspaceMember, .inboxReader, .settingsManager, .conversationHandler, .contentEditor, .contentReviewer: true
            }
        }
    }

    /// What the endpoint answers with on success.
    public enum Body: Sendable, Equatable {
        /// One object of the named component schema.
        case object(String)
        /// `{"data": [schema], "next": cursor-or-null}`.
        case list(String)
        /// A free-form JSON document (the OpenAPI document itself).
        case document
        /// No body (`204 No Content`).
        case empty
        /// A CSV file (`text/csv`), a string of the named component schema.
        case csv(String)
    }

    public let operation: APIOperation
    public let method: HTTPRequest.Method
    /// OpenAPI path template relative to `/api/v1`, such as `/workspaces/{workspaceID}`.
    public let path: String
    public let summary: String
    public let access: Access
    /// Query parameters (path parameters are read from ``path``).
    public let query: [APIParameter]
    /// The component schema of the JSON request body, if the endpoint takes one.
    public let requestBody: String?
    public let response: Body
    /// The status of a successful answer: 200, 201 for a creation, 204 with ``Body/empty``.
    public var successStatus: HTTPResponse.Status = .ok
    /// The media type of ``requestBody``: JSON, or `text/csv` for a file sent as it is.
    public var requestMediaType = "application/json"

    /// The names of the `{placeholders}` in ``path``, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// The same path in Hummingbird's syntax (`/workspaces/:workspaceID`).
    public var routerPath: String {
        "/"
            + path.split(separator: "/").map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
            }.joined(separator: "/")
    }

    /// Whether a concrete path relative to `/api/v1` (`/workspaces/12`) fits this route's template.
    func matches(path concrete: String) -> Bool {
        let template = path.split(separator: "/")
        let segments = concrete.split(separator: "/")
        guard template.count == segments.count else { return false }
        return zip(template, segments).allSatisfy { pattern, segment in
            pattern.hasPrefix("{") || pattern == segment
        }
    }
}

/// A query parameter of an endpoint.
public struct APIParameter: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A positive 64-bit id.
        case id
        case integer(minimum: Int, maximum: Int)
        case string(maxLength: Int)
        /// One of these values.
        case oneOf([String])
    }

    public let name: String
    public let description: String
    public let kind: Kind

    public init(_ name: String, _ kind: Kind, _ description: String) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}

/// The operations of the API; each has exactly one handler (the compiler checks the switch) and one entry
/// in ``APIRoute/all``.
public enum APIOperation: String, Sendable, CaseIterable {
    case openAPIDocument
    case listWorkspaces
    case getWorkspace
    case updateWorkspace
    case listChannels
    case listMembers
    case getMember
    case listConversations
    case getConversation
    case listMessages
    case moderateMessage
    case listNotifications
    case markNotificationRead
    case markAllNotificationsRead
    case updateConversation
    case addConversationTag
    case removeConversationTag
    case listConversationNotes
    case addConversationNote
    case listConversationReplies
    case createConversationReply
    case bulkConversations
    case listSavedViews
    case createSavedView
    case getSavedView
    case updateSavedView
    case deleteSavedView
    case listSavedReplies
    case createSavedReply
    case updateSavedReply
    case deleteSavedReply
    case getInboxSettings
    case updateInboxSettings
    case createChannel
    case getChannel
    case deleteChannel
    case listChannelFailures
    case retryInboundEvent
    case listContent
    case createContent
    case getContent
    case updateContent
    case deleteContent
    case saveContentVariant
    case deleteContentVariant
    case reviewContent
    case listPublications
    case createPublication
    case getPublication
    case updatePublication
    case cancelPublication
    case retryPublication
    case listMarkets
    case createMarket
    case exportContent
    case importContent
}
