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
    /// - Parameter token: another token than the channel's `accessToken` (the `adminToken`).
    func send(
        _ request: ConnectorHTTPRequest, context: ChannelContext, refusal: String? = nil, token: String? = nil
    ) async throws -> ConnectorHTTPResponse {
        guard let token = token ?? context.credential("accessToken") else {
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

    /// Deletes one of the account's own statuses. A status that is already gone (404) counts as deleted; so
    /// does, for Mastodon, someone else's status: check the author first.
    func deleteStatus(_ id: String, context: ChannelContext) async throws {
        let url = try url(context, path: ["api", "v1", "statuses", id])
        do {
            _ = try await send(ConnectorHTTPRequest(method: .delete, url: url, isIdempotent: true), context: context)
        } catch let error as ConnectorError where error.kind == .notFound {
            return
        }
    }

    /// One account by id.
    func account(_ id: String, context: ChannelContext) async throws -> JSONValue {
        let response = try await send(
            ConnectorHTTPRequest(url: try url(context, path: ["api", "v1", "accounts", id])), context: context)
        return try response.json(platform: Self.platform)
    }

    /// The channel's `visibility` setting for posts and replies that are not direct messages; `public` when unset.
    static func visibility(_ context: ChannelContext) -> String {
        let setting = context.setting("visibility") ?? "public"
        return publicVisibilities.contains(setting) ? setting : "public"
    }

    // MARK: Statuses

    /// The JSON body of `POST /api/v1/statuses`; `nil` members are left out.
    struct StatusPayload: Encodable {
        var status: String
        var inReplyToID: String?
        var visibility: String
        var language: String?
        var mediaIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case status, visibility, language
            case inReplyToID = "in_reply_to_id"
            case mediaIDs = "media_ids"
        }
    }

    /// `POST /api/v1/statuses` with `Idempotency-Key`: the one call behind replies, posts and their follow-ups.
    /// Mastodon answers a key it saw within the last hour with the status first created.
    func postStatus(_ payload: StatusPayload, idempotencyKey: String, context: ChannelContext) async throws
        -> OutboundReceipt
    {
        let response = try await send(
            .json(
                .post, url: try url(context, path: ["api", "v1", "statuses"]), body: payload,
                headers: ["Idempotency-Key": idempotencyKey], isIdempotent: true),
            context: context, refusal: "Mastodon refused the post")
        let status = try response.json(platform: Self.platform)
        guard let id = status["id"]?.stringOrNumber, !id.isEmpty else {
            throw ConnectorError.undecodable(platform: Self.platform, what: "the new status has no id")
        }
        return OutboundReceipt(externalID: id, url: MastodonStatus.webURL(status["url"]?.string))
    }

    /// The id of the token's own account (`GET /api/v1/accounts/verify_credentials`).
    func ownAccountID(context: ChannelContext) async throws -> String {
        let response = try await send(
            ConnectorHTTPRequest(url: try url(context, path: ["api", "v1", "accounts", "verify_credentials"])),
            context: context)
        guard let id = try response.json(platform: Self.platform)["id"]?.stringOrNumber, !id.isEmpty else {
            throw ConnectorError.undecodable(platform: Self.platform, what: "the account has no id")
        }
        return id
    }

    /// The latest statuses of an account, newest first, reblogs left out.
    func statuses(ofAccount id: String, limit: Int, context: ChannelContext) async throws -> [JSONValue] {
        let url = try url(
            context, path: ["api", "v1", "accounts", id, "statuses"],
            query: [
                URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "exclude_reblogs", value: "true"),
            ])
        let response = try await send(ConnectorHTTPRequest(url: url), context: context)
        guard let statuses = try response.json(platform: Self.platform).array else {
            throw ConnectorError.undecodable(platform: Self.platform, what: "the account's statuses are not a list")
        }
        return statuses
    }

    /// The text a status was written with (`GET /api/v1/statuses/:id/source`), before Mastodon rendered it.
    func source(ofStatus id: String, context: ChannelContext) async throws -> String? {
        let response = try await send(
            ConnectorHTTPRequest(url: try url(context, path: ["api", "v1", "statuses", id, "source"])),
            context: context)
        return try response.json(platform: Self.platform)["text"]?.string
    }

    // MARK: Media

    /// How many times a media still processing is asked for again before giving up for this attempt.
    static let mediaPolls = 10

    /// Uploads a file with `POST /api/v2/media` and waits until Mastodon has processed it: a 202 answer (large
    /// files, videos) is followed by `GET /api/v1/media/:id` until it answers 200 with a `url` (206 while
    /// processing), pausing 1, 2, 4, then 5 s between asks.
    /// - Returns: the media id, for `media_ids`.
    /// - Throws: ``ConnectorError``: `.rejected` with Mastodon's reason (unsupported type, too large),
    ///   `.unavailable` when it is still processing after the last ask (publishing is tried again later).
    func uploadMedia(_ media: OutboundMedia, context: ChannelContext) async throws -> String {
        var form = MultipartForm()
        form.file("file", filename: media.filename, mimeType: media.mimeType, data: media.data)
        if let alt = media.altText?.trimmingCharacters(in: .whitespacesAndNewlines), !alt.isEmpty {
            form.field("description", alt)
        }
        let response = try await send(
            ConnectorHTTPRequest(
                method: .post, url: try url(context, path: ["api", "v2", "media"]),
                headers: ["Content-Type": form.contentType], body: form.finished(), timeout: .seconds(120)),
            context: context, refusal: "Mastodon refused the attachment “\(ConnectorError.sanitize(media.filename, limit: 80))”")
        var json = try response.json(platform: Self.platform)
        guard let id = json["id"]?.stringOrNumber, !id.isEmpty else {
            throw ConnectorError.undecodable(platform: Self.platform, what: "the uploaded media has no id")
        }
        var status = response.status
        var delay = 1
        for _ in 0..<Self.mediaPolls {
            if status == 200, let url = json["url"], !url.isNull { return id }
            try await http.pause(.seconds(delay))
            delay = min(delay * 2, 5)
            let poll = try await send(
                ConnectorHTTPRequest(url: try url(context, path: ["api", "v1", "media", id])), context: context)
            status = poll.status
            json = try poll.json(platform: Self.platform)
        }
        if status == 200, let url = json["url"], !url.isNull { return id }
        throw ConnectorError(
            .unavailable,
            "Mastodon is still processing the attachment “\(ConnectorError.sanitize(media.filename, limit: 80))”; Foyer will try again."
        )
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
