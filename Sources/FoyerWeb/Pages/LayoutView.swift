import FoyerCore

/// What every page's frame shows: language, navigation, workspace switcher and the person's menu.
struct LayoutView: Sendable {
    struct UserMenu: Sendable {
        let name: String
        let email: String
    }

    struct WorkspaceLink: Sendable {
        let name: String
        let url: String
        let current: Bool
    }

    struct NavItem: Sendable {
        let label: String
        let url: String
        let current: Bool
    }

    /// The notification bell of the current workspace, with the unread count.
    struct Bell: Sendable {
        let url: String
        let unread: Int
        let hasUnread: Bool
        /// "Notifications, 3 unread" for screen readers.
        let label: String
        /// The same with a `{count}` placeholder, for live updates.
        let labelTemplate: String
        /// The user's id: live events name the recipient.
        let me: String
    }

    struct LocaleOption: Sendable {
        let code: String
        let label: String
        let current: Bool
    }

    struct Links: Sendable {
        let root = SiteURL.root.path
        let signIn = SiteURL.signIn().path
        let signOut = SiteURL.signOut.path
        let account = SiteURL.account.path
        let workspaces = SiteURL.workspaces.path
        let locale = SiteURL.locale.path
        let stylesheet = SiteURL.staticFile("app.css").path
        let script = SiteURL.staticFile("app.js").path
        let icon = SiteURL.staticFile("favicon.svg").path
    }

    let lang: String
    let title: String
    let csrf: String
    /// Where the language switch brings the person back to.
    let returnTo: String
    let user: UserMenu?
    let workspaceName: String?
    let nav: [NavItem]
    let hasNav: Bool
    let workspaces: [WorkspaceLink]
    let locales: [LocaleOption]
    let bell: Bell?
    let links = Links()
    /// A one-time notice at the top of the page (e.g. "Saved.").
    let notice: String?
}

/// The root object every template renders: the strings (`{{t.key}}`), the frame and the page's own model.
struct PageView<Content: Sendable>: Sendable {
    let t: [String: String]
    let layout: LayoutView
    let page: Content
}
