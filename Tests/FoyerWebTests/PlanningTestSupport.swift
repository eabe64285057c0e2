import Foundation
import FoyerCore
import FoyerTestSupport

/// A workspace with an owner who can sign in, a channel, and helpers for content and posts, for the
/// calendar, planning and home tests.
struct PlanningBoard {
    let app: WebTestApp
    let workspace: SeededWorkspace
    let channel: Channel

    var storage: Storage { app.storage }
    var id: WorkspaceID { workspace.id }
    var calendar: String { "/w/\(workspace.id)/calendar" }

    static func make(timeZone: String = "Europe/Paris", locale: AppLocale = .en) async throws -> PlanningBoard {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(
            named: "Acme", owner: "owner@example.org", timeZone: timeZone, locale: locale)
        try await app.user("owner@example.org")
        let channel = try await app.seed.channel(in: workspace.id, kind: .mastodon, name: "Mastodon")
        return PlanningBoard(app: app, workspace: workspace, channel: channel)
    }

    /// A teammate with `role` who can sign in.
    @discardableResult
    func member(_ email: String, role: Role, locale: AppLocale? = nil) async throws -> User {
        let user = try await app.user(email, locale: locale)
        try await app.seed.member(email, role: role, of: id)
        return user
    }

    /// An item, approved by the owner unless `approved` is false.
    func item(_ title: String, type: String = "announcement", approved: Bool = true) async throws -> ContentItem {
        let item = try await storage.content.create(
            ContentDraft(title: title, body: "Text of \(title)", contentType: type), createdBy: workspace.owner.id, in: id)
        guard approved else { return item }
        _ = try await storage.content.addReview(
            NewContentReview(
                decision: .approved, reviewerID: workspace.owner.id, reviewerName: "Owner", viaLink: false, comment: "",
                fingerprint: ContentFingerprint.of(item, variants: [], media: [])),
            to: item.id, in: id)
        return try await storage.content.find(item.id, in: id) ?? item
    }

    /// A scheduled post of `item` on the channel (or `channel`), due at `dueAt`.
    func post(_ item: ContentItem, at dueAt: Date, market: MarketID? = nil, channel: Channel? = nil) async throws
        -> Publication
    {
        try await storage.publications.create(
            NewPublication(
                channelID: (channel ?? self.channel).id, purpose: .post, conversationID: nil, body: item.body,
                threadID: nil, inReplyToExternalID: nil, dueAt: dueAt, createdBy: workspace.owner.id,
                post: PostDetails(contentID: item.id, marketID: market, title: item.title)),
            in: id, now: app.clock.now())
    }

    /// The post as the publisher leaves it after the platform accepted it.
    @discardableResult
    func published(_ post: Publication, externalID: String, remoteURL: String? = nil) async throws -> Publication {
        var done = post
        done.state = .published
        done.attempts = 1
        done.externalID = externalID
        done.remoteURL = remoteURL
        try await storage.publications.save(done, expecting: .scheduled)
        return done
    }

    /// The post as the publisher leaves it after a permanent refusal.
    @discardableResult
    func failed(_ post: Publication, error: String) async throws -> Publication {
        var done = post
        done.state = .failed
        done.attempts = 1
        done.lastError = error
        done.updatedAt = app.clock.now()
        try await storage.publications.save(done, expecting: .scheduled)
        return done
    }
}

/// `2026-03-30T07:00:00Z`.
func utc(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text) ?? .distantPast
}

/// The HTML of one day's cell (or list entry) of the calendar, up to the next day.
func dayCell(_ html: String, _ day: String) -> String {
    guard let start = html.range(of: "data-day=\"\(day)\"") else { return "" }
    let rest = html[start.upperBound...]
    let end = rest.range(of: "data-day=\"")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
}
