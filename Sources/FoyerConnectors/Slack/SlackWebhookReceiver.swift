import Foundation
import FoyerCore

/// Verifies Slack Events API deliveries and decodes `message` and `app_mention` events.
///
/// Signature: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")>` with
/// `X-Slack-Request-Timestamp` within ±300 s of reception. `url_verification` is answered with its challenge
/// once the signature checks; `event_callback` is stored under its `event_id`, so Slack's retries
/// (`X-Slack-Retry-Num`) are stored once.
public struct SlackWebhookReceiver: WebhookReceiver {
    /// The replay window, in seconds either side of reception.
    public static let tolerance: TimeInterval = 300

    /// Message subtypes that are still someone writing something; edits, joins and the like are skipped.
    static let keptSubtypes: Set<String> = ["thread_broadcast", "file_share", "bot_message", "me_message"]

    public init() {}

    public func verify(_ delivery: WebhookDelivery, for context: ChannelContext) throws -> WebhookVerdict {
        guard let secret = context.credential("signingSecret") else {
            throw WebhookRejection.malformed("This Slack channel has no signing secret; add it in Settings › Channels.")
        }
        guard let signature = delivery.header("X-Slack-Signature"), !signature.isEmpty,
            let timestamp = delivery.header("X-Slack-Request-Timestamp"), !timestamp.isEmpty
        else { throw WebhookRejection.missingSignature }
        guard signature.lowercased().hasPrefix("v0=") else { throw WebhookRejection.badSignature }
        try WebhookSignature.checkTimestamp(
            timestamp, now: delivery.receivedAt, tolerance: Self.tolerance, header: "X-Slack-Request-Timestamp")
        var signed = Data("v0:\(timestamp.trimmingCharacters(in: .whitespaces)):".utf8)
        signed.append(delivery.body)
        try WebhookSignature.verifyHMACSHA256(signature, secret: secret, message: signed, prefixes: ["v0="])

        guard let json = try? JSONValue.parse(delivery.body), json.object != nil else {
            throw WebhookRejection.malformed(
                "Slack sent a body that is not a JSON object; only the Events API is supported.")
        }
        switch json["type"]?.string {
        case "url_verification":
            guard let challenge = json["challenge"]?.string else {
                throw WebhookRejection.malformed("The url_verification request has no challenge.")
            }
            return .respond(status: 200, contentType: "text/plain; charset=utf-8", body: Data(challenge.utf8))
        case "app_rate_limited":
            // A notice that Slack dropped events for a minute: nothing to store.
            return .respond(status: 200, contentType: "text/plain; charset=utf-8", body: Data())
        default:
            return .store(deliveryID: json.text("event_id"))
        }
    }

    public func decode(_ payload: Data, for context: ChannelContext) throws -> [InboundItem] {
        let json = try JSONValue.parse(payload, what: "The Slack event")
        guard json["type"]?.string == "event_callback", let event = json["event"], event.object != nil else {
            return []
        }
        let type = event["type"]?.string
        guard type == "message" || type == "app_mention" else { return [] }
        if let subtype = event.text("subtype"), !Self.keptSubtypes.contains(subtype) { return [] }

        guard let channel = event.text("channel"),
            let ts = event.text("ts"), let seconds = Double(ts), seconds.isFinite, seconds > 0
        else {
            throw ConnectorError(.protocolError, "The Slack \(type ?? "message") event has no channel or ts.")
        }
        let userID = event.text("user")
        let botID = event.text("bot_id")
        guard let authorID = userID ?? botID else {
            throw ConnectorError(.protocolError, "The Slack message \(ts) in \(channel) has no user or bot_id.")
        }
        let threadTS = event.text("thread_ts")
        let isDirect = ["im", "mpim"].contains(event.text("channel_type") ?? "")
        let isReply = threadTS.map { $0 != ts } ?? false
        let kind = Self.kind(isDirect: isDirect, isMention: type == "app_mention", isReply: isReply)

        let profile = event["user_profile"]
        let handle = profile?.text("name") ?? event.text("username") ?? authorID
        let displayName = profile?.text("display_name") ?? profile?.text("real_name") ?? event.text("username")

        return [
            InboundItem(
                externalID: "\(channel):\(ts)",
                threadID: "\(channel):\(threadTS ?? ts)",
                parentID: threadTS.flatMap { $0 != ts ? "\(channel):\($0)" : nil },
                kind: kind,
                direction: isOurs(event: event, userID: userID, botID: botID, context: context) ? .outbound : .inbound,
                author: InboundAuthor(externalID: authorID, handle: handle, displayName: displayName),
                body: SlackText.plain(event["text"]?.string ?? ""),
                sentAt: Date(timeIntervalSince1970: seconds),
                url: SlackPermalink.url(
                    teamDomain: context.setting("teamDomain"), channel: channel, ts: ts, threadTS: threadTS)
            )
        ]
    }

    static func kind(isDirect: Bool, isMention: Bool, isReply: Bool) -> MessageKind {
        if isDirect { return .directMessage }
        if isMention { return .mention }
        return isReply ? .reply : .post
    }

    /// Ours: written by the bot user, by our bot (or any bot when `botID` is not set), or carrying the
    /// metadata our replies carry.
    private func isOurs(event: JSONValue, userID: String?, botID: String?, context: ChannelContext) -> Bool {
        if event["metadata"]?["event_type"]?.string == SlackReplier.metadataEventType { return true }
        if let userID, let botUser = context.setting("botUserID"), userID == botUser { return true }
        if let botID {
            guard let ourBot = context.setting("botID") else { return true }
            return botID == ourBot
        }
        return false
    }
}

/// Slack's `mrkdwn` message text as plain text.
enum SlackText {
    /// `<@U123>` → `@U123`, `<@U123|ada>` → `@ada`, `<#C1|general>` → `#general`, `<!here>` → `@here`,
    /// `<https://x|label>` → `label (https://x)`, `<https://x>` → `https://x`; `&amp;`, `&lt;`, `&gt;` decoded.
    static func plain(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[open...]
                break
            }
            let inner = rest[rest.index(after: open)..<close]
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let target = parts.first.map(String.init) ?? ""
            let label = parts.count > 1 ? String(parts[1]) : nil
            switch target.first {
            case "@": output += "@" + (label ?? String(target.dropFirst()))
            case "#": output += "#" + (label ?? String(target.dropFirst()))
            case "!":
                let name = target.dropFirst().split(separator: "^").first.map(String.init) ?? ""
                output += label ?? "@" + name
            default:
                let shown = target.hasPrefix("mailto:") ? String(target.dropFirst(7)) : target
                if let label, label != shown { output += "\(label) (\(shown))" } else { output += shown }
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return output.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
