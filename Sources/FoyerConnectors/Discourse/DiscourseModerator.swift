import Foundation
import FoyerCore

/// Moderates the forum with the channel's API key (which must belong to a moderator or admin).
///
/// - hide: a topic's first post hides the topic by unlisting it (`PUT /t/{id}/status.json`,
///   `status=visible`, `enabled=false`): it stays reachable by its link but leaves the lists and search.
///   Discourse's API hides a single reply only through flags, so hiding a reply is refused.
/// - delete: `DELETE /posts/{id}.json` (the first post takes its topic with it). A post already gone counts
///   as deleted.
/// - ban: suspends the author (`PUT /admin/users/{id}/suspend.json`) until a moderator lifts it, as
///   Discourse's own "forever" does (a thousand years), with the reason shown to them. The author's external
///   id is their Discourse user id (a username is looked up).
public struct DiscourseModerator: Moderator {
    private let http: ConnectorHTTPClient

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Discourse")
    }

    public func perform(_ request: ModerationRequest, context: ChannelContext) async throws {
        let base = try DiscourseConnector.baseURL(context)
        let headers = try DiscourseReplier.headers(context)
        switch request.action {
        case .hide:
            let postID = try Self.postID(request)
            let response = try await http.send(.init(url: try DiscourseReplier.url(base, "/posts/\(postID).json"), headers: headers))
            if response.status == 404 { return }
            let post = try DiscourseReplier.checkedJSON(response)
            guard post["post_number"]?.int == 1, let topicID = post["topic_id"]?.int else {
                throw ConnectorError(
                    .rejected,
                    "Discourse can hide a whole topic but not a single reply; delete the reply instead, or flag it on the forum."
                )
            }
            let body = Data("status=visible&enabled=false".utf8)
            var formHeaders = headers
            formHeaders["Content-Type"] = "application/x-www-form-urlencoded"
            _ = try DiscourseReplier.checkedJSON(
                try await http.send(
                    ConnectorHTTPRequest(
                        method: .put, url: try DiscourseReplier.url(base, "/t/\(topicID)/status.json"),
                        headers: formHeaders, body: body, isIdempotent: true)))
        case .delete:
            let postID = try Self.postID(request)
            let response = try await http.send(
                ConnectorHTTPRequest(
                    method: .delete, url: try DiscourseReplier.url(base, "/posts/\(postID).json"), headers: headers,
                    isIdempotent: true))
            guard response.isSuccess || response.status == 404 else {
                throw ConnectorError.from(
                    status: response.status, body: response.body, platform: "Discourse", headers: response.headers)
            }
        case .ban:
            let userID = try await self.userID(request, base: base, headers: headers)
            struct Payload: Encodable {
                var suspend_until: String
                var reason: String
            }
            let until = Date().addingTimeInterval(1000 * 365.25 * 86_400)
            let reason = request.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try DiscourseReplier.checkedJSON(
                try await http.send(
                    try .json(
                        .put, url: try DiscourseReplier.url(base, "/admin/users/\(userID)/suspend.json"),
                        body: Payload(
                            suspend_until: until.formatted(.iso8601),
                            reason: reason.flatMap { $0.isEmpty ? nil : $0 } ?? "Suspended by the community team."),
                        headers: headers, isIdempotent: true)))
        }
    }

    static func postID(_ request: ModerationRequest) throws -> Int64 {
        guard let id = request.externalMessageID.flatMap({ Int64($0) }), id > 0 else {
            throw ConnectorError(.rejected, "This message has no Discourse post id, so Foyer cannot act on it.")
        }
        return id
    }

    /// The author's user id: the external id when it is one, else the id of the username it holds.
    private func userID(_ request: ModerationRequest, base: String, headers: [String: String]) async throws -> Int64 {
        guard let author = request.externalAuthorID?.trimmingCharacters(in: .whitespaces), !author.isEmpty else {
            throw ConnectorError(.rejected, "The author has no Discourse account, so Foyer cannot suspend them.")
        }
        if let id = Int64(author) { return id }
        guard let name = author.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."]))
        else { throw ConnectorError(.rejected, "The author’s Discourse username is not valid.") }
        let user = try DiscourseReplier.checkedJSON(
            try await http.send(.init(url: try DiscourseReplier.url(base, "/u/\(name).json"), headers: headers)))
        guard let id = user["user"]?["id"]?.int else {
            throw ConnectorError.undecodable(platform: "Discourse", what: "the user has no id")
        }
        return id
    }
}
