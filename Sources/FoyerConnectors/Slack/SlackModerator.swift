import Foundation
import FoyerCore

/// Deletes the app's own messages with `chat.delete`.
///
/// A bot token may only delete what the app posted: Slack answers `cant_delete_message` for anyone else's
/// message, which is refused saying what to do instead. A message already gone counts as deleted. Slack has
/// no way for an app to hide a message, and no ban: removing someone from a channel
/// (`conversations.kick`) lets them join a public channel again, so it is not offered as one.
public struct SlackModerator: Moderator {
    private let http: ConnectorHTTPClient

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Slack")
    }

    public func perform(_ request: ModerationRequest, context: ChannelContext) async throws {
        switch request.action {
        case .hide:
            throw ConnectorError(
                .rejected, "Slack does not let apps hide messages; a workspace admin can delete it in Slack.")
        case .ban:
            throw ConnectorError(
                .rejected,
                "Slack does not let apps ban people; a workspace admin can remove the person from the channel or deactivate their account in Slack."
            )
        case .delete:
            // External ids are `<channel>:<ts>`.
            let parts = (request.externalMessageID ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ConnectorError(.rejected, "This message has no Slack channel and timestamp, so it cannot be deleted.")
            }
            struct Payload: Encodable {
                var channel: String
                var ts: String
            }
            let response = try await http.send(
                try .json(
                    .post, url: try SlackReplier.endpoint("chat.delete", context),
                    body: Payload(channel: parts[0], ts: parts[1]),
                    headers: ["Authorization": "Bearer \(try SlackReplier.token(context))"], isIdempotent: true))
            do {
                _ = try SlackReplier.checkedJSON(response)
            } catch let error as ConnectorError where error.kind == .notFound {
                return
            }
        }
    }
}
