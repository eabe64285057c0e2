import Foundation
import FoyerCore

/// Polls `GET /api/v1/notifications?types[]=mention` from the newest notification id seen.
///
/// - First poll (no cursor): the latest page only; older mentions are not fetched.
/// - Later polls: `min_id=<cursor>`, the page right after the cursor. When the page is full, the `Link`
///   header's `rel="prev"` page is next: its `min_id` becomes the cursor and `hasMore` is true.
/// - The cursor is the newest notification id seen, so a notification is returned once.
/// - `X-RateLimit-Remaining: 0` sets `notBefore` to `X-RateLimit-Reset`; a 429 (which Mastodon sends
///   without `Retry-After`) throws ``ConnectorError`` `.rateLimited` with `retryAfter` from the reset time.
struct MastodonPoller: Poller {
    let api: MastodonAPI
    /// Mastodon's default page size; the maximum is 80.
    static let pageSize = 40

    func poll(_ context: ChannelContext, cursor: String?, now: Date) async throws -> PollResult {
        var query = [
            URLQueryItem(name: "types[]", value: "mention"), URLQueryItem(name: "limit", value: String(Self.pageSize)),
        ]
        if let cursor, !cursor.isEmpty { query.append(URLQueryItem(name: "min_id", value: cursor)) }
        let url = try api.url(context, path: ["api", "v1", "notifications"], query: query)
        let response = try await api.send(ConnectorHTTPRequest(url: url), context: context)
        guard let notifications = try response.json(platform: MastodonAPI.platform).array else {
            throw ConnectorError.undecodable(platform: MastodonAPI.platform, what: "notifications are not a list")
        }

        var newest = cursor
        var items: [(id: String, item: InboundItem)] = []
        for notification in notifications {
            // A notification without an id cannot move the cursor; one we cannot read is skipped, not fatal.
            guard let id = notification["id"]?.stringOrNumber, !id.isEmpty, id.utf8.count <= 64 else { continue }
            if newest.map({ MastodonAPI.isNewer(id, than: $0) }) ?? true { newest = id }
            guard notification["type"]?.string == "mention", let status = notification["status"],
                let item = MastodonStatus.item(status, now: now)
            else { continue }
            items.append((id, item))
        }
        items.sort { MastodonAPI.isNewer($1.id, than: $0.id) }

        var nextCursor = newest == cursor ? nil : newest
        var hasMore = false
        if cursor != nil, notifications.count >= Self.pageSize,
            let previous = MastodonAPI.links(response.header("link"))["prev"],
            let minID = MastodonAPI.queryValue("min_id", in: previous), !minID.isEmpty
        {
            // Follow the server's link, but never back to before what this page already returned.
            nextCursor = newest.map { MastodonAPI.isNewer($0, than: minID) ? $0 : minID } ?? minID
            hasMore = true
        }
        var notBefore: Date?
        if let quota = response.quota, quota.remaining == 0, let reset = quota.resetAt, reset > now {
            notBefore = reset
        }
        return PollResult(items: items.map(\.item), cursor: nextCursor, notBefore: notBefore, hasMore: hasMore)
    }
}
