import Foundation
import FoyerCore
import Hummingbird

/// Workspace settings: general (name, time zone, locale), members and invitations. Channels have their own
/// pages (``ChannelPages``) under the same tabs.
///
/// Every member may read them; changes need ``Role/canManageSettings`` or ``Role/canManageMembers``.
struct SettingsPages: Sendable {
    let kit: PageKit

    struct Tabs: Sendable {
        let general: String
        let members: String
        let channels: String
        let planning: String
        let current: String

        init(_ id: WorkspaceID, current: String) {
            general = SiteURL.workspace(id, .settings).path
            members = SiteURL.workspace(id, .settingsMembers).path
            channels = SiteURL.workspace(id, .settingsChannels).path
            planning = SiteURL.workspace(id, .settingsPlanning).path
            self.current = current
        }
    }

    struct GeneralView: Sendable {
        let tabs: Tabs
        let onGeneral = true
        let canEdit: Bool
        let name: String
        let timeZones: [SelectOption]
        let locales: [SelectOption]
        let error: String?
        let action: String
    }

    struct MembersView: Sendable {
        struct Row: Sendable {
            let name: String
            let email: String
            let role: String
            let since: DateView
            let roleOptions: [SelectOption]
            let canEdit: Bool
            let roleURL: String
            let removeURL: String
            let isSelf: Bool
        }

        struct Pending: Sendable {
            let email: String
            let role: String
            let expires: DateView
            let revokeURL: String
        }

        let tabs: Tabs
        let onMembers = true
        let canManage: Bool
        let members: [Row]
        let pending: [Pending]
        let hasPending: Bool
        let inviteRoles: [SelectOption]
        let inviteEmail: String
        let inviteURL: String
        /// The link just created, shown once.
        let newLink: String?
        let error: String?
    }

    // MARK: General

    func general(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await generalPage(
            request, context, access, name: access.workspace.name, timeZone: access.workspace.timeZone,
            locale: access.workspace.defaultLocale.rawValue, error: nil, status: .ok)
    }

    func updateGeneral(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageSettings)
        let rawName = context.form["name"] ?? ""
        let rawZone = context.form["timeZone"] ?? ""
        let rawLocale = context.form["defaultLocale"] ?? ""
        do {
            let name = try Validation.name(rawName)
            let zone = try Validation.timeZone(rawZone)
            guard let locale = AppLocale(rawValue: rawLocale) else {
                throw DomainError.invalid(field: "defaultLocale", message: "Choose English or French.")
            }
            try await kit.storage.workspaces.update(
                access.workspace.id, name: name, timeZone: zone, defaultLocale: locale)
            try await kit.storage.audit.record(
                NewAuditEvent(
                    workspaceID: access.workspace.id, actorID: access.user.id, action: "workspace.updated",
                    targetType: "workspace", targetID: access.workspace.id.description,
                    details: ["name": name, "timeZone": zone, "defaultLocale": locale.rawValue]))
            return .seeOther(path: SiteURL.workspace(access.workspace.id, .settings).path + "?notice=saved")
        } catch let error as DomainError {
            return try await generalPage(
                request, context, access, name: rawName, timeZone: rawZone, locale: rawLocale,
                error: kit.message(for: error, context), status: .badRequest)
        }
    }

    private func generalPage(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, name: String, timeZone: String,
        locale: String, error: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let id = access.workspace.id
        let zones = (["UTC"] + TimeZone.knownTimeZoneIdentifiers.sorted()).reduce(into: [String]()) { list, zone in
            if !list.contains(zone) { list.append(zone) }
        }
        let view = GeneralView(
            tabs: Tabs(id, current: "general"), canEdit: access.role.canManageSettings, name: name,
            timeZones: zones.map { SelectOption(value: $0, label: $0, selected: $0 == timeZone) },
            locales: AppLocale.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: kit.text("locale.\($0.rawValue)", context),
                    selected: $0.rawValue == locale)
            },
            error: error, action: SiteURL.workspace(id, .settings).path)
        return try await kit.render(
            "settings", title: kit.text("settings.title", context), content: view, request: request, context: context,
            access: access, current: .settings, status: status)
    }

    // MARK: Members

    func members(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await membersPage(request, context, access, newLink: nil, email: "", error: nil, status: .ok)
    }

    func changeRole(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageMembers)
        let target: UserID = try kit.id("user", context)
        guard let membership = try await kit.storage.memberships.find(user: target, in: access.workspace.id) else {
            throw PageError.notFound
        }
        guard let role = context.form["role"].flatMap(Role.init(rawValue:)) else {
            return try await membersPage(
                request, context, access, newLink: nil, email: "", error: kit.text("members.chooseRole", context),
                status: .badRequest)
        }
        // Nobody changes the role of someone above them, or gives a role above their own.
        guard membership.role <= access.role, access.role.canAssign(role) else {
            return try await membersPage(
                request, context, access, newLink: nil, email: "", error: kit.text("members.roleTooHigh", context),
                status: .forbidden)
        }
        do {
            try await kit.storage.memberships.changeRole(user: target, in: access.workspace.id, to: role)
        } catch let error as DomainError {
            return try await membersPage(
                request, context, access, newLink: nil, email: "", error: kit.message(for: error, context),
                status: .badRequest)
        }
        try await kit.storage.audit.record(
            NewAuditEvent(
                workspaceID: access.workspace.id, actorID: access.user.id, action: "member.role_changed",
                targetType: "user", targetID: target.description,
                details: ["from": membership.role.rawValue, "to": role.rawValue]))
        return .seeOther(path: SiteURL.workspace(access.workspace.id, .settingsMembers).path + "?notice=saved")
    }

    func removeMember(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageMembers)
        let target: UserID = try kit.id("user", context)
        guard let membership = try await kit.storage.memberships.find(user: target, in: access.workspace.id) else {
            throw PageError.notFound
        }
        guard membership.role <= access.role else {
            return try await membersPage(
                request, context, access, newLink: nil, email: "", error: kit.text("members.roleTooHigh", context),
                status: .forbidden)
        }
        do {
            try await kit.storage.memberships.remove(user: target, from: access.workspace.id)
        } catch let error as DomainError {
            return try await membersPage(
                request, context, access, newLink: nil, email: "", error: kit.message(for: error, context),
                status: .badRequest)
        }
        try await kit.storage.audit.record(
            NewAuditEvent(
                workspaceID: access.workspace.id, actorID: access.user.id, action: "member.removed",
                targetType: "user", targetID: target.description, details: ["role": membership.role.rawValue]))
        return .seeOther(path: SiteURL.workspace(access.workspace.id, .settingsMembers).path + "?notice=removed")
    }

    func invite(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageMembers)
        let rawEmail = context.form["email"] ?? ""
        do {
            guard let role = context.form["role"].flatMap(Role.init(rawValue:)) else {
                throw DomainError.invalid(field: "role", message: "Choose a role.")
            }
            let created = try await kit.accounts.invite(
                email: rawEmail, role: role, to: access.workspace.id, by: access.user.id, inviterRole: access.role)
            let link = Self.absolute(
                SiteURL.invitation(token: created.token).path, base: kit.dependencies.settings.publicURL)
            return try await membersPage(request, context, access, newLink: link, email: "", error: nil, status: .ok)
        } catch let error as DomainError {
            return try await membersPage(
                request, context, access, newLink: nil, email: rawEmail, error: kit.message(for: error, context),
                status: .badRequest)
        }
    }

    func revokeInvitation(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageMembers)
        let id: InvitationID = try kit.id("id", context)
        let pending = try await kit.storage.invitations.listPending(
            in: access.workspace.id, now: kit.dependencies.clock.now())
        guard pending.contains(where: { $0.id == id }) else { throw PageError.notFound }
        try await kit.storage.invitations.revoke(id, in: access.workspace.id)
        try await kit.storage.audit.record(
            NewAuditEvent(
                workspaceID: access.workspace.id, actorID: access.user.id, action: "invitation.revoked",
                targetType: "invitation", targetID: id.description))
        return .seeOther(path: SiteURL.workspace(access.workspace.id, .settingsMembers).path + "?notice=revoked")
    }

    private func membersPage(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, newLink: String?, email: String,
        error: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let id = access.workspace.id
        let dates = kit.dates(context, access)
        let canManage = access.role.canManageMembers
        let assignable = Role.allCases.filter { access.role.canAssign($0) }
        let rows = try await kit.storage.memberships.list(in: id).map { entry in
            MembersView.Row(
                name: entry.user.name, email: entry.user.email,
                role: kit.text("role.\(entry.membership.role.rawValue)", context),
                since: DateView(entry.membership.createdAt, dates),
                roleOptions: assignable.map {
                    SelectOption(
                        value: $0.rawValue, label: kit.text("role.\($0.rawValue)", context),
                        selected: $0 == entry.membership.role)
                },
                canEdit: canManage && entry.membership.role <= access.role,
                roleURL: SiteURL.workspace(id, .settingsMemberRole(entry.user.id)).path,
                removeURL: SiteURL.workspace(id, .settingsMemberRemove(entry.user.id)).path,
                isSelf: entry.user.id == access.user.id)
        }
        let pending =
            canManage
            ? try await kit.storage.invitations.listPending(in: id, now: kit.dependencies.clock.now()).map {
                MembersView.Pending(
                    email: $0.email, role: kit.text("role.\($0.role.rawValue)", context),
                    expires: DateView($0.expiresAt, dates),
                    revokeURL: SiteURL.workspace(id, .settingsInvitationRevoke($0.id)).path)
            } : []
        let view = MembersView(
            tabs: Tabs(id, current: "members"), canManage: canManage, members: rows, pending: pending,
            hasPending: !pending.isEmpty,
            inviteRoles: assignable.map {
                SelectOption(value: $0.rawValue, label: kit.text("role.\($0.rawValue)", context), selected: $0 == .moderator)
            },
            inviteEmail: email, inviteURL: SiteURL.workspace(id, .settingsInvite).path, newLink: newLink, error: error)
        return try await kit.render(
            "settings-members", title: kit.text("settings.members.title", context), content: view, request: request,
            context: context, access: access, current: .settingsMembers, status: status)
    }

    static func absolute(_ path: String, base: URL) -> String {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root + path
    }
}
