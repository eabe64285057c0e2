import Foundation
import FoyerCore
import Hummingbird

/// The caller's own notifications in a workspace; there is no way to name another user's.
extension APIController {
    func listNotifications(scope: WorkspaceScope, query: APIQuery, request: Request, context: APIRequestContext)
        async throws -> Response
    {
        let page = try query.page()
        let unreadOnly = try query.string("unread") == "true"
        let notifications = try await withCursorErrors {
            try await dependencies.storage.notifications.list(
                for: context.user.id, in: scope.workspace.id, unreadOnly: unreadOnly, page: page)
        }
        return try APIList(data: notifications.items.map(APINotification.init), next: notifications.next)
            .response(from: request, context: context)
    }

    func markNotificationRead(scope: WorkspaceScope, context: APIRequestContext) async throws -> Response {
        let id: InboxNotificationID = try pathID("notificationID", context: context)
        try await dependencies.storage.notifications.markRead(
            id, for: context.user.id, in: scope.workspace.id, at: dependencies.clock.now())
        return Response(status: .noContent)
    }

    func markAllNotificationsRead(scope: WorkspaceScope, request: Request, context: APIRequestContext) async throws
        -> Response
    {
        let changed = try await dependencies.storage.notifications.markAllRead(
            for: context.user.id, in: scope.workspace.id, at: dependencies.clock.now())
        return try APIBulkResult(changed: changed).response(from: request, context: context)
    }
}
