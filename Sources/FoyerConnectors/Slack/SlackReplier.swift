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
        let token = try Self.token(context)
        let (channel, threadTS) = try Self.target(request)
        let length = request.body.count
        guard length <= Self.maxTextLength else {
            throw ConnectorError(
                .rejected,
                "Slack refused the reply: it is \(length) characters long, the limit is \(Self.maxTextLength).")
        }
        guard !request.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ConnectorError(.rejected, "Slack refused the reply: it is empty.")
        }
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
            channel: channel, text: request.body, thread_ts: threadTS,
            metadata: .init(
                event_type: Self.metadataEventType, event_payload: ["idempotency_key": request.idempotencyKey]))
        let response = try await http.send(
            try .json(
                .post, url: try Self.endpoint("chat.postMessage", context), body: payload,
                headers: ["Authorization": "Bearer \(token)"]))
        let json = try Self.checkedJSON(response)
        guard let ts = json.text("ts") else {
            throw ConnectorError.undecodable(platform: "Slack", what: "chat.postMessage returned no ts")
        }
        return OutboundReceipt(externalID: "\(json.text("channel") ?? channel):\(ts)")
    }

    public func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt? {
        let token = try Self.token(context)
        let (channel, threadTS) = try Self.target(request)
        guard let threadTS else { return nil }
        var cursor: String?
        for _ in 0..<20 {
            var components = URLComponents(
                url: try Self.endpoint("conversations.replies", context), resolvingAgainstBaseURL: false)
            var query = [
                URLQueryItem(name: "channel", value: channel), URLQueryItem(name: "ts", value: threadTS),
                URLQueryItem(name: "include_all_metadata", value: "true"), URLQueryItem(name: "limit", value: "200"),
            ]
            if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
            components?.queryItems = query
            guard let url = components?.url else {
                throw ConnectorError(.configuration, "The Slack API address is not a valid URL.")
            }
            let response = try await http.send(
                ConnectorHTTPRequest(
                    url: url, headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"]))
            let json = try Self.checkedJSON(response)
            for message in json["messages"]?.array ?? [] {
                let metadata = message["metadata"]
                if metadata?["event_type"]?.string == Self.metadataEventType,
                    metadata?["event_payload"]?["idempotency_key"]?.string == request.idempotencyKey,
                    let ts = message.text("ts")
                {
                    return OutboundReceipt(externalID: "\(channel):\(ts)")
                }
            }
            guard let next = json["response_metadata"]?.text("next_cursor") else { return nil }
            cursor = next
        }
        return nil
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
