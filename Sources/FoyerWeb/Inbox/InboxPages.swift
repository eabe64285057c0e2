import Foundation
import FoyerCore
import Hummingbird

/// The inbox: the conversation list with filters, search, sorts, saved views and bulk actions, and each
/// conversation with its thread, analysis, member, notes, tags, assignment, status and reply box.
struct InboxPages: Sendable {
    let kit: PageKit

    struct ListView: Sendable {
        struct Row: Sendable {
            let id: String
            let subject: String
            let url: String
            let status: String
            let statusClass: String
            let priority: String
            let channel: String
            let assignee: String?
            let messages: Int
            let last: DateView
            let tags: String?
            let waiting: String?
            let breached: Bool
            let spam: Bool
        }

        struct SavedViewLink: Sendable {
            let name: String
            let url: String
            let deleteURL: String
            let updateURL: String
            let current: Bool
            let isPrivate: Bool
            /// Whether the viewer may share, unshare or delete it.
            let canChange: Bool
            /// A shared view offers "make private" to its creator only.
            let canMakePrivate: Bool
        }

        struct Hidden: Sendable {
            let name: String
            let value: String
        }

        let action: String
        let liveURL: String
        let statuses: [SelectOption]
        let channels: [SelectOption]
        let languages: [SelectOption]
        let sentiments: [SelectOption]
        let intents: [SelectOption]
        let toxic: [SelectOption]
        let spam: [SelectOption]
        let assignees: [SelectOption]
        let slaOptions: [SelectOption]
        let sorts: [SelectOption]
        let tag: String
        let query: String
        let rows: [Row]
        let hasRows: Bool
        let nextURL: String?
        let error: String?
        let breachCount: Int
        let hasBreaches: Bool
        let hasSLA: Bool
        let breachedURL: String
        let views: [SavedViewLink]
        let hasViews: Bool
        let saveViewAction: String
        let currentFilters: [Hidden]
        let canAct: Bool
        let bulkAction: String
        let bulkAssignees: [SelectOption]
        let returnTo: String
        let shortcuts: [Shortcut]
    }

    struct Shortcut: Sendable {
        let key: String
        let label: String
    }

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id = access.workspace.id
        let parameters = request.uri.queryParameters
        let channels = try await kit.storage.channels.list(in: id)
        let members = try await kit.storage.memberships.list(in: id)
        let parsed = InboxQuery.parse(
            { parameters.get($0) }, me: access.user.id, channels: channels.map(\.id))
        let filter = parsed.filter
        let cursor = parameters.get("cursor").map { String($0.prefix(200)) }
        let page: Page<Conversation>
        var refused = parsed.refused
        do {
            page = try await kit.storage.conversations.list(
                in: id, filter: filter, page: PageRequest(limit: 25, cursor: cursor))
        } catch DomainError.invalid(let field, _) where field == "cursor" {
            refused.append("cursor")
            page = try await kit.storage.conversations.list(in: id, filter: filter, page: PageRequest(limit: 25))
        }
        let settings = try await kit.storage.inboxSettings.find(in: id)
        let policy = SLAPolicy(settings: settings, timeZoneIdentifier: access.workspace.timeZone)
        let breachCount =
            policy == nil
            ? 0 : try await kit.storage.conversations.count(in: id, filter: ConversationFilter(slaBreached: true))
        let now = kit.dependencies.clock.now()
        let channelNames = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let userNames = Dictionary(members.map { ($0.user.id, $0.user.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        let rows = page.items.map { conversation in
            let waitingSince =
                conversation.status == .open || conversation.status == .pending ? conversation.waitingSince : nil
            let waited = waitingSince.map { since in
                policy?.businessTime(from: since, to: now) ?? now.timeIntervalSince(since)
            }
            return ListView.Row(
                id: conversation.id.description,
                subject: conversation.subject.isEmpty ? kit.text("inbox.noSubject", context) : conversation.subject,
                url: SiteURL.workspace(id, .conversation(conversation.id)).path,
                status: kit.text("status.\(conversation.status.rawValue)", context),
                statusClass: "status-\(conversation.status.rawValue)",
                priority: kit.text("priority.\(conversation.priority.rawValue)", context),
                channel: channelNames[conversation.channelID] ?? "",
                assignee: conversation.assigneeID.flatMap { userNames[$0] },
                messages: conversation.messageCount, last: DateView(conversation.lastMessageAt, dates),
                tags: conversation.tags.isEmpty ? nil : conversation.tags.joined(separator: ", "),
                waiting: waited.map { Self.duration($0, kit: kit, context) },
                breached: waitingSince.map { since in policy?.isBreached(waitingSince: since, now: now) ?? false }
                    ?? false,
                spam: conversation.isSpam)
        }
        let inboxPath = SiteURL.workspace(id, .inbox).path
        let nextURL = page.next.map { inboxPath + "?" + parsed.queryString(adding: [("cursor", $0)]) }
        let me = access.user.id
        let views = try await kit.storage.savedViews.list(in: id, visibleTo: me).map { view -> ListView.SavedViewLink in
            var query = InboxQuery()
            query.values = view.filters
            let text = query.queryString()
            return ListView.SavedViewLink(
                name: view.name, url: text.isEmpty ? inboxPath : inboxPath + "?" + text,
                deleteURL: SiteURL.workspace(id, .inboxViewDelete(view.id)).path,
                updateURL: SiteURL.workspace(id, .inboxViewUpdate(view.id)).path,
                current: view.filters == parsed.values, isPrivate: view.visibility == .private,
                canChange: view.canChange(by: me, role: access.role),
                canMakePrivate: view.visibility == .shared && view.createdBy == me)
        }
        func options<T>(_ all: [T], selected: T?, value: (T) -> String, label: (T) -> String, any: String)
            -> [SelectOption]
        where T: Equatable {
            [SelectOption(value: "", label: kit.text(any, context), selected: selected == nil)]
                + all.map { SelectOption(value: value($0), label: label($0), selected: selected == $0) }
        }
        let yesNo = ["true", "false"]
        let assigneeValue = parsed.values["assignee"]
        let assigneeChoices: [(String, String)] =
            [
                ("me", kit.text("inbox.assigneeMe", context)), ("unassigned", kit.text("inbox.unassigned", context)),
                ("someone", kit.text("inbox.assigneeSomeone", context)),
            ] + members.map { ($0.user.id.description, $0.user.name) }
        let specific = ["status": "inbox.badStatus", "channel": "inbox.badChannel", "language": "inbox.badLanguage"]
        let errors = refused.map { kit.text(specific[$0] ?? "inbox.refused", context, ["name": $0]) }
        let view = ListView(
            action: inboxPath, liveURL: SiteURL.workspace(id, .events).path,
            statuses: options(
                ConversationStatus.allCases, selected: filter.status, value: \.rawValue,
                label: { kit.text("status.\($0.rawValue)", context) }, any: "inbox.allStatuses"),
            channels: options(
                channels.map(\.id), selected: filter.channelID, value: \.description,
                label: { channelNames[$0] ?? "" }, any: "inbox.allChannels"),
            languages: options(
                InboxQuery.languages, selected: filter.language, value: { $0 },
                label: { kit.text("language.\($0)", context) }, any: "inbox.allLanguages"),
            sentiments: options(
                SentimentLabel.allCases, selected: filter.sentiment, value: \.rawValue,
                label: { kit.text("sentiment.\($0.rawValue)", context) }, any: "inbox.any"),
            intents: options(
                NewSavedReply.knownIntents, selected: filter.intent, value: { $0 },
                label: { kit.text("intent.\($0)", context) }, any: "inbox.any"),
            toxic: options(
                yesNo, selected: parsed.values["toxic"], value: { $0 },
                label: { kit.text($0 == "true" ? "common.yes" : "common.no", context) }, any: "inbox.any"),
            spam: options(
                yesNo, selected: parsed.values["spam"], value: { $0 },
                label: { kit.text($0 == "true" ? "common.yes" : "common.no", context) }, any: "inbox.any"),
            assignees: [
                SelectOption(value: "", label: kit.text("inbox.anyone", context), selected: assigneeValue == nil)
            ]
                + assigneeChoices.map { SelectOption(value: $0.0, label: $0.1, selected: assigneeValue == $0.0) },
            slaOptions: options(
                ["breached"], selected: parsed.values["sla"], value: { $0 },
                label: { _ in kit.text("inbox.slaBreached", context) }, any: "inbox.any"),
            sorts: ConversationSort.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: kit.text("sort.\($0.rawValue)", context), selected: filter.sort == $0)
            },
            tag: parsed.values["tag"] ?? "", query: parsed.values["q"] ?? "", rows: rows, hasRows: !rows.isEmpty,
            nextURL: nextURL, error: errors.isEmpty ? nil : errors.joined(separator: " "), breachCount: breachCount,
            hasBreaches: breachCount > 0, hasSLA: policy != nil,
            breachedURL: inboxPath + "?sla=breached&sort=oldestWaiting", views: views,
            hasViews: !views.isEmpty, saveViewAction: SiteURL.workspace(id, .inboxViewCreate).path,
            currentFilters: SavedView.filterKeys.compactMap { key in
                parsed.values[key].map { ListView.Hidden(name: key, value: $0) }
            },
            canAct: access.role.canHandleConversations, bulkAction: SiteURL.workspace(id, .inboxBulk).path,
            bulkAssignees: [SelectOption(value: "", label: kit.text("inbox.nobody", context), selected: false)]
                + members.map { SelectOption(value: $0.user.id.description, label: $0.user.name, selected: false) },
            returnTo: request.uri.description, shortcuts: Self.shortcuts(kit: kit, context))
        return try await kit.render(
            "inbox", title: kit.text("inbox.title", context), content: view, request: request, context: context,
            access: access, current: .inbox, status: errors.isEmpty ? .ok : .badRequest)
    }

    static func shortcuts(kit: PageKit, _ context: FoyerRequestContext) -> [Shortcut] {
        [
            ("j", "shortcut.next"), ("k", "shortcut.previous"), ("a", "shortcut.assign"), ("c", "shortcut.close"),
            ("r", "shortcut.reply"), ("?", "shortcut.help"),
        ]
        .map { Shortcut(key: $0.0, label: kit.text($0.1, context)) }
    }

    /// "2 h 05 min", "3 d 4 h", "12 min", in the interface language.
    static func duration(_ seconds: TimeInterval, kit: PageKit, _ context: FoyerRequestContext) -> String {
        let minutes = max(0, Int(seconds / 60))
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return kit.text("duration.days", context, ["d": String(days), "h": String(hours)]) }
        if hours > 0 { return kit.text("duration.hours", context, ["h": String(hours), "m": String(rest)]) }
        return kit.text("duration.minutes", context, ["m": String(rest)])
    }
}
