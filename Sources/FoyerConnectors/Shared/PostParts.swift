import Foundation
import FoyerCore

/// The parts of a new post after the first: each follow-up goes out in reply to the previous part, with its
/// own idempotency key (``FoyerCore/OutboundPost/partKey(_:)``), so that a retry sends each part once.
enum PostParts {
    /// Sends the follow-ups of `post` in order.
    /// - Parameters:
    ///   - first: the receipt of the first part.
    ///   - existing: after an unknown outcome, asks the platform for follow-up `index` (in reply to `previous`);
    ///     a part found is not sent again. `nil` when publishing for the first time.
    ///   - send: sends follow-up `index` in reply to `previous`.
    static func sendFollowUps(
        _ post: OutboundPost, after first: OutboundReceipt,
        existing: ((_ index: Int, _ previous: OutboundReceipt) async throws -> OutboundReceipt?)? = nil,
        send: (_ index: Int, _ previous: OutboundReceipt) async throws -> OutboundReceipt
    ) async throws {
        var previous = first
        for index in post.followUps.indices {
            if let existing, let found = try await existing(index, previous) {
                previous = found
                continue
            }
            previous = try await send(index, previous)
        }
    }

    /// Sends the follow-ups through the platform's replier: a follow-up is the same call as a reply from the
    /// inbox. With `reconciling`, each part is first looked for with ``FoyerCore/Replier/reconcile(_:context:)``.
    /// - Parameter threadID: the thread id the replier expects for a part, given the first part.
    static func sendFollowUps(
        _ post: OutboundPost, after first: OutboundReceipt, threadID: String, replier: any Replier,
        context: ChannelContext, reconciling: Bool
    ) async throws {
        func request(_ index: Int, _ previous: OutboundReceipt) -> OutboundRequest {
            OutboundRequest(
                body: post.followUps[index], threadID: threadID, inReplyToExternalID: previous.externalID,
                idempotencyKey: post.partKey(index))
        }
        var existing: ((Int, OutboundReceipt) async throws -> OutboundReceipt?)?
        if reconciling {
            existing = { index, previous in try await replier.reconcile(request(index, previous), context: context) }
        }
        try await sendFollowUps(
            post, after: first, existing: existing,
            send: { index, previous in try await replier.send(request(index, previous), context: context) })
    }

    /// Refuses a post with an empty part before anything is sent, naming the part.
    static func checkNotEmpty(_ post: OutboundPost, platform: String) throws {
        if post.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ConnectorError(.rejected, "The post is empty; write its text before publishing it to \(platform).")
        }
        for (index, text) in post.followUps.enumerated()
        where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ConnectorError(
                .rejected, "Follow-up \(index + 1) of the post is empty; write it or remove it before publishing.")
        }
    }
}
