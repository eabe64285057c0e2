import Crypto
import Foundation
import FoyerCore

/// Sends replies and posts with `PUT /rooms/{roomId}/send/m.room.message/{txnId}`.
///
/// The transaction id is derived from the publication's idempotency key (``transactionID(for:)``), so a send
/// repeated after a crash or a lost answer reuses it. Matrix defines this as its idempotency mechanism: the
/// homeserver remembers the transaction ids of each device (access token) and answers a repeat with the
/// event id of the first send instead of posting twice (Synapse keeps them for at least a day).
/// ``reconcile(_:context:)`` therefore simply sends again with the same transaction id: the answer is the
/// event that exists, whether the first attempt went through or not. It never returns `nil`.
///
/// Targets: a thread id `!room:server` replies in the room (with `m.in_reply_to` when the request names the
/// message answered); `!room:server|$root` replies in that thread (`rel_type: m.thread`). A new post (no
/// thread id) goes to the first room of the `rooms` setting.
public struct MatrixReplier: Replier {
    private let http: ConnectorHTTPClient

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Matrix")
    }

    public func send(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt {
        let client = try MatrixClient(context: context, http: http)
        let (roomID, root) = try Self.target(request, context: context)
        guard !request.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ConnectorError(.rejected, "Matrix messages cannot be empty.")
        }
        guard request.body.utf8.count <= Self.maxBodyBytes else {
            throw ConnectorError(
                .rejected,
                "The message is \(request.body.utf8.count) bytes long; Matrix events are limited to 64 KiB, so keep it under \(Self.maxBodyBytes) bytes."
            )
        }
        let inReplyTo = request.inReplyToExternalID.flatMap { $0.hasPrefix("$") ? $0 : nil }
        let content = MatrixMessageContent(body: request.body, roomThreadRoot: root, inReplyTo: inReplyTo)
        let eventID = try await client.send(
            content, roomID: roomID, txnID: Self.transactionID(for: request.idempotencyKey))
        return OutboundReceipt(externalID: eventID, url: MatrixThread.permalink(roomID, eventID))
    }

    /// Sends again with the same transaction id: the homeserver returns the existing event, or sends it now.
    public func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt? {
        try await send(request, context: context)
    }

    /// Leaves room for the event envelope within Matrix's 65,536-byte event limit.
    static let maxBodyBytes = 60_000

    /// `foyer-<key>` when the key is short and URL-safe (a UUID), else `foyer-<SHA-256 of the key>`: stable
    /// for a key, distinct between keys.
    static func transactionID(for idempotencyKey: String) -> String {
        let safe = idempotencyKey.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._".unicodeScalars.contains($0))
        }
        if safe && !idempotencyKey.isEmpty && idempotencyKey.count <= 100 { return "foyer-\(idempotencyKey)" }
        let digest = SHA256.hash(data: Data(idempotencyKey.utf8))
        return "foyer-" + digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The room and thread root a request goes to.
    static func target(_ request: OutboundRequest, context: ChannelContext) throws -> (roomID: String, root: String?) {
        guard let threadID = request.threadID else {
            guard let room = MatrixThread.roomList(context.setting("rooms")).first, MatrixThread.isRoomID(room) else {
                throw ConnectorError(
                    .configuration,
                    "New Matrix posts go to the first room of the channel’s rooms; add a room id in Settings › Channels."
                )
            }
            return (room, nil)
        }
        guard let parsed = MatrixThread.parse(threadID) else {
            throw ConnectorError(.rejected, "The conversation’s thread id is not a Matrix room id.")
        }
        return (parsed.roomID, parsed.rootEventID)
    }
}
