import Foundation
import FoyerCore
import Hummingbird

/// The publish ledger of a workspace: every post and reply with its state, attempts, last error and link
/// on the platform, what needs attention first, and filters by state and kind. Actions (reschedule, retry,
/// cancel) stay on the content item's page, which each post links to.
struct PublishingPages: Sendable {
    let kit: PageKit

    /// How many entries the ledger shows, newest first.
    static let limit = 200

    struct Entry: Sendable {
        let id: String
        let title: String
        let url: String?
        let kind: String
        let channel: String
        let due: DateView
        let state: String
        let stateClass: String
        let late: Bool
        let attempts: Int
        let lastError: String?
        let remoteURL: String?
    }

    struct LedgerView: Sendable {
        let action: String
        let states: [SelectOption]
        let kinds: [SelectOption]
        let attention: [PlanningInsights.AttentionRow]
        let hasAttention: Bool
        let calendarURL: String
        let entries: [Entry]
        let hasEntries: Bool
        let limit: Int
        let isFull: Bool
        let error: String?
    }

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let id = access.workspace.id
        let parameters = request.uri.queryParameters
        var refused: [String] = []
        let rawState = parameters.get("state").map { String($0.prefix(20)) } ?? ""
        let state = PublicationState(rawValue: rawState)
        if !rawState.isEmpty, state == nil { refused.append("state") }
        let rawKind = parameters.get("kind").map { String($0.prefix(20)) } ?? ""
        let purpose = PublicationPurpose(rawValue: rawKind)
        if !rawKind.isEmpty, purpose == nil { refused.append("kind") }

        let now = kit.dependencies.clock.now()
        let channels = try await kit.storage.channels.list(in: id)
        let names = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        let entries = try await kit.storage.publications.list(in: id, state: state, purpose: purpose, limit: Self.limit)
            .map { entry in
                let late = entry.isLate(now: now)
                return Entry(
                    id: entry.id.description, title: entry.post?.title ?? String(entry.body.prefix(80)),
                    url: PlanningLinks.entry(entry, access), kind: kit.text("publishing.kind.\(entry.purpose.rawValue)", context),
                    channel: names[entry.channelID] ?? kit.text("content.unknownChannel", context),
                    due: DateView(entry.dueAt, dates),
                    state: kit.text(late ? "calendar.state.late" : "publication.\(entry.state.rawValue)", context),
                    stateClass: late ? "state-late" : "state-\(entry.state.rawValue)", late: late, attempts: entry.attempts,
                    lastError: entry.lastError.map { String($0.prefix(300)) },
                    remoteURL: entry.state == .published ? ExternalLink.safe(entry.remoteURL) : nil)
            }
        let attention = try await PlanningInsights(kit: kit).attention(access, channels: channels, context: context, now: now)
        let view = LedgerView(
            action: SiteURL.workspace(id, .publishing).path,
            states: [SelectOption(value: "", label: kit.text("publishing.allStates", context), selected: state == nil)]
                + PublicationState.allCases.map {
                    SelectOption(value: $0.rawValue, label: kit.text("publication.\($0.rawValue)", context), selected: $0 == state)
                },
            kinds: [SelectOption(value: "", label: kit.text("publishing.allKinds", context), selected: purpose == nil)]
                + [PublicationPurpose.post, .reply].map {
                    SelectOption(
                        value: $0.rawValue, label: kit.text("publishing.kind.\($0.rawValue)", context), selected: $0 == purpose)
                },
            attention: attention, hasAttention: !attention.isEmpty, calendarURL: SiteURL.workspace(id, .calendar).path,
            entries: entries, hasEntries: !entries.isEmpty, limit: Self.limit, isFull: entries.count == Self.limit,
            error: refused.isEmpty ? nil : refused.map { kit.text("content.badFilter", context, ["name": $0]) }.joined(separator: " "))
        return try await kit.render(
            "publishing", title: kit.text("nav.publishing", context), content: view, request: request, context: context,
            access: access, current: .publishing, status: refused.isEmpty ? .ok : .badRequest)
    }
}
