import Foundation
import FoyerCore

/// Publishes posts on the channel's Mastodon account with `POST /api/v1/statuses`.
///
/// - The first part gets the post's `language`, its media and the channel's `visibility` (`public` by
///   default); each follow-up answers the previous part (`in_reply_to_id`), making a thread, with its own
///   `Idempotency-Key` (``FoyerCore/OutboundPost/partKey(_:)``).
/// - Media: `POST /api/v2/media` (with the alt text as `description`), waiting for processing, then
///   `media_ids`; at most four, as Mastodon allows by default.
/// - Idempotency: Mastodon answers a key it saw within the last hour with the status first created, so
///   publishing twice with one key within the hour posts once (media uploaded again are left unattached,
///   and Mastodon removes them).
/// - ``reconcile(_:context:)`` does not rely on that hour: it reads the account's latest
///   ``reconcileWindow`` statuses and looks for the first part by its text (the rendered content, or the
///   source text for statuses with links, mentions or hashtags), then for each follow-up among the answers
///   to the previous part; a missing follow-up is sent. Its limit: a first part older than the
///   ``reconcileWindow`` latest statuses of the account, or whose text was edited on Mastodon since, is not
///   found, and publishing again after the key's hour posts it a second time.
struct MastodonPublisher: Publisher {
    let api: MastodonAPI
    /// Mastodon's default `max_media_attachments`.
    static let maxMedia = 4
    /// How many of the account's latest statuses ``reconcile(_:context:)`` reads.
    static let reconcileWindow = 40
    /// How many statuses with markup ``reconcile(_:context:)`` fetches the source text of.
    static let sourceLookups = 5

    func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt {
        try PostParts.checkNotEmpty(post, platform: MastodonAPI.platform)
        guard post.media.count <= Self.maxMedia else {
            throw ConnectorError(
                .rejected,
                "Mastodon takes at most \(Self.maxMedia) attachments per post; this post has \(post.media.count). Remove some or move them to a follow-up post."
            )
        }
        var mediaIDs: [String] = []
        for media in post.media { mediaIDs.append(try await api.uploadMedia(media, context: context)) }
        let first = try await api.postStatus(
            payload(post.body, inReplyTo: nil, post: post, mediaIDs: mediaIDs, context: context),
            idempotencyKey: post.idempotencyKey, context: context)
        try await PostParts.sendFollowUps(post, after: first) { index, previous in
            try await sendFollowUp(index, of: post, after: previous, context: context)
        }
        return first
    }

    func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt? {
        let accountID = try await api.ownAccountID(context: context)
        let recent = try await api.statuses(ofAccount: accountID, limit: Self.reconcileWindow, context: context)
        var lookups = 0
        guard let first = try await find(post.body, inReplyTo: nil, in: recent, lookups: &lookups, context: context)
        else { return nil }
        try await PostParts.sendFollowUps(
            post, after: first,
            existing: { index, previous in
                try await find(
                    post.followUps[index], inReplyTo: previous.externalID, in: recent, lookups: &lookups,
                    context: context)
            },
            send: { index, previous in try await sendFollowUp(index, of: post, after: previous, context: context) })
        return first
    }

    private func sendFollowUp(
        _ index: Int, of post: OutboundPost, after previous: OutboundReceipt, context: ChannelContext
    ) async throws -> OutboundReceipt {
        try await api.postStatus(
            payload(post.followUps[index], inReplyTo: previous.externalID, post: post, mediaIDs: [], context: context),
            idempotencyKey: post.partKey(index), context: context)
    }

    private func payload(
        _ text: String, inReplyTo: String?, post: OutboundPost, mediaIDs: [String], context: ChannelContext
    ) -> MastodonAPI.StatusPayload {
        MastodonAPI.StatusPayload(
            status: text.trimmingCharacters(in: .whitespacesAndNewlines), inReplyToID: inReplyTo,
            visibility: MastodonAPI.visibility(context), language: LanguageTag.validated(post.language),
            mediaIDs: mediaIDs.isEmpty ? nil : mediaIDs)
    }

    /// The status among `statuses` that answers `inReplyTo` (or answers nothing) and whose text is `text`.
    private func find(
        _ text: String, inReplyTo: String?, in statuses: [JSONValue], lookups: inout Int, context: ChannelContext
    ) async throws -> OutboundReceipt? {
        let wanted = Self.normalized(text)
        for status in statuses {
            guard let id = status["id"]?.stringOrNumber, !id.isEmpty,
                status["in_reply_to_id"]?.stringOrNumber == inReplyTo
            else { continue }
            let content = status["content"]?.string ?? ""
            var matches = Self.normalized(HTMLToText.convert(content)) == wanted
            // Links, mentions and hashtags are rendered with markup that does not read back as the source text.
            if !matches, content.contains("<a"), lookups < Self.sourceLookups {
                lookups += 1
                matches = try await api.source(ofStatus: id, context: context).map(Self.normalized) == wanted
            }
            if matches { return OutboundReceipt(externalID: id, url: MastodonStatus.webURL(status["url"]?.string)) }
        }
        return nil
    }

    /// Text compared with whitespace runs collapsed.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
