import Foundation
import FoyerCore
import Hummingbird

/// What every page handler shares: the dependencies, the renderer, and the steps every page takes
/// (who is signed in, which workspace, render in the frame).
struct PageKit: Sendable {
    let dependencies: WebDependencies
    let renderer: Renderer
    let accounts: AccountService
    let throttle: LoginThrottle
    /// Who is viewing or writing in which conversation (one per router, shared by its pages).
    let presence = InboxPresence()
    /// The reply forms already sent, so a double submit queues one reply.
    let replySubmissions = ReplySubmissions()

    var storage: Storage { dependencies.storage }
    var localizer: Localizer { renderer.localizer }

    func text(_ key: String, _ context: FoyerRequestContext, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, context.locale, arguments)
    }

    // MARK: Who and where

    /// The signed-in user, or a redirect to sign-in that comes back here.
    func requireUser(_ request: Request, _ context: FoyerRequestContext) throws -> User {
        guard let user = context.identity else {
            let returnTo = request.method == .get ? request.uri.description : SiteURL.workspaces.path
            throw PageError.signInRequired(returnTo: returnTo)
        }
        return user
    }

    /// The workspace of the `:workspace` parameter and the user's role in it.
    ///
    /// Unknown workspaces and workspaces the user does not belong to both answer 404: a non-member must not
    /// learn that a workspace exists.
    func access(_ request: Request, _ context: FoyerRequestContext) async throws -> WorkspaceAccess {
        let user = try requireUser(request, context)
        guard let id = context.parameters.get("workspace").flatMap(WorkspaceID.init),
            let membership = try await storage.memberships.find(user: user.id, in: id),
            let workspace = try await storage.workspaces.find(id)
        else { throw PageError.notFound }
        return WorkspaceAccess(user: user, workspace: workspace, role: membership.role)
    }

    /// A typed id from a path parameter, or 404.
    func id<Entity>(
        _ name: String, _ context: FoyerRequestContext, as: Identifier<Entity>.Type = Identifier<Entity>.self
    )
        throws -> Identifier<Entity>
    {
        guard let id = context.parameters.get(name).flatMap(Identifier<Entity>.init) else { throw PageError.notFound }
        return id
    }

    func dates(_ context: FoyerRequestContext, _ access: WorkspaceAccess?) -> DateDisplay {
        DateDisplay(locale: context.locale, timeZoneIdentifier: access?.workspace.timeZone)
    }

    // MARK: Rendering

    /// Renders `template` inside the frame: navigation of the workspace (when given), switcher, menu.
    func render<Content: Sendable>(
        _ template: String, title: String, content: Content, request: Request, context: FoyerRequestContext,
        access: WorkspaceAccess? = nil, current: SiteRoute? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var switcher: [LayoutView.WorkspaceLink] = []
        if let user = context.identity {
            switcher = try await storage.workspaces.list(for: user.id).map { entry in
                LayoutView.WorkspaceLink(
                    name: entry.workspace.name, url: SiteURL.workspace(entry.workspace.id, .home).path,
                    current: entry.workspace.id == access?.workspace.id)
            }
        }
        var unread: Int?
        if let access {
            unread = try await storage.notifications.unreadCount(for: access.user.id, in: access.workspace.id)
        }
        let layout = makeLayout(
            title: title, request: request, context: context, access: access, current: current, switcher: switcher,
            unread: unread)
        return renderer.html(
            template, PageView(t: localizer.strings(context.locale), layout: layout, page: content), status: status)
    }

    /// The frame without database access, for error pages.
    func makeLayout(
        title: String, request: Request, context: FoyerRequestContext, access: WorkspaceAccess?, current: SiteRoute?,
        switcher: [LayoutView.WorkspaceLink], returnHere: Bool = true, unread: Int? = nil
    ) -> LayoutView {
        let locale = context.locale
        var nav: [LayoutView.NavItem] = []
        if let access {
            let id = access.workspace.id
            let items: [(String, SiteURL.WorkspacePage, [SiteRoute])] = [
                ("nav.home", .home, [.workspaceHome]),
                ("nav.inbox", .inbox, [.inbox, .conversation]),
                ("nav.content", .content, [.contentList, .contentBoard, .contentItem]),
                ("nav.publishing", .publishing, [.publishing]),
                ("nav.calendar", .calendar, [.calendar]),
                ("nav.listening", .listening, [.listening]),
                ("nav.moderation", .moderation, [.moderation]),
                ("nav.members", .members, [.members, .member]),
                ("nav.analytics", .analytics, [.analytics]),
                ("nav.ideas", .ideas, [.ideas]),
                ("nav.settings", .settings, [.settings, .settingsMembers, .settingsChannels, .settingsChannel, .settingsPlanning]),
            ]
            // Areas the role cannot open are left out rather than shown as a dead end.
            let readsInbox = access.role.canReadInbox
            nav = items.filter { readsInbox || ($0.1 != .inbox && $0.1 != .members) }.map { key, page, routes in
                LayoutView.NavItem(
                    label: localizer.text(key, locale), url: SiteURL.workspace(id, page).path,
                    current: current.map(routes.contains) ?? false)
            }
        }
        let notice = request.uri.queryParameters.get("notice").flatMap { key -> String? in
            let catalogKey = "notice." + key
            let value = localizer.text(catalogKey, locale)
            return value == catalogKey ? nil : value
        }
        let returnTo =
            SafeReturnPath.validated(returnHere && request.method == .get ? request.uri.path : nil) ?? SiteURL.root.path
        return LayoutView(
            lang: locale.rawValue, title: title, csrf: context.csrfToken, returnTo: returnTo,
            user: context.identity.map { LayoutView.UserMenu(name: $0.name, email: $0.email) },
            workspaceName: access?.workspace.name, nav: nav, hasNav: !nav.isEmpty, workspaces: switcher,
            locales: AppLocale.allCases.map {
                LayoutView.LocaleOption(
                    code: $0.rawValue, label: localizer.text("locale.\($0.rawValue)", locale), current: $0 == locale)
            },
            bell: access.flatMap { access in
                unread.map { count in
                    LayoutView.Bell(
                        url: SiteURL.workspace(access.workspace.id, .notifications).path, unread: count,
                        hasUnread: count > 0,
                        label: localizer.text("notifications.bell", locale, ["count": String(count)]),
                        labelTemplate: localizer.text("notifications.bell", locale), me: access.user.id.description)
                }
            },
            notice: notice)
    }

    /// The message for a failed form field, in the person's language.
    func message(for error: DomainError, _ context: FoyerRequestContext) -> String {
        localizer.message(for: error, context.locale)
    }
}
