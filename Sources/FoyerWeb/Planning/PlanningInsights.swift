import Foundation
import FoyerCore

/// What the home and calendar pages say about a workspace's plan: how long each channel's content lasts at
/// its cadence goals, and the posts that need a person's eye (late or failed).
struct PlanningInsights: Sendable {
    let kit: PageKit

    /// How many approved items the runway reads at most (pages of 200).
    static let stockPages = 5

    struct RunwayRow: Sendable {
        let channel: String
        let days: String
        let text: String
        let isLow: Bool
        let goals: [String]
    }

    struct AttentionRow: Sendable {
        let title: String
        let channel: String
        let when: DateView
        let state: String
        let stateClass: String
        let error: String?
        let url: String?
    }

    /// The runway of every channel with goals, the first to run out first.
    func runway(
        _ access: WorkspaceAccess, channels: [Channel], types: [ContentTypeDefinition], context: FoyerRequestContext,
        now: Date
    ) async throws -> [RunwayRow] {
        let id = access.workspace.id
        let goals = try await kit.storage.planning.goals(in: id)
        guard !goals.isEmpty else { return [] }
        var approved: [ContentItem] = []
        var cursor: String?
        for _ in 0..<Self.stockPages {
            let page = try await kit.storage.content.list(
                in: id, filter: ContentFilter(statuses: [.approved]), page: PageRequest(limit: PageRequest.maximumLimit, cursor: cursor))
            approved += page.items
            guard let next = page.next else { break }
            cursor = next
        }
        var stock: [StockRunway.StockItem] = []
        for item in approved {
            stock.append(StockRunway.StockItem(item: item, variants: try await kit.storage.content.variants(of: item.id, in: id)))
        }
        let future = try await kit.storage.publications.posts(in: id, from: now, to: now.addingTimeInterval(400 * 86_400))
            .filter { $0.state.isWaiting }
        let contentTypes = try await self.contentTypes(of: future, in: id)
        let scheduled = future.map { post in
            StockRunway.ScheduledPost(
                channelID: post.channelID, contentType: post.post.flatMap { contentTypes[$0.contentID] }, dueAt: post.dueAt)
        }
        let names = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let typeNames = Dictionary(types.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        return StockRunway.compute(goals: goals, stock: stock, scheduled: scheduled, now: now).map { runway in
            let channel = names[runway.channelID] ?? runway.channelID.description
            let days = runway.daysCovered.isFinite ? String(Int(runway.daysCovered.rounded(.down))) : "∞"
            var text = kit.text("runway.left", context, ["channel": channel, "days": days])
            if let first = runway.missingFirst.first {
                text += " " + kit.text("runway.first", context, ["type": typeNames[first] ?? first])
            }
            let goalTexts = runway.goals.map { goal in
                kit.text(
                    "runway.goal", context,
                    [
                        "type": goal.goal.contentType.map { typeNames[$0] ?? $0 } ?? kit.text("planning.anyType", context),
                        "cadence": kit.text(
                            "planning.cadence.\(goal.goal.period.rawValue)", context, ["count": String(goal.goal.count)]),
                        "scheduled": String(goal.scheduled), "stock": String(goal.stock),
                        "days": goal.daysCovered.isFinite ? String(Int(goal.daysCovered.rounded(.down))) : "∞",
                    ])
            }
            return RunwayRow(channel: channel, days: days, text: text, isLow: runway.isLow, goals: goalTexts)
        }
    }

    /// Posts and replies that are late (still waiting two minutes after their time) or failed in the last
    /// seven days, oldest first.
    func attention(
        _ access: WorkspaceAccess, channels: [Channel], context: FoyerRequestContext, now: Date, limit: Int = 20
    ) async throws -> [AttentionRow] {
        let id = access.workspace.id
        let entries = try await kit.storage.publications.needingAttention(
            in: id, dueBefore: now.addingTimeInterval(-Publication.lateAfter),
            failedSince: now.addingTimeInterval(-Publication.failureWindow),
            limit: limit)
        let names = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        return entries.map { entry in
            let failed = entry.state == .failed
            return AttentionRow(
                title: entry.post?.title ?? String(entry.body.prefix(80)), channel: names[entry.channelID] ?? "",
                when: DateView(entry.dueAt, dates),
                state: kit.text(failed ? "calendar.state.failed" : "calendar.state.late", context),
                stateClass: failed ? "state-failed" : "state-late", error: entry.lastError.map { String($0.prefix(300)) },
                url: PlanningLinks.entry(entry, access))
        }
    }

    /// The content type of each post's item, by item.
    func contentTypes(of posts: [Publication], in workspace: WorkspaceID) async throws -> [ContentItemID: String] {
        var types: [ContentItemID: String] = [:]
        for id in Set(posts.compactMap { $0.post?.contentID }) {
            if let item = try await kit.storage.content.find(id, in: workspace) { types[id] = item.contentType }
        }
        return types
    }
}

/// Links from the planning pages to the content library.
enum PlanningLinks {
    /// The page of a content item.
    static func item(_ id: ContentItemID, in workspace: WorkspaceID) -> String? {
        SiteURL.workspace(workspace, .contentItem(id)).path
    }

    /// Where a ledger entry leads: a post's content item, or a reply's conversation for those who may read
    /// the inbox.
    static func entry(_ entry: Publication, _ access: WorkspaceAccess) -> String? {
        if let post = entry.post { return item(post.contentID, in: access.workspace.id) }
        if let conversation = entry.conversationID, access.role.canReadInbox {
            return SiteURL.workspace(access.workspace.id, .conversation(conversation)).path
        }
        return nil
    }
}
