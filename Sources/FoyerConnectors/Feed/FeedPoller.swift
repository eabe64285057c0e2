import Crypto
import Foundation
import FoyerCore

/// Polls a feed with a conditional GET and returns the entries not seen before.
///
/// - Sends `If-None-Match` with the stored `ETag` and `If-Modified-Since` with the stored `Last-Modified`;
///   a 304 returns no items.
/// - `notBefore` is the latest of: the channel's interval, the RSS `<ttl>` (capped at a day); on 429 and
///   503 the error's `retryAfter` is the later of `Retry-After` and the interval.
/// - Redirects: the shared ``ConnectorHTTPClient`` follows them for GET, each hop checked by the network
///   policy. A 3xx it hands back (when configured not to follow) is handled here: 301 and 308 fail with a
///   message naming the new address (the channel's URL should be updated); 302, 303 and 307 are followed.
/// - 410 fails as `.notFound`.
/// - A body over 5 MB, or one that is not RSS, Atom or JSON Feed, fails as `.protocolError`.
struct FeedPoller: Poller {
    let http: ConnectorHTTPClient
    static let maxRedirects = 5
    /// Article bodies are cut here: the inbox needs the gist, the link has the rest.
    static let maxBodyCharacters = 10_000

    func poll(_ context: ChannelContext, cursor: String?, now: Date) async throws -> PollResult {
        let feedURL = try FeedConnector.feedURL(context)
        let interval = FeedConnector.interval(context)
        let feedName = "The feed at \(Self.describe(feedURL))"
        let client = http.named(feedName)
        let state = FeedCursor(stored: cursor)

        var headers = [
            "Accept":
                "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
        ]
        if let etag = state.etag { headers["If-None-Match"] = etag }
        if let lastModified = state.lastModified { headers["If-Modified-Since"] = lastModified }

        var url = feedURL
        var response: ConnectorHTTPResponse
        var hops = 0
        while true {
            do {
                response = try await client.send(
                    ConnectorHTTPRequest(url: url, headers: headers, maxResponseBytes: FeedParser.maxBytes))
            } catch let error as ConnectorError where error.kind == .rateLimited {
                throw ConnectorError(
                    .rateLimited, error.message, retryAfter: max(error.retryAfter ?? now, now + interval),
                    statusCode: error.statusCode)
            }
            guard [301, 302, 303, 307, 308].contains(response.status) else { break }
            guard let location = response.header("location"),
                let next = URL(string: location, relativeTo: url)?.absoluteURL
            else {
                throw ConnectorError(
                    .protocolError, "\(feedName) redirected without saying where to.", statusCode: response.status)
            }
            if response.status == 301 || response.status == 308 {
                throw ConnectorError(
                    .configuration,
                    "\(feedName) has moved permanently to \(ConnectorError.sanitize(next.absoluteString, limit: 200)); update the channel’s feed address in Settings › Channels.",
                    statusCode: response.status)
            }
            hops += 1
            guard hops <= Self.maxRedirects else {
                throw ConnectorError(.protocolError, "\(feedName) redirected more than \(Self.maxRedirects) times.")
            }
            url = next
        }

        switch response.status {
        case 304:
            return PollResult(items: [], cursor: nil, notBefore: now + interval)
        case 200..<300:
            break
        case 410:
            throw ConnectorError(
                .notFound,
                "\(feedName) is gone (HTTP 410): the publisher removed it; delete the channel or change its address.",
                statusCode: 410)
        case 429, 503:
            let hinted = RateLimitHints.retryAt(headers: response.headers, body: nil, now: now)
            let retryAt = max(hinted ?? now, now + interval)
            throw response.status == 429
                ? ConnectorError.rateLimited(platform: feedName, retryAt: retryAt)
                : ConnectorError(
                    .unavailable, "\(feedName) is unavailable (HTTP 503); Foyer will try again.", retryAfter: retryAt,
                    statusCode: 503)
        default:
            throw ConnectorError.from(
                status: response.status, body: response.body, platform: feedName, headers: response.headers, now: now)
        }

        let document: FeedDocument
        do {
            document = try FeedParser.parse(response.body, contentType: response.header("content-type"))
        } catch {
            throw ConnectorError(
                .protocolError, "\(feedName) is not valid RSS, Atom or JSON Feed: \(error.message).",
                statusCode: response.status)
        }

        var currentIDs: [String] = []
        var seen = Set(state.seen)
        var items: [InboundItem] = []
        for entry in document.entries {
            let item = Self.item(entry, document: document, feedURL: feedURL, base: response.url, now: now)
            currentIDs.append(item.externalID)
            guard seen.insert(item.externalID).inserted else { continue }
            items.append(item)
        }
        // Oldest first, keeping the document's order for equal dates (feeds list the newest first).
        items = items.enumerated().sorted { lhs, rhs in
            lhs.element.sentAt != rhs.element.sentAt ? lhs.element.sentAt < rhs.element.sentAt : lhs.offset > rhs.offset
        }.map(\.element)

        let next = FeedCursor(
            etag: response.header("etag"), lastModified: response.header("last-modified"),
            seen: FeedCursor.remembering(currentIDs, after: state.seen))
        let ttl = document.ttlMinutes.map { TimeInterval(min($0, 1440) * 60) } ?? 0
        return PollResult(items: items, cursor: next.encoded, notBefore: now + max(interval, ttl))
    }

    /// One entry as an inbox item: its own thread, kind `post`.
    static func item(
        _ entry: FeedDocument.Entry, document: FeedDocument, feedURL: URL, base: URL, now: Date
    ) -> InboundItem {
        let link = entry.link.flatMap { webURL($0, base: base) }
        let title = entry.title.map(HTMLToText.convert).flatMap { $0.isEmpty ? nil : $0 }
        let summary = HTMLToText.convert(entry.summary ?? entry.content ?? "")
        var body = [title, summary].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        if body.isEmpty { body = link ?? "" }
        if body.count > maxBodyCharacters { body = String(body.prefix(maxBodyCharacters - 1)) + "…" }

        let externalID = identity(entry, link: link, title: title)
        let feedTitle = document.title.map(HTMLToText.convert).flatMap { $0.isEmpty ? nil : $0 }
        let authorName = entry.authorName.map { ConnectorError.sanitize($0, limit: 200) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let author = InboundAuthor(
            externalID: authorName ?? feedURL.absoluteString,
            handle: authorName ?? feedTitle ?? feedURL.host ?? feedURL.absoluteString,
            displayName: authorName ?? feedTitle,
            profileURL: authorName == nil ? document.link.flatMap { webURL($0, base: base) } : nil)
        let sentAt = entry.date.flatMap(FeedDate.parse).map { min($0, now) } ?? now
        return InboundItem(
            externalID: externalID, threadID: externalID, kind: .post, author: author, body: body, sentAt: sentAt,
            url: link, subject: title.map { String($0.prefix(200)) },
            language: LanguageTag.validated(entry.language ?? document.language))
    }

    /// The entry's id; else its link; else a hash of its title and link. Over-long ids are hashed.
    static func identity(_ entry: FeedDocument.Entry, link: String?, title: String?) -> String {
        if let id = entry.id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
            return id.utf8.count <= 512 ? id : hash(id)
        }
        if let link = entry.link?.trimmingCharacters(in: .whitespacesAndNewlines), !link.isEmpty {
            return link.utf8.count <= 512 ? link : hash(link)
        }
        return hash((title ?? "") + "\n" + (link ?? "") + "\n" + (entry.summary ?? entry.content ?? ""))
    }

    static func hash(_ text: String) -> String {
        "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// An absolute http(s) URL for `text` (relative links resolved against the feed), or `nil`:
    /// `javascript:` and other schemes never reach a link in the interface.
    static func webURL(_ text: String, base: URL) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 2048, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL,
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil
        else { return nil }
        return url.absoluteString
    }

    /// Scheme, host and path, without the query (which may carry a token).
    static func describe(_ url: URL) -> String {
        guard let scheme = url.scheme, let host = url.host else { return "the configured address" }
        let port = url.port.map { ":\($0)" } ?? ""
        return ConnectorError.sanitize("\(scheme)://\(host)\(port)\(url.path)", limit: 200)
    }
}
