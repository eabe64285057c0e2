import Foundation
import FoyerCore

/// Replies and posts with `POST /api/v1/statuses`, sending the request's idempotency key as
/// `Idempotency-Key`.
///
/// - A direct-message thread (`dm:<account id>`) gets `visibility: direct`; other replies and new posts the
///   channel's `visibility` setting (`public` by default).
/// - A reply starts with `@acct` of the person answered (looked up from the status replied to, or the
///   account of the DM thread) unless the body already mentions them: Mastodon delivers a reply, and above
///   all a direct message, only to the accounts it mentions.
/// - ``reconcile(_:context:)`` sends the same request again with the same key. Mastodon keeps keys for one
///   hour and answers a repeated key with the status first created, so within that hour a reconcile finds
///   the original and never posts twice. After the hour the key is forgotten and a reconcile posts anew:
///   the publish ledger must reconcile sooner than that.
struct MastodonReplier: Replier {
    let api: MastodonAPI

    func send(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt {
        let text = request.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ConnectorError(.rejected, "The reply is empty; write something before sending it to Mastodon.")
        }
        var visibility = MastodonAPI.visibility(context)
        var inReplyTo = request.inReplyToExternalID
        var recipient: String?
        if let thread = request.threadID, thread.hasPrefix(MastodonStatus.directPrefix) {
            visibility = "direct"
            let accountID = String(thread.dropFirst(MastodonStatus.directPrefix.count))
            recipient = try await acct(ofAccount: accountID, context: context)
        } else {
            inReplyTo = inReplyTo ?? request.threadID
            if let inReplyTo { recipient = try await acct(ofAuthorOf: inReplyTo, context: context) }
        }
        let payload = MastodonAPI.StatusPayload(
            status: Self.addressing(text, to: recipient), inReplyToID: inReplyTo, visibility: visibility)
        return try await api.postStatus(payload, idempotencyKey: request.idempotencyKey, context: context)
    }

    /// Sends again with the same `Idempotency-Key`: Mastodon returns the status created the first time when
    /// the key is less than an hour old (see the type's documentation).
    func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt? {
        try await send(request, context: context)
    }

    /// `@acct text`, unless `text` already mentions `acct`.
    static func addressing(_ text: String, to acct: String?) -> String {
        guard let acct, !acct.isEmpty else { return text }
        let mention = "@" + acct
        let local = "@" + (acct.split(separator: "@").first.map(String.init) ?? acct)
        for candidate in [mention, local] {
            var searchRange = text.startIndex..<text.endIndex
            while let found = text.range(of: candidate, options: .caseInsensitive, range: searchRange) {
                // A mention ends at a character that cannot be part of a handle.
                let next = found.upperBound < text.endIndex ? text[found.upperBound] : " "
                if !(next.isLetter || next.isNumber || next == "_" || (next == "@" && candidate == local)) {
                    return text
                }
                searchRange = found.upperBound..<text.endIndex
            }
        }
        return "\(mention) \(text)"
    }

    private func acct(ofAccount id: String, context: ChannelContext) async throws -> String {
        let account: JSONValue
        do {
            account = try await api.account(id, context: context)
        } catch let error as ConnectorError where error.kind == .notFound {
            throw ConnectorError(
                .notFound,
                "The Mastodon account of this conversation no longer exists; the message cannot be delivered.",
                statusCode: error.statusCode)
        }
        guard let acct = account.text("acct") else {
            throw ConnectorError.undecodable(platform: MastodonAPI.platform, what: "the account has no acct")
        }
        return acct
    }

    private func acct(ofAuthorOf statusID: String, context: ChannelContext) async throws -> String? {
        let status: JSONValue
        do {
            status = try await api.status(statusID, context: context)
        } catch let error as ConnectorError where error.kind == .notFound {
            throw ConnectorError(
                .notFound, "The Mastodon post you are replying to was deleted; the reply was not sent.",
                statusCode: error.statusCode)
        }
        return status["account"]?.text("acct")
    }
}
