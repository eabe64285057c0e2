import Foundation
import FoyerCore

/// Publishes posts in the channel's Slack channel (the `channelID` setting) with `chat.postMessage`.
///
/// - The first part goes to the channel; the follow-ups are replies in its thread (`thread_ts`), sent by
///   ``SlackReplier`` as any reply from the inbox.
/// - Slack has no idempotency key: every part carries its key as message metadata, as replies do.
///   ``reconcile(_:context:)`` looks for the first part among the channel's latest messages
///   (`conversations.history`, at most ``historyPages`` pages of 200), then for each follow-up in the thread
///   (`conversations.replies`); a follow-up not found is sent. ``publish(_:context:)`` reconciles first (one
///   history read per post), so publishing twice with one key posts once.
/// - Files (at most ``maxFiles``) are shared in the post's thread right after it, before the follow-ups
///   (``SlackFileUploader``); reconciliation shares them only when no reply of the thread has them yet.
public struct SlackPublisher: Publisher {
    /// How many pages of 200 messages ``reconcile(_:context:)`` reads from the channel.
    static let historyPages = 5
    /// Files one `files.completeUploadExternal` shares.
    static let maxFiles = 10
    private let replier: SlackReplier
    private let uploader: SlackFileUploader

    public init(http: ConnectorHTTPClient) {
        replier = SlackReplier(http: http)
        uploader = SlackFileUploader(http: http.named("Slack"), replier: replier)
    }

    public func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt {
        let channel = try Self.channel(context)
        try check(post)
        if let existing = try await reconcile(post, context: context) { return existing }
        let first = try await replier.postMessage(
            post.body, channel: channel, threadTS: nil, idempotencyKey: post.idempotencyKey, context: context)
        try await uploader.share(post.media, inThreadOf: Self.ts(of: first), channel: channel, context: context)
        try await sendFollowUps(post, first: first, context: context, reconciling: false)
        return first
    }

    public func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt? {
        let channel = try Self.channel(context)
        let query = [
            URLQueryItem(name: "channel", value: channel), URLQueryItem(name: "include_all_metadata", value: "true"),
        ]
        guard
            let ts = try await replier.scan(
                "conversations.history", query: query, pages: Self.historyPages, context: context,
                found: { SlackReplier.timestamp(ofKey: post.idempotencyKey, in: $0) })
        else { return nil }
        let first = OutboundReceipt(
            externalID: "\(channel):\(ts)",
            url: SlackPermalink.url(teamDomain: context.setting("teamDomain"), channel: channel, ts: ts))
        if try await !uploader.isShared(post.media, inThreadOf: ts, channel: channel, context: context) {
            try await uploader.share(post.media, inThreadOf: ts, channel: channel, context: context)
        }
        try await sendFollowUps(post, first: first, context: context, reconciling: true)
        return first
    }

    private func sendFollowUps(
        _ post: OutboundPost, first: OutboundReceipt, context: ChannelContext, reconciling: Bool
    ) async throws {
        // The first part's external id, `<channel>:<ts>`, is the thread id of its replies.
        try await PostParts.sendFollowUps(
            post, after: first, threadID: first.externalID, replier: replier, context: context,
            reconciling: reconciling)
    }

    private func check(_ post: OutboundPost) throws {
        try PostParts.checkNotEmpty(post, platform: "Slack")
        guard post.media.count <= Self.maxFiles else {
            throw ConnectorError(
                .rejected,
                "Slack shares at most \(Self.maxFiles) files with a post; this one has \(post.media.count). Remove some, or move them to another post.")
        }
        try SlackReplier.checkText(post.body)
        for text in post.followUps { try SlackReplier.checkText(text) }
    }

    /// The `ts` of a message from its external id, `<channel>:<ts>`.
    static func ts(of receipt: OutboundReceipt) -> String {
        String(receipt.externalID.split(separator: ":", maxSplits: 1).last ?? "")
    }

    /// The `channelID` setting.
    static func channel(_ context: ChannelContext) throws -> String {
        guard let channel = context.setting("channelID") else {
            throw ConnectorError(
                .configuration,
                "Slack posts go to the channel named in the channel’s settings; add its id (channelID, such as C0123ABCD: channel details › About in Slack) in Settings › Channels."
            )
        }
        return channel
    }
}
