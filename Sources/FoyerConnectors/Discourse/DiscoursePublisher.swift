import Crypto
import Foundation
import FoyerCore

/// Publishes posts as new topics with `POST /posts.json` `{title, raw, category, external_id}`, as the
/// channel's `apiUsername`.
///
/// - The title is required (Discourse topics have one); the category is the channel's `category` setting
///   (a category id), else the forum's default category.
/// - Media are uploaded first (`POST /uploads.json`, `type=composer`) and written into the first post as
///   Markdown: `![alt](upload://…)` for images, a link for other files.
/// - The topic's `external_id` is derived from the post's key (``externalID(for:)``): Discourse refuses a
///   second topic with the same one, and finds a topic by it (`GET /t/external_id/{id}.json`). Publishing
///   twice with one key therefore creates one topic, and ``reconcile(_:context:)`` finds it.
/// - Follow-ups are replies in the topic, each to the previous post, sent and reconciled by
///   ``DiscourseReplier`` as any reply from the inbox (Discourse has no key for replies: a follow-up is
///   found by its text among the topic's last posts by `apiUsername`).
public struct DiscoursePublisher: Publisher {
    private let http: ConnectorHTTPClient
    private let replier: DiscourseReplier

    public init(http: ConnectorHTTPClient) {
        self.http = http.named("Discourse")
        replier = DiscourseReplier(http: http)
    }

    public func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt {
        let base = try DiscourseConnector.baseURL(context)
        let headers = try DiscourseReplier.headers(context)
        try PostParts.checkNotEmpty(post, platform: "Discourse")
        guard let title = post.title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else {
            throw ConnectorError(
                .rejected, "A Discourse topic needs a title; give the post a title before publishing it to the forum.")
        }
        let category = try Self.category(context)
        var raw = post.body
        for media in post.media {
            raw += "\n\n" + (try await upload(media, base: base, headers: headers))
        }
        struct Payload: Encodable {
            var title: String
            var raw: String
            var category: Int64?
            var external_id: String
        }
        let externalID = Self.externalID(for: post.idempotencyKey)
        let response = try await http.send(
            try .json(
                .post, url: try DiscourseReplier.url(base, "/posts.json"),
                body: Payload(title: title, raw: raw, category: category, external_id: externalID), headers: headers))
        let first: Found
        if response.isSuccess {
            let json = try response.json(platform: "Discourse")
            guard let postID = json["id"]?.int, let topicID = json["topic_id"]?.int else {
                throw ConnectorError.undecodable(platform: "Discourse", what: "the new topic has no post or topic id")
            }
            first = Found(
                receipt: OutboundReceipt(
                    externalID: String(postID), url: DiscourseReplier.link(json, base: base, topicID: topicID)),
                topicID: topicID)
        } else if response.status == 422, let existing = try await find(externalID, base: base, headers: headers) {
            // The topic of this key exists already (an earlier attempt went through): finish it.
            return try await finish(post, first: existing, context: context, reconciling: true)
        } else {
            throw Self.refusal(response)
        }
        return try await finish(post, first: first, context: context, reconciling: false)
    }

    public func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt? {
        let base = try DiscourseConnector.baseURL(context)
        let headers = try DiscourseReplier.headers(context)
        guard let first = try await find(Self.externalID(for: post.idempotencyKey), base: base, headers: headers)
        else { return nil }
        return try await finish(post, first: first, context: context, reconciling: true)
    }

    /// Sends (or, reconciling, finds then sends) the follow-ups in the first part's topic.
    private func finish(_ post: OutboundPost, first: Found, context: ChannelContext, reconciling: Bool) async throws
        -> OutboundReceipt
    {
        try await PostParts.sendFollowUps(
            post, after: first.receipt, threadID: String(first.topicID), replier: replier, context: context,
            reconciling: reconciling)
        return first.receipt
    }

    struct Found {
        var receipt: OutboundReceipt
        var topicID: Int64
    }

    /// The topic with `external_id`, and its first post; `nil` when there is none.
    private func find(_ externalID: String, base: String, headers: [String: String]) async throws -> Found? {
        // Discourse answers with a redirect to the topic's JSON, which the client follows.
        let response = try await http.send(
            .init(url: try DiscourseReplier.url(base, "/t/external_id/\(externalID).json"), headers: headers))
        if response.status == 404 { return nil }
        let topic = try DiscourseReplier.checkedJSON(response)
        guard let topicID = topic["id"]?.int,
            let firstPost = topic["post_stream"]?["posts"]?.array?.first(where: { $0["post_number"]?.int == 1 }),
            let postID = firstPost["id"]?.int
        else {
            throw ConnectorError.undecodable(platform: "Discourse", what: "the topic has no first post")
        }
        return Found(
            receipt: OutboundReceipt(
                externalID: String(postID), url: DiscourseReplier.link(firstPost, base: base, topicID: topicID)),
            topicID: topicID)
    }

    /// Uploads one file and returns its Markdown.
    private func upload(_ media: OutboundMedia, base: String, headers: [String: String]) async throws -> String {
        var form = MultipartForm()
        form.field("type", "composer")
        form.field("synchronous", "true")
        form.file("file", filename: media.filename, mimeType: media.mimeType, data: media.data)
        var withType = headers
        withType["Content-Type"] = form.contentType
        let response = try await http.send(
            ConnectorHTTPRequest(
                method: .post, url: try DiscourseReplier.url(base, "/uploads.json"), headers: withType,
                body: form.finished(), timeout: .seconds(120)))
        guard response.isSuccess else {
            if response.status == 422, let detail = ConnectorError.platformMessage(response.body) {
                throw ConnectorError(
                    .rejected,
                    "Discourse refused the attachment “\(ConnectorError.sanitize(media.filename, limit: 80))”: \(detail)",
                    statusCode: 422)
            }
            throw ConnectorError.from(
                status: response.status, body: response.body, platform: "Discourse", headers: response.headers)
        }
        let json = try response.json(platform: "Discourse")
        guard let reference = json.text("short_url") ?? json.text("url") else {
            throw ConnectorError.undecodable(platform: "Discourse", what: "the upload has no address")
        }
        let label = Self.markdownLabel(media.altText ?? media.filename)
        return media.mimeType.lowercased().hasPrefix("image/")
            ? "![\(label)](\(reference))" : "[\(label)|attachment](\(reference))"
    }

    /// Brackets and line breaks would end a Markdown label.
    static func markdownLabel(_ text: String) -> String {
        let cleaned = ConnectorError.sanitize(text.replacingOccurrences(of: "|", with: " "), limit: 200)
        return cleaned.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    /// Discourse's `external_id` takes at most 50 letters, digits, `-` and `_`: the key itself when it fits
    /// (a UUID does), else `foyer-` and 40 hex digits of its SHA-256.
    static func externalID(for key: String) -> String {
        let safe = key.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
        }
        if safe && !key.isEmpty && key.utf8.count <= 50 { return key }
        return "foyer-" + SHA256.hash(data: Data(key.utf8)).prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    /// The `category` setting: a category id.
    static func category(_ context: ChannelContext) throws -> Int64? {
        guard let setting = context.setting("category") else { return nil }
        guard let id = Int64(setting.trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw ConnectorError(
                .configuration,
                "The channel’s category setting must be a Discourse category id (a number, shown in the category’s address); fix it in Settings › Channels."
            )
        }
        return id
    }

    /// Discourse's answer to a refused topic, with its own message for a validation error (422).
    static func refusal(_ response: ConnectorHTTPResponse) -> ConnectorError {
        if response.status == 422, let detail = ConnectorError.platformMessage(response.body) {
            return ConnectorError(.rejected, "Discourse refused the topic: \(detail)", statusCode: 422)
        }
        return ConnectorError.from(
            status: response.status, body: response.body, platform: "Discourse", headers: response.headers)
    }
}
