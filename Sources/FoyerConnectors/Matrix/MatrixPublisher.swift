import Foundation
import FoyerCore

/// Publishes posts in the channel's room: the first room of the `rooms` setting.
///
/// - The first part is an `m.text` message; each media follows it in the room as an `m.image`, `m.video`,
///   `m.audio` or `m.file` message (uploaded to the media repository first, the alt text as its `body`);
///   the follow-ups form an `m.thread` on the first part, each one answering the previous part.
/// - Every message has its own transaction id, derived from the post's key (the first part), from
///   ``FoyerCore/OutboundPost/partKey(_:)`` (follow-ups) and from `<key>-media-<n>` (media): sending again
///   returns the events that exist instead of posting twice, as for replies (``MatrixReplier``).
/// - ``reconcile(_:context:)`` therefore publishes again with the same transaction ids, finishing what is
///   missing; it never returns `nil`. Media are uploaded again on each attempt (the repository keeps the
///   unused copies; the messages are not repeated).
public struct MatrixPublisher: Publisher {
    private let http: ConnectorHTTPClient
    private let replier: MatrixReplier

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Matrix")
        replier = MatrixReplier(http: http)
    }

    public func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt {
        try PostParts.checkNotEmpty(post, platform: "Matrix")
        let client = try MatrixClient(context: context, http: http)
        let first = try await replier.send(
            OutboundRequest(body: post.body, threadID: nil, inReplyToExternalID: nil, idempotencyKey: post.idempotencyKey),
            context: context)
        let (roomID, _) = try MatrixReplier.target(
            OutboundRequest(body: post.body, threadID: nil, inReplyToExternalID: nil, idempotencyKey: ""),
            context: context)
        for (index, media) in post.media.enumerated() {
            let uri = try await client.upload(media.data, filename: media.filename, contentType: media.mimeType)
            _ = try await client.send(
                MatrixMediaContent(media: media, uri: uri), roomID: roomID,
                txnID: MatrixReplier.transactionID(for: "\(post.idempotencyKey)-media-\(index + 1)"))
        }
        try await PostParts.sendFollowUps(
            post, after: first, threadID: MatrixThread.threadID(roomID: roomID, rootEventID: first.externalID),
            replier: replier, context: context, reconciling: false)
        return first
    }

    /// Publishes again with the same transaction ids: the homeserver answers with the events that exist and
    /// sends the ones that do not.
    public func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt? {
        try await publish(post, context: context)
    }
}
