import Foundation
import FoyerCore

/// Moderates as the channel's Mastodon account.
///
/// - delete: the account's own statuses only (`DELETE /api/v1/statuses/:id`); someone else's status is
///   refused, saying what to do instead. A status already gone counts as deleted.
/// - ban: with the `adminToken` credential (a moderator of the server, scope `admin:write:accounts`), the
///   admin `suspend` action (`POST /api/v1/admin/accounts/:id/action`), which reaches the whole server;
///   without it, a block by the channel's account (`POST /api/v1/accounts/:id/block`), which only stops the
///   author from reaching that account.
/// - hide: Mastodon has no way to hide a post from others; refused.
struct MastodonModerator: Moderator {
    let api: MastodonAPI

    func perform(_ request: ModerationRequest, context: ChannelContext) async throws {
        switch request.action {
        case .hide:
            throw ConnectorError(
                .rejected,
                "Mastodon cannot hide a post from others; delete it if the channel posted it, or report it from Mastodon to its server’s moderators."
            )
        case .delete:
            guard let statusID = request.externalMessageID, !statusID.isEmpty else {
                throw ConnectorError(.rejected, "This message has no Mastodon status id, so it cannot be deleted.")
            }
            // Mastodon answers someone else's status with 404, as a deleted one: read the author first.
            let status: JSONValue
            do {
                status = try await api.status(statusID, context: context)
            } catch let error as ConnectorError where error.kind == .notFound {
                return
            }
            let ownID = try await api.ownAccountID(context: context)
            guard status["account"]?["id"]?.stringOrNumber == ownID else {
                throw ConnectorError(
                    .rejected,
                    "Mastodon only lets an account delete its own posts. Report this one from Mastodon to its server’s moderators, or ban its author."
                )
            }
            try await api.deleteStatus(statusID, context: context)
        case .ban:
            guard let accountID = request.externalAuthorID, !accountID.isEmpty else {
                throw ConnectorError(.rejected, "The author has no Mastodon account id, so Foyer cannot ban them.")
            }
            if accountID == (try await api.ownAccountID(context: context)) {
                throw ConnectorError(.rejected, "This is the channel’s own account; Foyer does not ban it.")
            }
            if let adminToken = context.credential("adminToken") {
                struct Action: Encodable {
                    var type: String
                    var text: String?
                }
                _ = try await api.send(
                    .json(
                        .post, url: try api.url(context, path: ["api", "v1", "admin", "accounts", accountID, "action"]),
                        body: Action(type: "suspend", text: request.reason), isIdempotent: true),
                    context: context, refusal: "Mastodon refused the suspension", token: adminToken)
            } else {
                _ = try await api.send(
                    ConnectorHTTPRequest(
                        method: .post, url: try api.url(context, path: ["api", "v1", "accounts", accountID, "block"]),
                        isIdempotent: true),
                    context: context)
            }
        }
    }
}
