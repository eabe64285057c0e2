import Foundation
import FoyerCore

/// A Mastodon account: mentions and direct messages received live from its notification stream, polled from
/// its notifications when the stream was down, replies and new posts
/// (threads, media) through `POST /api/v1/statuses`, own posts deleted through `DELETE /api/v1/statuses/:id`,
/// authors blocked, or suspended with an admin token.
///
/// Settings: `baseURL` (the server, `https://mastodon.social`) and, optionally, `visibility` for replies
/// and posts that are not direct messages (`public` by default, or `unlisted`, `private`).
/// Credentials: `accessToken` (scopes `read:notifications`, `read:statuses`, `read:accounts`,
/// `write:statuses`, `write:media`, `write:blocks`); optionally `adminToken`, a token of a moderator of the
/// server with the scope `admin:write:accounts`, to suspend accounts instead of blocking them.
///
/// Thread ids: the status replied to (`in_reply_to_id`), or the status itself when it starts a thread, for
/// public mentions; `dm:<account id>` for direct messages, so that one person's DMs form one conversation.
/// External ids are status ids.
public struct MastodonConnector: Connector {
    public let kind = ChannelKind.mastodon
    public let capabilities = ConnectorCapabilities(
        ingest: .stream, reply: true, publish: true, delete: true, ban: true)
    let api: MastodonAPI

    public init(http: ConnectorHTTPClient) {
        api = MastodonAPI(http: http.named("Mastodon"))
    }

    public func validate(settings: [String: String], credentials: [String: String]) throws {
        guard let base = settings["baseURL"]?.trimmingCharacters(in: .whitespaces), !base.isEmpty,
            let url = URL(string: base), url.host != nil
        else {
            throw DomainError.invalid(
                field: "baseURL", message: "Enter the Mastodon server’s address, such as https://mastodon.social.")
        }
        do {
            try api.http.policy.checkSyntax(url)
        } catch let error as ConnectorError {
            throw DomainError.invalid(field: "baseURL", message: error.message)
        }
        if let visibility = settings["visibility"], !visibility.isEmpty,
            !MastodonAPI.publicVisibilities.contains(visibility)
        {
            throw DomainError.invalid(field: "visibility", message: "Choose public, unlisted or private.")
        }
        if (credentials["accessToken"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid(
                field: "accessToken",
                message: "Paste an access token created in Mastodon (Preferences › Development › New application).")
        }
    }

    public var poller: (any Poller)? { MastodonPoller(api: api) }
    public var streamer: (any Streamer)? { MastodonStreamer(api: api) }
    public var replier: (any Replier)? { MastodonReplier(api: api) }
    public var publisher: (any Publisher)? { MastodonPublisher(api: api) }
    public var moderator: (any Moderator)? { MastodonModerator(api: api) }

    /// Deletes one of the account's own statuses. A status that is already gone (404) counts as deleted.
    /// - Throws: ``ConnectorError``; Mastodon allows 30 deletions per 30 minutes, so `.rateLimited` is likely
    ///   in bulk.
    public func delete(externalID: String, context: ChannelContext) async throws {
        try await api.deleteStatus(externalID, context: context)
    }
}
