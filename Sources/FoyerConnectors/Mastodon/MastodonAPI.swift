import Foundation
import FoyerCore

/// The few Mastodon REST calls the connector makes, with the token, URL building and error mapping.
struct MastodonAPI: Sendable {
    let http: ConnectorHTTPClient

    static let platform = "Mastodon"
    /// Visibilities a channel may choose for replies and posts that are not direct messages.
    static let publicVisibilities: Set<String> = ["public", "unlisted", "private"]

    /// `<baseURL>/<path…>?<query>`, each path segment percent-encoded (ids come from payloads).
    func url(_ context: ChannelContext, path: [String], query: [URLQueryItem] = []) throws -> URL {
        guard let base = context.setting("baseURL"), var components = URLComponents(string: base),
            components.host != nil
        else {
            throw ConnectorError(
                .configuration, "This Mastodon channel has no valid server address; set it in Settings › Channels.")
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        for segment in path {
            guard !segment.isEmpty, segment != ".", segment != "..",
                let encoded = segment.addingPercentEncoding(withAllowedCharacters: .mastodonPathSegment)
            else {
                throw ConnectorError(.protocolError, "Mastodon sent an id Foyer cannot use in a URL.")
            }
            basePath += "/" + encoded
        }
        components.percentEncodedPath = basePath
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.url else {
            throw ConnectorError(.configuration, "The Mastodon server address is not a valid URL.")
        }
        return url
    }

    /// Sends `request` with the channel's token; answers other than 2xx become ``ConnectorError``.
    /// - Parameter refusal: how to introduce Mastodon's own message when it refuses the content (422), as in
    ///   "Mastodon refused the post: Validation failed: Text character limit of 500 exceeded".
    func send(
        _ request: ConnectorHTTPRequest, context: ChannelContext, refusal: String? = nil
    ) async throws -> ConnectorHTTPResponse {
        guard let token = context.credential("accessToken") else {
            throw ConnectorError(
                .unauthorized, "This Mastodon channel has no access token; reconnect it in Settings › Channels.")
        }
        var request = request
        request.headers["Authorization"] = "Bearer \(token)"
        request.headers["Accept"] = request.headers["Accept"] ?? "application/json"
        let response = try await http.send(request)
        if response.isSuccess { return response }
        if response.status == 422, let refusal, let detail = ConnectorError.platformMessage(response.body) {
            throw ConnectorError(.rejected, "\(refusal): \(detail)", statusCode: 422)
        }
        throw ConnectorError.from(
            status: response.status, body: response.body, platform: Self.platform, headers: response.headers)
    }

    /// One status by id.
    func status(_ id: String, context: ChannelContext) async throws -> JSONValue {
        let response = try await send(
            ConnectorHTTPRequest(url: try url(context, path: ["api", "v1", "statuses", id])), context: context)
        return try response.json(platform: Self.platform)
    }

    /// One account by id.
    func account(_ id: String, context: ChannelContext) async throws -> JSONValue {
        let response = try await send(
            ConnectorHTTPRequest(url: try url(context, path: ["api", "v1", "accounts", id])), context: context)
        return try response.json(platform: Self.platform)
    }

    // MARK: Ids and headers

    /// Whether id `a` is newer than id `b`. Mastodon ids are decimal strings of growing length (snowflakes),
    /// so they compare by length, then character by character; "9999" is older than "10000".
    static func isNewer(_ a: String, than b: String) -> Bool {
        if a.utf8.count != b.utf8.count, isDecimal(a), isDecimal(b) { return a.utf8.count > b.utf8.count }
        return a > b
    }

    private static func isDecimal(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The URLs of a `Link` header by relation (`next`, `prev`), as RFC 8288 writes them:
    /// `<https://…>; rel="next", <https://…>; rel="prev"`.
    static func links(_ header: String?) -> [String: URL] {
        guard let header else { return [:] }
        var links: [String: URL] = [:]
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let target = rest[rest.index(after: open)..<close]
            let parametersEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            let parameters = rest[rest.index(after: close)..<parametersEnd]
            for parameter in parameters.split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\",")))
                }
                guard pair.count == 2, pair[0].lowercased() == "rel", let url = URL(string: String(target)) else {
                    continue
                }
                for relation in pair[1].split(separator: " ") { links[relation.lowercased()] = url }
            }
            rest = rest[parametersEnd...]
        }
        return links
    }

    /// The value of query parameter `name` in `url`.
    static func queryValue(_ name: String, in url: URL) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}

extension CharacterSet {
    /// Unreserved characters (RFC 3986): what an id may contain unencoded in a path segment.
    fileprivate static let mastodonPathSegment = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
