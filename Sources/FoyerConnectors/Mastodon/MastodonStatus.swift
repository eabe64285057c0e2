import Foundation
import FoyerCore

/// Reads a Mastodon Status entity (docs.joinmastodon.org/entities/Status) into an ``InboundItem``.
enum MastodonStatus {
    /// The thread id prefix of direct messages: `dm:<account id>`.
    static let directPrefix = "dm:"
    /// Longer bodies are cut.
    static let maxBodyCharacters = 20_000

    /// The item for `status`, or `nil` when the status lacks its id or its author's id.
    ///
    /// Kind: `directMessage` for `visibility: direct`, `reply` when it answers a status, `mention` otherwise.
    /// The body is the content HTML as plain text, after the content warning when there is one.
    static func item(_ status: JSONValue, now: Date) -> InboundItem? {
        guard let id = status["id"]?.stringOrNumber, !id.isEmpty, let account = status["account"],
            let accountID = account["id"]?.stringOrNumber, !accountID.isEmpty
        else { return nil }
        let parentID = status["in_reply_to_id"]?.stringOrNumber.flatMap { $0.isEmpty ? nil : $0 }
        let kind: MessageKind
        let threadID: String
        if status["visibility"]?.string == "direct" {
            kind = .directMessage
            threadID = directPrefix + accountID
        } else {
            kind = parentID == nil ? .mention : .reply
            threadID = parentID ?? id
        }
        let handle = account.text("acct") ?? account.text("username") ?? accountID
        let author = InboundAuthor(
            externalID: accountID, handle: handle, displayName: account.text("display_name"),
            profileURL: webURL(account["url"]?.string))

        var body = HTMLToText.convert(status["content"]?.string ?? "")
        if let warning = status.text("spoiler_text") {
            let warning = ConnectorError.sanitize(warning, limit: 500)
            body = body.isEmpty ? "CW: \(warning)" : "CW: \(warning)\n\n\(body)"
        }
        // Servers allow a few thousand characters at most; a hostile one may send megabytes.
        if body.count > maxBodyCharacters { body = String(body.prefix(maxBodyCharacters - 1)) + "…" }
        let sentAt = status["created_at"]?.string.flatMap(RateLimitHints.parseISO8601).map { min($0, now) } ?? now
        return InboundItem(
            externalID: id, threadID: threadID, parentID: parentID, kind: kind, author: author, body: body,
            sentAt: sentAt, url: webURL(status["url"]?.string ?? status["uri"]?.string),
            language: LanguageTag.validated(status["language"]?.string))
    }

    /// `text` when it is an http(s) URL, else `nil`: links from payloads end up in `href` attributes.
    static func webURL(_ text: String?) -> String? {
        guard let text, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host != nil
        else { return nil }
        return text
    }
}
