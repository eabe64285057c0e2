import Foundation
import FoyerCore

/// Replies in Slack threads with `chat.postMessage`.
///
/// Slack has no idempotency key, so each reply carries message metadata
/// `{event_type: "foyer_reply", event_payload: {idempotency_key}}`; ``reconcile(_:context:)`` reads the thread
/// with `conversations.replies` (`include_all_metadata=true`) and looks for that key.
public struct SlackReplier: Replier {
    static let metadataEventType = "foyer_reply"
    /// Slack truncates longer texts; Foyer refuses them instead.
    public static let maxTextLength = 40_000

    private let http: ConnectorHTTPClient

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Slack")
    }

    public func send(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt {
        let (channel, threadTS) = try Self.target(request)
        return try await postMessage(
            request.body, channel: channel, threadTS: threadTS, idempotencyKey: request.idempotencyKey,
            context: context)
    }

    /// `chat.postMessage` with the key as message metadata: the one call behind replies, posts and their
    /// follow-ups.
    /// - Parameter threadTS: the thread root; `nil` for a new message in the channel.
    func postMessage(
        _ text: String, channel: String, threadTS: String?, idempotencyKey: String, context: ChannelContext
    ) async throws -> OutboundReceipt {
        let token = try Self.token(context)
        try Self.checkText(text)
        struct Payload: Encodable {
            struct Metadata: Encodable {
                var event_type: String
                var event_payload: [String: String]
            }
            var channel: String
            var text: String
            var thread_ts: String?
            var metadata: Metadata
        }
        let payload = Payload(
            channel: channel, text: text, thread_ts: threadTS,
            metadata: .init(event_type: Self.metadataEventType, event_payload: ["idempotency_key": idempotencyKey]))
        let response = try await http.send(
            try .json(
                .post, url: try Self.endpoint("chat.postMessage", context), body: payload,
                headers: ["Authorization": "Bearer \(token)"]))
        let json = try Self.checkedJSON(response)
        guard let ts = json.text("ts") else {
            throw ConnectorError.undecodable(platform: "Slack", what: "chat.postMessage returned no ts")
        }
        let postedIn = json.text("channel") ?? channel
        return OutboundReceipt(
            externalID: "\(postedIn):\(ts)",
            url: SlackPermalink.url(
                teamDomain: context.setting("teamDomain"), channel: postedIn, ts: ts, threadTS: threadTS))
    }

    /// Refuses an empty text, or one Slack would truncate.
    static func checkText(_ text: String) throws {
        let length = text.count
        guard length <= Self.maxTextLength else {
            throw ConnectorError(
                .rejected,
                "Slack refused the message: it is \(length) characters long, the limit is \(Self.maxTextLength).")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ConnectorError(.rejected, "Slack refused the message: it is empty.")
        }
    }

    /// The `ts` of the message in `messages` that carries our metadata with `idempotencyKey`.
    static func timestamp(ofKey idempotencyKey: String, in messages: [JSONValue]) -> String? {
        for message in messages {
            let metadata = message["metadata"]
            if metadata?["event_type"]?.string == Self.metadataEventType,
                metadata?["event_payload"]?["idempotency_key"]?.string == idempotencyKey,
                let ts = message.text("ts")
            {
                return ts
            }
        }
        return nil
    }

    /// Reads a Web API list method page by page (`cursor`, at most `pages` pages of 200) until `found` gives
    /// a value.
    func scan<Found>(
        _ method: String, query: [URLQueryItem], pages: Int, context: ChannelContext,
        found: ([JSONValue]) -> Found?
    ) async throws -> Found? {
        let token = try Self.token(context)
        var cursor: String?
        for _ in 0..<pages {
            var components = URLComponents(url: try Self.endpoint(method, context), resolvingAgainstBaseURL: false)
            var items = query + [URLQueryItem(name: "limit", value: "200")]
            if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
            components?.queryItems = items
            guard let url = components?.url else {
                throw ConnectorError(.configuration, "The Slack API address is not a valid URL.")
            }
            let response = try await http.send(
                ConnectorHTTPRequest(
                    url: url, headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"]))
            let json = try Self.checkedJSON(response)
            if let result = found(json["messages"]?.array ?? []) { return result }
            guard let next = json["response_metadata"]?.text("next_cursor") else { return nil }
            cursor = next
        }
        return nil
    }

    public func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt? {
        let (channel, threadTS) = try Self.target(request)
        guard let threadTS else { return nil }
        let query = [
            URLQueryItem(name: "channel", value: channel), URLQueryItem(name: "ts", value: threadTS),
            URLQueryItem(name: "include_all_metadata", value: "true"),
        ]
        let ts = try await scan("conversations.replies", query: query, pages: 20, context: context) {
            Self.timestamp(ofKey: request.idempotencyKey, in: $0)
        }
        return ts.map {
            OutboundReceipt(
                externalID: "\(channel):\($0)",
                url: SlackPermalink.url(
                    teamDomain: context.setting("teamDomain"), channel: channel, ts: $0, threadTS: threadTS))
        }
    }

    // MARK: Helpers

    static func token(_ context: ChannelContext) throws -> String {
        guard let token = context.credential("botToken") else {
            throw ConnectorError(.configuration, "This Slack channel has no bot token; add it in Settings › Channels.")
        }
        return token
    }

    /// The Slack channel and thread root from a thread id `C123:1700000000.000100` (or a bare channel id).
    static func target(_ request: OutboundRequest) throws -> (channel: String, threadTS: String?) {
        guard let threadID = request.threadID, !threadID.isEmpty else {
            throw ConnectorError(
                .rejected, "Slack replies need a conversation to answer in; new Slack posts are not supported yet.")
        }
        let parts = threadID.split(separator: ":", maxSplits: 1)
        let channel = String(parts[0])
        let threadTS = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
        return (channel, threadTS)
    }

    static func endpoint(_ method: String, _ context: ChannelContext) throws -> URL {
        let base = context.setting("apiBaseURL") ?? SlackConnector.defaultAPIBaseURL
        guard let url = URL(string: base.hasSuffix("/") ? base + method : base + "/" + method) else {
            throw ConnectorError(.configuration, "The Slack API address is not a valid URL.")
        }
        return url
    }

    /// The JSON of a Web API answer, or the error it stands for (Slack answers HTTP 200 with `ok:false`).
    static func checkedJSON(_ response: ConnectorHTTPResponse) throws -> JSONValue {
        guard response.isSuccess else {
            throw ConnectorError.from(
                status: response.status, body: response.body, platform: "Slack", headers: response.headers)
        }
        let json = try response.json(platform: "Slack")
        guard json["ok"]?.bool == true else {
            throw error(code: json["error"]?.string ?? "unknown_error", json: json, headers: response.headers)
        }
        return json
    }

    /// Slack's `ok:false` error codes as errors a person can act on.
    static func error(code: String, json: JSONValue, headers: [String: String] = [:]) -> ConnectorError {
        let safeCode = ConnectorError.sanitize(code, limit: 60)
        switch code {
        case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission",
            "ekm_access_denied", "team_access_not_granted":
            return ConnectorError(
                .unauthorized, "The Slack token was refused; reconnect the channel in Settings › Channels.")
        case "missing_scope":
            let needed = json.text("needed").map { ConnectorError.sanitize($0, limit: 80) } ?? "chat:write"
            return ConnectorError(
                .forbidden,
                "Slack refused: the app lacks the permission “\(needed)”; add it, reinstall the app, then reconnect the channel in Settings › Channels."
            )
        case "not_in_channel":
            return ConnectorError(
                .forbidden,
                "The Slack app is not a member of this channel; invite it (/invite @your-app) and try again.")
        case "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
            "restricted_action_non_threadable_channel", "cannot_reply_to_message":
            return ConnectorError(.forbidden, "Slack does not allow the app to post here (\(safeCode)).")
        case "channel_not_found":
            return ConnectorError(
                .notFound, "Slack cannot find this channel; it may be private to the app, or deleted.")
        case "thread_not_found", "message_not_found":
            return ConnectorError(.notFound, "Slack cannot find this thread; the message may have been deleted.")
        case "cant_delete_message":
            return ConnectorError(
                .rejected,
                "Slack only lets the app delete the messages it posted; a workspace admin can delete this one in Slack.")
        case "is_archived":
            return ConnectorError(.rejected, "Slack refused the reply: the channel is archived.")
        case "msg_too_long":
            return ConnectorError(.rejected, "Slack refused the reply: it is too long.")
        case "no_text", "msg_blocks_too_long", "invalid_blocks", "invalid_metadata_format", "invalid_metadata_schema",
            "metadata_too_large", "too_many_attachments", "duplicate_message_not_found":
            return ConnectorError(.rejected, "Slack refused the reply (\(safeCode)).")
        case "ratelimited":
            return ConnectorError.rateLimited(
                platform: "Slack", retryAt: RateLimitHints.retryAt(headers: headers, body: nil, now: Date()))
        case "fatal_error", "internal_error", "service_unavailable", "request_timeout":
            return ConnectorError(.unavailable, "Slack is unavailable (\(safeCode)); Foyer will try again.")
        default:
            return ConnectorError(.rejected, "Slack refused the request (\(safeCode)).")
        }
    }
}
