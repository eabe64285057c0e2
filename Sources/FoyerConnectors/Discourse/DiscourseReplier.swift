import Foundation
import FoyerCore

/// Replies in Discourse topics with `POST /posts.json`, as the channel's `apiUsername`.
///
/// Discourse has no idempotency key for posts. ``reconcile(_:context:)`` reads the end of the topic and
/// looks for a post by `apiUsername` whose `raw` is the reply's text: the text is sent unchanged, so a match
/// means the send went through.
public struct DiscourseReplier: Replier {
    private let http: ConnectorHTTPClient
    /// How many of the topic's last posts reconciliation reads.
    static let reconcileWindow = 20

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Discourse")
    }

    public func send(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt {
        let base = try DiscourseConnector.baseURL(context)
        let headers = try Self.headers(context)
        let topicID = try Self.topicID(request)
        var replyTo: Int64?
        if let parent = request.inReplyToExternalID, let parentID = Int64(parent) {
            replyTo = try await postNumber(of: parentID, base: base, headers: headers)
        }
        struct Payload: Encodable {
            var topic_id: Int64
            var raw: String
            var reply_to_post_number: Int64?
        }
        let response = try await http.send(
            try .json(
                .post, url: try Self.url(base, "/posts.json"),
                body: Payload(topic_id: topicID, raw: request.body, reply_to_post_number: replyTo), headers: headers))
        let json = try Self.checkedJSON(response)
        guard let postID = json["id"]?.int else {
            throw ConnectorError.undecodable(platform: "Discourse", what: "the new post has no id")
        }
        return OutboundReceipt(externalID: String(postID), url: Self.link(json, base: base, topicID: topicID))
    }

    public func reconcile(_ request: OutboundRequest, context: ChannelContext) async throws -> OutboundReceipt? {
        let base = try DiscourseConnector.baseURL(context)
        let headers = try Self.headers(context)
        let topicID = try Self.topicID(request)
        let ourUser = context.credential("apiUsername") ?? ""
        let wanted = request.body.trimmingCharacters(in: .whitespacesAndNewlines)

        let topic = try Self.checkedJSON(
            try await http.send(.init(url: try Self.url(base, "/t/\(topicID).json"), headers: headers)))
        let stream = (topic["post_stream"]?["stream"]?.array ?? []).compactMap(\.int)
        let lastIDs = stream.suffix(Self.reconcileWindow)
        guard !lastIDs.isEmpty else { return nil }

        var components = URLComponents(
            url: try Self.url(base, "/t/\(topicID)/posts.json"), resolvingAgainstBaseURL: false)
        components?.queryItems = lastIDs.map { URLQueryItem(name: "post_ids[]", value: String($0)) }
        guard let postsURL = components?.url else {
            throw ConnectorError(.configuration, "The Discourse address is not a valid URL.")
        }
        let posts = try Self.checkedJSON(try await http.send(.init(url: postsURL, headers: headers)))
        let ours = (posts["post_stream"]?["posts"]?.array ?? [])
            .filter { $0.text("username")?.caseInsensitiveCompare(ourUser) == .orderedSame }
            .sorted { ($0["post_number"]?.int ?? 0) > ($1["post_number"]?.int ?? 0) }

        for post in ours.prefix(5) {
            guard let postID = post["id"]?.int else { continue }
            // Topic post lists carry only the cooked HTML; the raw text is on the post itself.
            let raw: String
            if let inline = post["raw"]?.string {
                raw = inline
            } else {
                let full = try Self.checkedJSON(
                    try await http.send(.init(url: try Self.url(base, "/posts/\(postID).json"), headers: headers)))
                raw = full["raw"]?.string ?? ""
            }
            if raw.trimmingCharacters(in: .whitespacesAndNewlines) == wanted {
                return OutboundReceipt(externalID: String(postID), url: Self.link(post, base: base, topicID: topicID))
            }
        }
        return nil
    }

    /// The post number of a post id, for `reply_to_post_number`; `nil` when the post is gone.
    private func postNumber(of postID: Int64, base: String, headers: [String: String]) async throws -> Int64? {
        let response = try await http.send(.init(url: try Self.url(base, "/posts/\(postID).json"), headers: headers))
        if response.status == 404 { return nil }
        return try Self.checkedJSON(response)["post_number"]?.int
    }

    // MARK: Helpers

    static func headers(_ context: ChannelContext) throws -> [String: String] {
        guard let key = context.credential("apiKey"), let username = context.credential("apiUsername") else {
            throw ConnectorError(
                .configuration, "This Discourse channel has no API key or username; add them in Settings › Channels.")
        }
        return ["Api-Key": key, "Api-Username": username, "Accept": "application/json"]
    }

    static func topicID(_ request: OutboundRequest) throws -> Int64 {
        guard let thread = request.threadID else {
            throw ConnectorError(
                .rejected, "Discourse replies need a topic to answer in; new topics are not supported yet.")
        }
        guard let topicID = Int64(thread), topicID > 0 else {
            throw ConnectorError(.rejected, "The conversation’s thread id is not a Discourse topic id.")
        }
        return topicID
    }

    static func url(_ base: String, _ path: String) throws -> URL {
        guard let url = URL(string: base + path) else {
            throw ConnectorError(.configuration, "The Discourse address is not a valid URL.")
        }
        return url
    }

    static func checkedJSON(_ response: ConnectorHTTPResponse) throws -> JSONValue {
        guard response.isSuccess else {
            throw ConnectorError.from(
                status: response.status, body: response.body, platform: "Discourse", headers: response.headers)
        }
        return try response.json(platform: "Discourse")
    }

    /// The post's address: `post_url` if given, else `/t/<slug>/<topic>/<number>`.
    static func link(_ post: JSONValue, base: String, topicID: Int64) -> String? {
        if let url = DiscourseWebhookReceiver.postURL(post, base: base) { return url }
        guard let number = post["post_number"]?.int else { return nil }
        let slug = post.text("topic_slug") ?? "-"
        return "\(base)/t/\(slug)/\(topicID)/\(number)"
    }
}
