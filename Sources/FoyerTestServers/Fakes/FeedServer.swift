import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A loopback HTTP server for feed tests: serves scripted RSS, Atom or JSON Feed bodies with `ETag` and
/// `Last-Modified`, answers conditional requests with 304 as RFC 9110 §13 says, and plays one-off replies
/// (429 with `Retry-After`, 410, 301, malformed or oversized bodies) queued per path.
///
/// ```swift
/// try await FeedServer.run { server in
///     await server.setFeed("/blog.xml", body: rss, contentType: "application/rss+xml", etag: "\"v1\"")
///     // … poll server.url("/blog.xml") …
/// }
/// ```
public final class FeedServer: Sendable {
    /// A one-off answer, served before the path's feed.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String

        public init(status: Int, headers: [String: String] = [:], body: String = "") {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// 429 with `Retry-After: <seconds>`.
        public static func tooManyRequests(retryAfterSeconds: Int) -> Reply {
            Reply(status: 429, headers: ["Retry-After": String(retryAfterSeconds)], body: "Slow down")
        }

        /// 503 with `Retry-After: <seconds>`.
        public static func unavailable(retryAfterSeconds: Int) -> Reply {
            Reply(status: 503, headers: ["Retry-After": String(retryAfterSeconds)], body: "Maintenance")
        }

        /// 410 Gone.
        public static var gone: Reply { Reply(status: 410, body: "Gone") }

        /// 301 to `location`.
        public static func movedPermanently(to location: String) -> Reply {
            Reply(status: 301, headers: ["Location": location])
        }

        /// 200 with `body` as `contentType`.
        public static func ok(_ body: String, contentType: String = "application/rss+xml") -> Reply {
            Reply(status: 200, headers: ["Content-Type": contentType], body: body)
        }
    }

    /// One request the server received.
    public struct RecordedRequest: Sendable {
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
        /// The status the server answered.
        public var status: Int
    }

    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    private let state: State

    private init(baseURL: URL, state: State) {
        self.baseURL = baseURL
        self.state = state
    }

    /// Starts a server on loopback, runs `body` with it, and stops it.
    public static func run<Result: Sendable>(_ body: (FeedServer) async throws -> Result) async throws -> Result {
        let state = State()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await state.respond(to: request)
        }
        return try await LoopbackHTTPServer.run(responder) { port in
            try await body(FeedServer(baseURL: LoopbackHTTPServer.url(port: port), state: state))
        }
    }

    /// The absolute URL of `path` on this server.
    public func url(_ path: String) -> URL { baseURL.appending(path: path) }

    /// Serves `body` at `path` from now on, with the validators given (`nil` leaves the header out).
    public func setFeed(
        _ path: String, body: String, contentType: String = "application/rss+xml", etag: String? = nil,
        lastModified: Date? = nil
    ) async {
        await state.setFeed(path, Feed(body: body, contentType: contentType, etag: etag, lastModified: lastModified))
    }

    /// Queues a one-off reply for the next request to `path`.
    public func script(_ path: String, _ reply: Reply) async {
        await state.script(path, reply)
    }

    /// The requests received for `path`, in order.
    public func requests(_ path: String) async -> [RecordedRequest] {
        await state.requests.filter { $0.path == path }
    }

    /// An HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func parseHTTPDate(_ value: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: value)
    }
}

extension FeedServer {
    struct Feed: Sendable {
        var body: String
        var contentType: String
        var etag: String?
        var lastModified: Date?
    }

    actor State {
        var feeds: [String: Feed] = [:]
        var scripted: [String: [Reply]] = [:]
        var requests: [RecordedRequest] = []

        func setFeed(_ path: String, _ feed: Feed) { feeds[path] = feed }

        func script(_ path: String, _ reply: Reply) { scripted[path, default: []].append(reply) }

        func respond(to request: Request) -> Response {
            let path = request.uri.path
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let reply = reply(path: path, headers: headers, isGet: request.method == .get)
            requests.append(RecordedRequest(path: path, headers: headers, status: reply.status))
            return .fake(HTTPResponse.Status(code: reply.status), body: reply.body, headers: reply.headers)
        }

        private func reply(path: String, headers: [String: String], isGet: Bool) -> Reply {
            guard isGet else { return Reply(status: 405) }
            if var queue = scripted[path], !queue.isEmpty {
                let reply = queue.removeFirst()
                scripted[path] = queue
                return reply
            }
            guard let feed = feeds[path] else { return Reply(status: 404, body: "Not found") }
            var validators: [String: String] = [:]
            if let etag = feed.etag { validators["ETag"] = etag }
            if let lastModified = feed.lastModified { validators["Last-Modified"] = FeedServer.httpDate(lastModified) }
            // RFC 9110 §13.2.2: If-None-Match first; If-Modified-Since only without it.
            if let candidates = headers["if-none-match"] {
                if let etag = feed.etag, Self.matches(candidates, etag) {
                    return Reply(status: 304, headers: validators)
                }
            } else if let since = headers["if-modified-since"].flatMap(FeedServer.parseHTTPDate),
                let lastModified = feed.lastModified,
                lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
            {
                return Reply(status: 304, headers: validators)
            }
            validators["Content-Type"] = feed.contentType
            return Reply(status: 200, headers: validators, body: feed.body)
        }

        /// Weak comparison of an `If-None-Match` list against the current tag.
        static func matches(_ list: String, _ etag: String) -> Bool {
            func opaque(_ tag: some StringProtocol) -> Substring {
                let trimmed = tag.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("W/") ? Substring(trimmed.dropFirst(2)) : Substring(trimmed)
            }
            let current = opaque(etag)
            return list.split(separator: ",").contains {
                $0.trimmingCharacters(in: .whitespaces) == "*" || opaque($0) == current
            }
        }
    }
}
