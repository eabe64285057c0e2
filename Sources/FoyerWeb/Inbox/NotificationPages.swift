import Foundation
import FoyerCore
import Hummingbird

/// The signed-in user's notifications in a workspace: mentions in internal notes, newest first, each linking
/// to its conversation, with "mark read" and "mark all read". Nobody sees another user's notifications.
struct NotificationPages: Sendable {
    let kit: PageKit

    struct ListView: Sendable {
        struct Item: Sendable {
            let text: String
            let conversationURL: String
            let created: DateView
            let unread: Bool
            let readURL: String
        }

        let items: [Item]
        let hasItems: Bool
        let hasUnread: Bool
        let readAllURL: String
        let nextURL: String?
    }

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let id = access.workspace.id
        let cursor: String? = request.uri.queryParameters.get("cursor")
        let page = try await kit.storage.notifications.list(
            for: access.user.id, in: id, unreadOnly: false, page: PageRequest(limit: 50, cursor: cursor))
        let members = try await kit.storage.memberships.list(in: id)
        let names = Dictionary(members.map { ($0.user.id, $0.user.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        var subjects: [ConversationID: String] = [:]
        for conversationID in Set(page.items.map(\.conversationID)) {
            let subject = try await kit.storage.conversations.find(conversationID, in: id)?.subject ?? ""
            subjects[conversationID] = subject.isEmpty ? kit.text("inbox.noSubject", context) : subject
        }
        let items = page.items.map { notification in
            ListView.Item(
                text: kit.text(
                    "notifications.mention", context,
                    [
                        "name": notification.actorID.flatMap { names[$0] } ?? kit.text("notifications.someone", context),
                        "subject": subjects[notification.conversationID] ?? "",
                    ]),
                conversationURL: SiteURL.workspace(id, .conversation(notification.conversationID)).path,
                created: DateView(notification.createdAt, dates), unread: !notification.isRead,
                readURL: SiteURL.workspace(id, .notificationRead(notification.id)).path)
        }
        let path = SiteURL.workspace(id, .notifications).path
        let view = ListView(
            items: items, hasItems: !items.isEmpty, hasUnread: items.contains(where: \.unread),
            readAllURL: SiteURL.workspace(id, .notificationsReadAll).path,
            nextURL: page.next.map { path + "?cursor=" + SiteURL.encodeQueryValue($0) })
        return try await kit.render(
            "notifications", title: kit.text("notifications.title", context), content: view, request: request,
            context: context, access: access, current: .notifications)
    }

    func markRead(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let id: InboxNotificationID = try kit.id("id", context)
        do {
            try await kit.storage.notifications.markRead(
                id, for: access.user.id, in: access.workspace.id, at: kit.dependencies.clock.now())
        } catch DomainError.notFound {
            throw PageError.notFound
        }
        return Response.seeOther(path: SiteURL.workspace(access.workspace.id, .notifications).path)
    }

    func markAllRead(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try await kit.storage.notifications.markAllRead(
            for: access.user.id, in: access.workspace.id, at: kit.dependencies.clock.now())
        return Response.seeOther(
            path: SiteURL.workspace(access.workspace.id, .notifications).path + "?notice=notifications_read")
    }
}
