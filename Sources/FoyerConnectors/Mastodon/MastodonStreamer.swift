import Foundation
import FoyerCore

/// Receives mentions live from `GET /api/v1/streaming/user/notification` (Server-Sent Events), on the
/// channel's server address (standard Mastodon installations serve the streaming API there too).
///
/// Each `notification` event carries a Notification entity as its data: mentions become items the way the
/// poller reads them (``MastodonStatus``), and every notification id moves the cursor forward, so that the
/// next poll starts after it. Heartbeats and other events are skipped, and so is an event that cannot be read.
/// The stream is closed after ``maxDuration`` and reopened by the caller, which polls the gap each time.
struct MastodonStreamer: Streamer {
    let api: MastodonAPI
    /// How long one connection is kept at most.
    static let maxDuration: Duration = .seconds(3600)

    func stream(
        _ context: ChannelContext, onOpen: @Sendable () async throws -> String?,
        onPush: @Sendable (PollResult) async throws -> Void
    ) async throws {
        guard let token = context.credential("accessToken") else {
            throw ConnectorError(
                .unauthorized, "This Mastodon channel has no access token; reconnect it in Settings › Channels.")
        }
        let url = try api.url(context, path: ["api", "v1", "streaming", "user", "notification"])
        let request = ConnectorHTTPRequest(
            url: url, headers: ["Authorization": "Bearer \(token)", "Accept": "text/event-stream"])
        var cursor: String?
        var parser = ServerSentEvents()
        try await api.http.stream(
            request, maxDuration: Self.maxDuration, onOpen: { cursor = try await onOpen() },
            onChunk: { chunk in
                for event in parser.feed(chunk) where event.name == "notification" {
                    guard let push = Self.push(event.data, after: cursor, now: Date()) else { continue }
                    try await onPush(push)
                    cursor = push.cursor ?? cursor
                }
            })
    }

    /// The item (for a mention) and the cursor of one notification event; `nil` when it is unreadable or not
    /// newer than `cursor`.
    static func push(_ data: String, after cursor: String?, now: Date) -> PollResult? {
        guard data.utf8.count <= 1 << 20, let notification = try? JSONValue.parse(Data(data.utf8)),
            let id = notification["id"]?.stringOrNumber, !id.isEmpty, id.utf8.count <= 64,
            cursor.map({ MastodonAPI.isNewer(id, than: $0) }) ?? true
        else { return nil }
        var items: [InboundItem] = []
        if notification["type"]?.string == "mention", let status = notification["status"],
            let item = MastodonStatus.item(status, now: now)
        {
            items.append(item)
        }
        return PollResult(items: items, cursor: id)
    }
}
