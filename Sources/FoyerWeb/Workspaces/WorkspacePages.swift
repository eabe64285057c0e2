import Foundation
import FoyerCore
import Hummingbird

/// The workspace switcher (with the form to create one) and each workspace's home page.
struct WorkspacePages: Sendable {
    let kit: PageKit

    struct SwitcherView: Sendable {
        struct Row: Sendable {
            let name: String
            let role: String
            let url: String
        }

        let workspaces: [Row]
        let hasWorkspaces: Bool
        let name: String
        let error: String?
        let action = SiteURL.workspaces.path
    }

    struct HomeView: Sendable {
        struct Count: Sendable {
            let label: String
            let value: Int
        }

        struct Latest: Sendable {
            let author: String
            let body: String
            let sent: DateView
            let channel: String
            let url: String
            let language: String?
            let languageName: String?
            let sentiment: String?
        }

        struct ChannelRow: Sendable {
            let name: String
            let kind: String
            let status: String
            let statusClass: String
            let lastSuccess: DateView?
            let lastError: String?
        }

        let workspaceName: String
        let counts: [Count]
        let statuses: [Count]
        let latest: [Latest]
        let hasLatest: Bool
        let channels: [ChannelRow]
        let hasChannels: Bool
        let latestMessageAt: DateView?
        let timeZone: String
        let inboxURL: String
        let canReadInbox: Bool
        /// Channels whose approved content runs out soon at their cadence goals.
        let runwayWarnings: [PlanningInsights.RunwayRow]
        let hasRunwayWarnings: Bool
        /// Posts late or failed, with links to their items.
        let attention: [PlanningInsights.AttentionRow]
        let hasAttention: Bool
        let calendarURL: String
    }

    /// Signed-out people go to sign-in; members of exactly one workspace go straight to it.
    func root(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        guard let user = context.identity else { return .seeOther(.signIn()) }
        let workspaces = try await kit.storage.workspaces.list(for: user.id)
        if workspaces.count == 1, let only = workspaces.first {
            return .seeOther(.workspace(only.workspace.id, .home))
        }
        return .seeOther(.workspaces)
    }

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await switcher(request, context, name: "", error: nil, status: .ok)
    }

    func create(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let user = try kit.requireUser(request, context)
        let rawName = context.form["name"] ?? ""
        do {
            let name = try Validation.name(rawName)
            let workspace = try await kit.storage.workspaces.create(
                NewWorkspace(name: name, timeZone: "UTC", defaultLocale: context.locale), owner: user.id)
            try await kit.storage.audit.record(
                NewAuditEvent(
                    workspaceID: workspace.id, actorID: user.id, action: "workspace.created",
                    targetType: "workspace", targetID: workspace.id.description, details: ["name": name]))
            return .seeOther(path: SiteURL.workspace(workspace.id, .settings).path + "?notice=created")
        } catch let error as DomainError {
            let message: String
            if case .conflict = error {
                message = kit.text("workspaces.nameTaken", context)
            } else {
                message = kit.message(for: error, context)
            }
            return try await switcher(request, context, name: rawName, error: message, status: .badRequest)
        }
    }

    func home(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let id = access.workspace.id
        let now = kit.dependencies.clock.now()
        let summary = try await kit.storage.workspaces.summary(id, now: now)
        let channels = try await kit.storage.channels.list(in: id)
        let channelNames = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        var latest: [HomeView.Latest] = []
        if access.role.canReadInbox {
            latest = try await kit.storage.messages.list(in: id, filter: MessageFilter(), page: PageRequest(limit: 5))
                .items.map { message in
                    HomeView.Latest(
                        author: message.authorName, body: String(message.body.prefix(280)),
                        sent: DateView(message.sentAt, dates), channel: channelNames[message.channelID] ?? "",
                        url: SiteURL.workspace(id, .conversation(message.conversationID)).path,
                        language: message.analysis.language,
                        languageName: message.analysis.language.map { kit.text("language.\($0)", context) },
                        sentiment: message.analysis.sentiment.map { kit.text("sentiment.\($0.rawValue)", context) })
                }
        }
        let insights = PlanningInsights(kit: kit)
        let runway = try await insights.runway(
            access, channels: channels, types: try await kit.storage.planning.contentTypes(in: id), context: context, now: now
        ).filter(\.isLow)
        let attention = try await insights.attention(access, channels: channels, context: context, now: now)
        let view = HomeView(
            workspaceName: access.workspace.name,
            counts: [
                .init(label: kit.text("home.messages", context), value: summary.messages),
                .init(label: kit.text("home.messagesLast7Days", context), value: summary.messagesLast7Days),
                .init(label: kit.text("home.negativeLast7Days", context), value: summary.negativeLast7Days),
                .init(label: kit.text("home.toxicLast7Days", context), value: summary.toxicLast7Days),
                .init(label: kit.text("home.members", context), value: summary.members),
                .init(label: kit.text("home.channels", context), value: summary.channels),
            ],
            statuses: ConversationStatus.allCases.map {
                .init(label: kit.text("home.status.\($0.rawValue)", context), value: summary.conversationsByStatus[$0] ?? 0)
            },
            latest: latest, hasLatest: !latest.isEmpty,
            channels: channels.map { ChannelViews.row($0, kit: kit, context: context, dates: dates) },
            hasChannels: !channels.isEmpty, latestMessageAt: summary.latestMessageAt.map { DateView($0, dates) },
            timeZone: access.workspace.timeZone, inboxURL: SiteURL.workspace(id, .inbox).path,
            canReadInbox: access.role.canReadInbox, runwayWarnings: runway, hasRunwayWarnings: !runway.isEmpty,
            attention: attention, hasAttention: !attention.isEmpty, calendarURL: SiteURL.workspace(id, .calendar).path)
        return try await kit.render(
            "home", title: access.workspace.name, content: view, request: request, context: context, access: access,
            current: .workspaceHome)
    }

    private func switcher(
        _ request: Request, _ context: FoyerRequestContext, name: String, error: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let user = try kit.requireUser(request, context)
        let rows = try await kit.storage.workspaces.list(for: user.id).map { entry in
            SwitcherView.Row(
                name: entry.workspace.name, role: kit.text("role.\(entry.role.rawValue)", context),
                url: SiteURL.workspace(entry.workspace.id, .home).path)
        }
        return try await kit.render(
            "workspaces", title: kit.text("workspaces.title", context),
            content: SwitcherView(workspaces: rows, hasWorkspaces: !rows.isEmpty, name: name, error: error),
            request: request, context: context, current: .workspaces, status: status)
    }
}

/// How a channel is shown on the home and channels pages.
enum ChannelViews {
    static func row(_ channel: Channel, kit: PageKit, context: FoyerRequestContext, dates: DateDisplay)
        -> WorkspacePages.HomeView.ChannelRow
    {
        let status = channel.health.status
        return .init(
            name: channel.name, kind: channel.kind.displayName,
            status: kit.text("health.\(status.rawValue)", context), statusClass: "health-\(status.rawValue)",
            lastSuccess: channel.health.lastSuccessAt.map { DateView($0, dates) },
            lastError: channel.health.lastError.map { String($0.prefix(300)) })
    }
}
