import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A stateful loopback fake of the Mastodon REST API, as documented at docs.joinmastodon.org: enough of it
/// for the connector's poller and replier.
///
/// It keeps accounts, statuses and the notifications of the token's own account, with ids increasing like
/// Mastodon's, and answers:
/// - `GET /api/v1/notifications` with `types[]`, `limit` (default 40, at most 80), `max_id`, `since_id`,
///   `min_id`, and a `Link` header with `rel="next"` and `rel="prev"`;
/// - `POST /api/v1/statuses` (JSON or form) with `status`, `in_reply_to_id`, `visibility`, `language`,
///   honouring `Idempotency-Key` (the same key returns the original status) and the character limit (422);
/// - `POST /api/v1/statuses` also takes `media_ids` (JSON array), refusing media still processing (422);
/// - `POST /api/v2/media` (multipart `file`, `description`): 200 with a `url`, or 202 with `url: null` when
///   processing is scripted, then `GET /api/v1/media/:id` answers 206 until processed, then 200;
/// - `GET /api/v1/statuses/:id`, `GET /api/v1/statuses/:id/source`, `DELETE /api/v1/statuses/:id` (own
///   statuses only), `GET /api/v1/accounts/:id`, `GET /api/v1/accounts/:id/statuses` (newest first, `limit`),
///   `GET /api/v1/accounts/verify_credentials`;
/// - `GET /api/v1/streaming/user/notification`: Server-Sent Events, a `:thump` heartbeat, then one
///   `notification` event per notification added while the stream is open (``dropStreams()`` ends them);
/// - `POST /api/v1/accounts/:id/block`, and `POST /api/v1/admin/accounts/:id/action` with the admin token
///   (the user token gets 403 there).
///
/// Every answer carries `X-RateLimit-Limit/-Remaining/-Reset` (Reset as ISO-8601, like real Mastodon, or as
/// epoch seconds, like the `mastodon-mock` package). A wrong token gets 401. Failures can be scripted.
///
/// ```swift
/// try await MastodonFake.run { fake in
///     let alice = await fake.addAccount(username: "alice")
///     _ = await fake.postMention(from: alice, content: "<p>@foyer hello</p>")
///     // … point the connector at fake.baseURL with fake.accessToken …
/// }
/// ```
public final class MastodonFake: Sendable {
    /// An account as the fake knows it.
    public struct Account: Sendable, Equatable {
        public var id: String
        public var username: String
        /// `username` for local accounts, `username@domain` for remote ones.
        public var acct: String
        public var displayName: String
        public var url: String
    }

    /// A status as the fake stores it.
    public struct Status: Sendable, Equatable {
        public var id: String
        public var account: Account
        /// The HTML content, as Mastodon returns it.
        public var content: String
        /// The text as posted, for statuses created through the API.
        public var text: String?
        public var visibility: String
        public var inReplyToID: String?
        public var spoilerText: String
        public var language: String?
        public var createdAt: Date
        public var idempotencyKey: String?
        /// The attached media, in order.
        public var media: [Media] = []
    }

    /// An uploaded media attachment.
    public struct Media: Sendable, Equatable {
        public var id: String
        public var filename: String
        public var description: String?
        /// Asks of `GET /api/v1/media/:id` still answered 206.
        var pendingPolls: Int
    }

    /// One request the fake received, for assertions.
    public struct RecordedRequest: Sendable {
        public var method: String
        public var path: String
        /// The query parameters in order; repeated names (`types[]`) appear once per value.
        public var query: [(name: String, value: String)]
        public var headers: [String: String]

        /// The first value of the query parameter `name`.
        public func query(_ name: String) -> String? { query.first { $0.name == name }?.value }
    }

    /// How `X-RateLimit-Reset` is written.
    public enum ResetFormat: Sendable {
        /// An ISO-8601 timestamp, as real Mastodon sends.
        case iso8601
        /// Epoch seconds, as `mastodon-mock` sends.
        case epoch
    }

    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    /// The token the fake accepts.
    public let accessToken: String
    /// The token of a moderator of the server, accepted by the admin API.
    public let adminToken: String
    /// The token owner's account (`@foyer`).
    public let me: Account
    private let state: State

    private init(baseURL: URL, accessToken: String, adminToken: String, me: Account, state: State) {
        self.baseURL = baseURL
        self.accessToken = accessToken
        self.adminToken = adminToken
        self.me = me
        self.state = state
    }

    /// Starts a fake on loopback, runs `body` with it, and stops it.
    /// - Parameters:
    ///   - accessToken: the only token accepted; any other gets 401.
    ///   - characterLimit: statuses longer than this get 422, as on a server's `max_characters`.
    ///   - resetFormat: how `X-RateLimit-Reset` is written.
    public static func run<Result: Sendable>(
        accessToken: String = "fake-mastodon-token", adminToken: String = "fake-mastodon-admin-token",
        characterLimit: Int = 500, resetFormat: ResetFormat = .iso8601,
        _ body: (MastodonFake) async throws -> Result
    ) async throws -> Result {
        let state = State(
            accessToken: accessToken, adminToken: adminToken, characterLimit: characterLimit, resetFormat: resetFormat)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            return await state.respond(to: request, body: String(buffer: bytes))
        }
        return try await LoopbackHTTPServer.run(responder) { port in
            let baseURL = LoopbackHTTPServer.url(port: port)
            await state.setBaseURL(baseURL.absoluteString)
            let me = await state.me
            return try await body(
                MastodonFake(baseURL: baseURL, accessToken: accessToken, adminToken: adminToken, me: me, state: state))
        }
    }

    // MARK: Arranging

    /// Adds an account; `domain` makes it remote (`acct` = `username@domain`).
    public func addAccount(username: String, displayName: String? = nil, domain: String? = nil) async -> Account {
        await state.addAccount(username: username, displayName: displayName ?? username.capitalized, domain: domain)
    }

    /// Adds a status by `account` that mentions the token's account, and the `mention` notification for it.
    /// - Parameters:
    ///   - content: the status HTML, as a Mastodon server would render it.
    ///   - visibility: `public`, `unlisted`, `private` or `direct`.
    ///   - inReplyTo: the id of the status it answers.
    /// - Returns: the status and the notification id.
    ///   - streamed: whether open streams receive the notification; `false` stands for one sent while the
    ///     client's stream was down.
    @discardableResult
    public func postMention(
        from account: Account, content: String, visibility: String = "public", inReplyTo: String? = nil,
        spoilerText: String = "", language: String? = "en", streamed: Bool = true
    ) async -> (status: Status, notificationID: String) {
        await state.postMention(
            from: account, content: content, visibility: visibility, inReplyTo: inReplyTo, spoilerText: spoilerText,
            language: language, streamed: streamed)
    }

    /// How many notification streams are open.
    public func openStreams() async -> Int { await state.streams.count }

    /// Ends every open stream, as a server restart or a network drop does.
    public func dropStreams() async { await state.dropStreams() }

    /// Adds a notification that carries no status (`follow`), to check the `types[]` filter.
    @discardableResult
    public func addFollow(from account: Account) async -> String {
        await state.addNotification(type: "follow", account: account, statusID: nil)
    }

    /// The next request gets 429 with `X-RateLimit-Remaining: 0`, `X-RateLimit-Reset: resetAt` and
    /// no `Retry-After`, as Mastodon answers.
    public func scriptRateLimit(resetAt: Date) async {
        await state.script(.rateLimited(resetAt))
    }

    /// From now on every answer says `X-RateLimit-Remaining: remaining` and `X-RateLimit-Reset: resetAt`
    /// (without refusing anything), as the last requests of a window do.
    public func setQuota(remaining: Int, resetAt: Date) async {
        await state.setQuota(remaining: remaining, resetAt: resetAt)
    }

    /// The next request gets `status` with the JSON body `{"error": message}`.
    public func scriptFailure(status: Int, error message: String) async {
        await state.script(.raw(status, errorBodyJSON(message)))
    }

    /// The next request is processed as usual, but answered 502 instead of its result: an answer lost on the way.
    public func loseNextAnswer() async {
        await state.script(.loseAnswer)
    }

    /// Forgets every `Idempotency-Key`, as Mastodon does after an hour.
    public func forgetIdempotencyKeys() async {
        await state.forgetIdempotencyKeys()
    }

    /// The next media uploads answer 202 and need `polls` asks of `GET /api/v1/media/:id` before they are
    /// processed.
    public func processMediaSlowly(polls: Int) async {
        await state.setMediaPolls(polls)
    }

    /// The next request gets `status` with `body` as JSON, whatever it asked: for hostile answers.
    public func scriptResponse(status: Int = 200, body: String) async {
        await state.script(.raw(status, body))
    }

    private func errorBodyJSON(_ message: String) -> String { State.encode(["error": message]) }

    // MARK: Inspecting

    /// The statuses the token's account posted through the API, oldest first (deleted ones excluded).
    public func postedStatuses() async -> [Status] {
        let myID = me.id
        return await state.statuses.filter { $0.account.id == myID }
    }

    /// The status with `id`, unless deleted.
    public func status(_ id: String) async -> Status? { await state.statuses.first { $0.id == id } }

    /// The ids of the accounts the token's account blocked.
    public func blockedAccounts() async -> Set<String> { await state.blocked }

    /// The accounts suspended through the admin API, with the text given.
    public func suspendedAccounts() async -> [String: String] { await state.suspended }

    /// Every request received, in order.
    public func requests() async -> [RecordedRequest] { await state.requests }
}

extension MastodonFake {
    enum Scripted: Sendable {
        case rateLimited(Date)
        case raw(Int, String)
        case loseAnswer
    }

    struct Notification: Sendable {
        var id: Int
        var type: String
        var account: Account
        var statusID: String?
        var createdAt: Date
    }

    actor State {
        let accessToken: String
        let adminToken: String
        let characterLimit: Int
        let resetFormat: ResetFormat
        var baseURL = ""
        var accounts: [Account] = []
        var statuses: [Status] = []
        var notifications: [Notification] = []
        var idempotency: [String: String] = [:]
        var scripted: [Scripted] = []
        var requests: [RecordedRequest] = []
        // Snowflake-like status ids (18 digits) and small notification ids, both increasing.
        var nextStatusID = 109_382_000_000_000_001
        var nextNotificationID = 9_990
        var nextAccountID = 1
        var media: [Media] = []
        var nextMediaID = 400_000
        var mediaPolls = 0
        var me: Account { accounts[0] }

        func forgetIdempotencyKeys() { idempotency = [:] }
        func setMediaPolls(_ polls: Int) { mediaPolls = polls }

        var blocked: Set<String> = []
        var suspended: [String: String] = [:]

        init(accessToken: String, adminToken: String, characterLimit: Int, resetFormat: ResetFormat) {
            self.accessToken = accessToken
            self.adminToken = adminToken
            self.characterLimit = characterLimit
            self.resetFormat = resetFormat
            accounts.append(
                Account(id: "1", username: "foyer", acct: "foyer", displayName: "Foyer", url: "/@foyer"))
            nextAccountID = 2
        }

        func setBaseURL(_ url: String) {
            baseURL = url
            accounts = accounts.map { account in
                var account = account
                if account.url.hasPrefix("/") { account.url = url + account.url }
                return account
            }
        }

        func addAccount(username: String, displayName: String, domain: String?) -> Account {
            let acct = domain.map { "\(username)@\($0)" } ?? username
            let url = domain.map { "https://\($0)/@\(username)" } ?? "\(baseURL)/@\(username)"
            let account = Account(
                id: String(nextAccountID), username: username, acct: acct, displayName: displayName, url: url)
            nextAccountID += 1
            accounts.append(account)
            return account
        }

        func postMention(
            from account: Account, content: String, visibility: String, inReplyTo: String?, spoilerText: String,
            language: String?, streamed: Bool
        ) -> (status: Status, notificationID: String) {
            let status = addStatus(
                account: account, content: content, text: nil, visibility: visibility, inReplyTo: inReplyTo,
                spoilerText: spoilerText, language: language, idempotencyKey: nil)
            let id = addNotification(type: "mention", account: account, statusID: status.id, streamed: streamed)
            return (status, id)
        }

        var streams: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]

        func dropStreams() {
            for continuation in streams.values { continuation.finish() }
            streams = [:]
        }

        private func removeStream(_ id: UUID) { streams[id] = nil }

        /// `GET /api/v1/streaming/user/notification`.
        private func openStream() -> Response {
            let id = UUID()
            let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
            continuation.yield(ByteBuffer(string: ":thump\n\n"))
            continuation.onTermination = { _ in Task { await self.removeStream(id) } }
            streams[id] = continuation
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream))
        }

        func addNotification(type: String, account: Account, statusID: String?, streamed: Bool = true) -> String {
            let notification = Notification(
                id: nextNotificationID, type: type, account: account, statusID: statusID, createdAt: Date())
            nextNotificationID += 1
            notifications.append(notification)
            if streamed {
                let event = ByteBuffer(string: "event: notification\ndata: \(render(notification))\n\n")
                for continuation in streams.values { continuation.yield(event) }
            }
            return String(notification.id)
        }

        func addStatus(
            account: Account, content: String, text: String?, visibility: String, inReplyTo: String?,
            spoilerText: String, language: String?, idempotencyKey: String?
        ) -> Status {
            let status = Status(
                id: String(nextStatusID), account: account, content: content, text: text, visibility: visibility,
                inReplyToID: inReplyTo, spoilerText: spoilerText, language: language, createdAt: Date(),
                idempotencyKey: idempotencyKey)
            nextStatusID += 1
            statuses.append(status)
            return status
        }

        func script(_ entry: Scripted) { scripted.append(entry) }

        var quota: (remaining: Int, resetAt: Date)?

        func setQuota(remaining: Int, resetAt: Date) { quota = (remaining, resetAt) }

        // MARK: HTTP

        func respond(to request: Request, body: String) -> Response {
            let path = request.uri.path
            var query: [(name: String, value: String)] = []
            for (name, value) in request.uri.queryParameters {
                // Clients encode `types[]` as `types%5B%5D`; compare names decoded.
                let decode = { (text: Substring) in String(text).removingPercentEncoding ?? String(text) }
                query.append((decode(name), decode(value)))
            }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            requests.append(
                RecordedRequest(method: request.method.rawValue, path: path, query: query, headers: headers))

            var losesAnswer = false
            if !scripted.isEmpty {
                switch scripted.removeFirst() {
                case let .rateLimited(resetAt):
                    return json(.tooManyRequests, #"{"error":"Too many requests"}"#, remaining: 0, resetAt: resetAt)
                case let .raw(status, body):
                    return json(HTTPResponse.Status(code: status), body)
                case .loseAnswer:
                    losesAnswer = true
                }
            }
            let response = route(request, path: path, query: query, headers: headers, body: body)
            return losesAnswer ? json(.badGateway, errorBody("Bad gateway")) : response
        }

        private func route(
            _ request: Request, path: String, query: [(name: String, value: String)], headers: [String: String],
            body: String
        ) -> Response {
            let segments = path.split(separator: "/").map(String.init)
            if segments.starts(with: ["api", "v1", "admin"]) {
                switch request.headers[.authorization] {
                case "Bearer \(adminToken)": return admin(request, segments: segments, body: body)
                case "Bearer \(accessToken)":
                    return json(.forbidden, errorBody("This action is outside the authorized scopes"))
                default: return json(.unauthorized, errorBody("The access token is invalid"))
                }
            }
            guard request.headers[.authorization] == "Bearer \(accessToken)" else {
                return json(.unauthorized, errorBody("The access token is invalid"))
            }

            switch (request.method, segments) {
            case (.get, ["api", "v1", "notifications"]):
                return listNotifications(query)
            case (.get, ["api", "v1", "streaming", "user", "notification"]):
                return openStream()
            case (.post, ["api", "v1", "statuses"]):
                return createStatus(body: body, contentType: headers["content-type"] ?? "", headers: headers)
            case (.post, ["api", "v2", "media"]):
                return upload(body: body, contentType: headers["content-type"] ?? "")
            case let (.get, segments) where segments.count == 4 && segments.starts(with: ["api", "v1", "media"]):
                guard let index = media.firstIndex(where: { $0.id == segments[3] }) else { return notFound() }
                if media[index].pendingPolls > 0 {
                    media[index].pendingPolls -= 1
                    return json(.partialContent, render(media[index], processed: false))
                }
                return json(.ok, render(media[index], processed: true))
            case let (.get, segments)
            where segments.count == 5 && segments.starts(with: ["api", "v1", "statuses"]) && segments[4] == "source":
                guard let status = statuses.first(where: { $0.id == segments[3] }) else { return notFound() }
                return json(
                    .ok, Self.encode(["id": status.id, "text": status.text ?? "", "spoiler_text": status.spoilerText]))
            case let (.get, segments)
            where segments.count == 5 && segments.starts(with: ["api", "v1", "accounts"]) && segments[4] == "statuses":
                let limit = max(1, min(query.first { $0.name == "limit" }.flatMap { Int($0.value) } ?? 20, 40))
                let own = statuses.filter { $0.account.id == segments[3] }.suffix(limit).reversed()
                return json(.ok, "[" + own.map(render).joined(separator: ",") + "]")
            case let (.get, segments) where segments.count == 4 && segments.starts(with: ["api", "v1", "statuses"]):
                guard let status = statuses.first(where: { $0.id == segments[3] }) else { return notFound() }
                return json(.ok, render(status))
            case let (.delete, segments) where segments.count == 4 && segments.starts(with: ["api", "v1", "statuses"]):
                guard let index = statuses.firstIndex(where: { $0.id == segments[3] && $0.account.id == me.id })
                else { return notFound() }
                let status = statuses.remove(at: index)
                return json(.ok, render(status))
            case let (.post, segments)
            where segments.count == 5 && segments.starts(with: ["api", "v1", "accounts"]) && segments[4] == "block":
                guard accounts.contains(where: { $0.id == segments[3] }) else { return notFound() }
                blocked.insert(segments[3])
                return json(.ok, Self.encodeAny(["id": segments[3], "blocking": true]))
            case (.get, ["api", "v1", "accounts", "verify_credentials"]):
                return json(.ok, render(me))
            case let (.get, segments) where segments.count == 4 && segments.starts(with: ["api", "v1", "accounts"]):
                guard let account = accounts.first(where: { $0.id == segments[3] }) else { return notFound() }
                return json(.ok, render(account))
            default:
                return notFound()
            }
        }

        /// `POST /api/v1/admin/accounts/:id/action`.
        private func admin(_ request: Request, segments: [String], body: String) -> Response {
            guard request.method == .post, segments.count == 6, segments[3] == "accounts", segments[5] == "action"
            else { return notFound() }
            guard accounts.contains(where: { $0.id == segments[4] }) else { return notFound() }
            let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
            guard let type = object["type"] as? String, ["none", "sensitive", "disable", "silence", "suspend"].contains(type)
            else { return json(.unprocessableContent, errorBody("Validation failed: Type is not included in the list")) }
            if type == "suspend" { suspended[segments[4]] = object["text"] as? String ?? "" }
            return json(.ok, "{}")
        }

        private func listNotifications(_ query: [(name: String, value: String)]) -> Response {
            func value(_ name: String) -> Int? { query.first { $0.name == name }.flatMap { Int($0.value) } }
            let types = query.filter { $0.name == "types[]" }.map(\.value)
            let limit = max(1, min(value("limit") ?? 40, 80))
            var matching = notifications.filter { types.isEmpty || types.contains($0.type) }
            if let maxID = value("max_id") { matching = matching.filter { $0.id < maxID } }
            let page: [Notification]
            if let minID = value("min_id") {
                // The page right after min_id: the oldest ones above it, newest first.
                page = Array(matching.filter { $0.id > minID }.prefix(limit)).reversed()
            } else {
                if let sinceID = value("since_id") { matching = matching.filter { $0.id > sinceID } }
                page = Array(matching.suffix(limit).reversed())
            }
            var headers: [String: String] = [:]
            if let newest = page.first, let oldest = page.last {
                let typeQuery = types.map { "&types%5B%5D=\($0)" }.joined()
                let base = "\(baseURL)/api/v1/notifications?limit=\(limit)\(typeQuery)"
                headers["Link"] =
                    "<\(base)&max_id=\(oldest.id)>; rel=\"next\", <\(base)&min_id=\(newest.id)>; rel=\"prev\""
            }
            let body = "[" + page.map(render).joined(separator: ",") + "]"
            return json(.ok, body, extraHeaders: headers)
        }

        private func createStatus(body: String, contentType: String, headers: [String: String]) -> Response {
            let fields: [String: String]
            var mediaIDs: [String] = []
            if contentType.hasPrefix("application/json") {
                guard let data = body.data(using: .utf8),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { return json(.badRequest, errorBody("Invalid JSON")) }
                fields = object.compactMapValues { $0 as? String }
                mediaIDs = object["media_ids"] as? [String] ?? []
            } else {
                var form: [String: String] = [:]
                for pair in body.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map {
                        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                    }
                    if parts.count == 2 { form[parts[0]] = parts[1] }
                }
                fields = form
            }
            let key = headers["idempotency-key"] ?? headers["Idempotency-Key"]
            if let key, let existingID = idempotency[key], let existing = statuses.first(where: { $0.id == existingID })
            {
                return json(.ok, render(existing))
            }
            let text = fields["status"] ?? ""
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return json(.unprocessableContent, errorBody("Validation failed: Text can't be blank"))
            }
            if text.count > characterLimit {
                return json(
                    .unprocessableContent,
                    errorBody("Validation failed: Text character limit of \(characterLimit) exceeded"))
            }
            let inReplyTo = fields["in_reply_to_id"].flatMap { $0.isEmpty ? nil : $0 }
            if let inReplyTo, !statuses.contains(where: { $0.id == inReplyTo }) {
                return notFound()
            }
            var attached: [Media] = []
            for id in mediaIDs {
                guard let item = media.first(where: { $0.id == id }) else {
                    return json(.unprocessableContent, errorBody("Validation failed: Media attachments are invalid"))
                }
                if item.pendingPolls > 0 {
                    return json(
                        .unprocessableContent, errorBody("Cannot attach files that have not finished processing"))
                }
                attached.append(item)
            }
            let visibility = fields["visibility"] ?? "public"
            guard ["public", "unlisted", "private", "direct"].contains(visibility) else {
                return json(
                    .unprocessableContent, errorBody("Validation failed: Visibility is not included in the list"))
            }
            let status = addStatus(
                account: me, content: Self.html(text), text: text, visibility: visibility, inReplyTo: inReplyTo,
                spoilerText: fields["spoiler_text"] ?? "", language: fields["language"], idempotencyKey: key)
            if !attached.isEmpty, let index = statuses.firstIndex(where: { $0.id == status.id }) {
                statuses[index].media = attached
            }
            if let key { idempotency[key] = status.id }
            return json(.ok, render(statuses.last ?? status))
        }

        /// A multipart upload; only the `file` part's name and the `description` field are read.
        private func upload(body: String, contentType: String) -> Response {
            guard contentType.hasPrefix("multipart/form-data"), let filename = Self.part("filename=\"", in: body)
            else { return json(.unprocessableContent, errorBody("Validation failed: File can't be blank")) }
            let description = Self.field("description", in: body)
            let item = Media(
                id: String(nextMediaID), filename: filename, description: description, pendingPolls: mediaPolls)
            nextMediaID += 1
            media.append(item)
            return mediaPolls > 0 ? json(.accepted, render(item, processed: false)) : json(.ok, render(item, processed: true))
        }

        private static func part(_ marker: String, in body: String) -> String? {
            guard let start = body.range(of: marker), let end = body[start.upperBound...].firstIndex(of: "\"")
            else { return nil }
            return String(body[start.upperBound..<end])
        }

        private static func field(_ name: String, in body: String) -> String? {
            guard let start = body.range(of: "name=\"\(name)\"\r\n\r\n"),
                let end = body[start.upperBound...].range(of: "\r\n--")
            else { return nil }
            return String(body[start.upperBound..<end.lowerBound])
        }

        // MARK: Rendering

        private func notFound() -> Response { json(.notFound, errorBody("Record not found")) }

        private func json(
            _ status: HTTPResponse.Status, _ body: String, remaining: Int? = nil, resetAt: Date? = nil,
            extraHeaders: [String: String] = [:]
        ) -> Response {
            let reset = resetAt ?? quota?.resetAt ?? Date().addingTimeInterval(300)
            var headers = extraHeaders
            headers["X-RateLimit-Limit"] = "300"
            headers["X-RateLimit-Remaining"] = String(remaining ?? quota?.remaining ?? max(0, 300 - requests.count))
            switch resetFormat {
            case .iso8601: headers["X-RateLimit-Reset"] = Self.timestamp(reset)
            case .epoch: headers["X-RateLimit-Reset"] = String(Int(reset.timeIntervalSince1970))
            }
            return .fake(status, body: body, contentType: "application/json; charset=utf-8", headers: headers)
        }

        private func errorBody(_ message: String) -> String { Self.encode(["error": message]) }

        private func render(_ notification: Notification) -> String {
            var fields = [
                "\"id\":\(Self.quote(String(notification.id)))",
                "\"type\":\(Self.quote(notification.type))",
                "\"created_at\":\(Self.quote(Self.timestamp(notification.createdAt)))",
                "\"account\":\(render(notification.account))",
            ]
            if let statusID = notification.statusID, let status = statuses.first(where: { $0.id == statusID }) {
                fields.append("\"status\":\(render(status))")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }

        private func render(_ status: Status) -> String {
            let replyAccount = status.inReplyToID.flatMap { id in statuses.first { $0.id == id }?.account.id }
            let fields = [
                "\"id\":\(Self.quote(status.id))",
                "\"created_at\":\(Self.quote(Self.timestamp(status.createdAt)))",
                "\"in_reply_to_id\":\(status.inReplyToID.map(Self.quote) ?? "null")",
                "\"in_reply_to_account_id\":\(replyAccount.map(Self.quote) ?? "null")",
                "\"sensitive\":\(status.spoilerText.isEmpty ? "false" : "true")",
                "\"spoiler_text\":\(Self.quote(status.spoilerText))",
                "\"visibility\":\(Self.quote(status.visibility))",
                "\"language\":\(status.language.map(Self.quote) ?? "null")",
                "\"uri\":\(Self.quote("\(baseURL)/users/\(status.account.username)/statuses/\(status.id)"))",
                "\"url\":\(Self.quote("\(status.account.url)/\(status.id)"))",
                "\"content\":\(Self.quote(status.content))",
                "\"account\":\(render(status.account))",
                "\"mentions\":[]", "\"tags\":[]", "\"emojis\":[]",
                "\"media_attachments\":[" + status.media.map { render($0, processed: true) }.joined(separator: ",") + "]",
            ]
            return "{" + fields.joined(separator: ",") + "}"
        }

        private func render(_ item: Media, processed: Bool) -> String {
            var fields = [
                "\"id\":\(Self.quote(item.id))", "\"type\":\"image\"",
                "\"url\":\(processed ? Self.quote("\(baseURL)/media/\(item.id)/\(item.filename)") : "null")",
            ]
            fields.append("\"description\":\(item.description.map(Self.quote) ?? "null")")
            return "{" + fields.joined(separator: ",") + "}"
        }

        private func render(_ account: Account) -> String {
            Self.encode([
                "id": account.id, "username": account.username, "acct": account.acct,
                "display_name": account.displayName, "url": account.url,
            ])
        }

        static func encode(_ object: [String: String]) -> String {
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
                return "{}"
            }
            return String(decoding: data, as: UTF8.self)
        }

        static func encodeAny(_ object: [String: Any]) -> String {
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
                return "{}"
            }
            return String(decoding: data, as: UTF8.self)
        }

        static func quote(_ string: String) -> String {
            guard let data = try? JSONSerialization.data(withJSONObject: [string], options: []) else { return "\"\"" }
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }

        static func timestamp(_ date: Date) -> String {
            date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }

        /// Posted text as Mastodon renders it: escaped, in a paragraph, line breaks as `<br>`.
        static func html(_ text: String) -> String {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "\n", with: "<br />")
            return "<p>\(escaped)</p>"
        }
    }
}
