import Foundation
import FoyerCore

/// Moderates the channel's rooms as its account: delete redacts the event
/// (`PUT /rooms/{roomId}/redact/{eventId}/{txnId}`, the transaction id derived from the request's key), ban
/// bans the author from the room (`POST /rooms/{roomId}/ban`). Both need the account's power level in that
/// room (Matrix answers 403 otherwise, reported as `.forbidden`).
///
/// Matrix has no way to hide a message from others without removing it: hide is refused.
public struct MatrixModerator: Moderator {
    private let http: ConnectorHTTPClient

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Matrix")
    }

    public func perform(_ request: ModerationRequest, context: ChannelContext) async throws {
        let client = try MatrixClient(context: context, http: http)
        guard let roomID = request.threadID.flatMap(MatrixThread.parse)?.roomID else {
            throw ConnectorError(.rejected, "Foyer does not know the Matrix room of this message, so it cannot act on it.")
        }
        switch request.action {
        case .hide:
            throw ConnectorError(
                .rejected, "Matrix cannot hide a message from others; delete it (a redaction) instead.")
        case .delete:
            guard let eventID = request.externalMessageID, eventID.hasPrefix("$") else {
                throw ConnectorError(.rejected, "This message has no Matrix event id, so it cannot be deleted from Foyer.")
            }
            try await client.redact(
                eventID: eventID, roomID: roomID, reason: request.reason,
                txnID: MatrixReplier.transactionID(for: request.idempotencyKey))
        case .ban:
            guard let userID = request.externalAuthorID, MatrixThread.isUserID(userID) else {
                throw ConnectorError(.rejected, "The author has no Matrix user id, so Foyer cannot ban them.")
            }
            guard userID != client.userID else {
                throw ConnectorError(.rejected, "This message is the channel’s own; Foyer does not ban its own account.")
            }
            try await client.ban(userID: userID, roomID: roomID, reason: request.reason)
        }
    }
}
