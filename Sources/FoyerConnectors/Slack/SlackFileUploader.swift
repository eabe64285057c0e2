import Foundation
import FoyerCore

/// Shares a post's files in Slack with the external upload flow (`files.upload` is retired):
/// `files.getUploadURLExternal` for each file (its name and length), the bytes sent to the upload URL it
/// gives, then one `files.completeUploadExternal` that shares them all in the post's thread.
///
/// Slack gives a file share no idempotency key and no metadata, so a share is recognised by its files'
/// names: ``isShared(_:inThreadOf:channel:context:)`` looks for a reply of the thread carrying every one of
/// them, and reconciliation uploads nothing when it finds one.
struct SlackFileUploader: Sendable {
    let http: ConnectorHTTPClient
    let replier: SlackReplier

    /// Uploads `media` and shares it in the thread of the message `threadTS`, with the alt texts.
    func share(_ media: [OutboundMedia], inThreadOf threadTS: String, channel: String, context: ChannelContext) async throws {
        guard !media.isEmpty else { return }
        let token = try SlackReplier.token(context)
        var files: [[String: String]] = []
        for file in media {
            var form = URLComponents()
            form.queryItems = [
                URLQueryItem(name: "filename", value: file.filename), URLQueryItem(name: "length", value: String(file.data.count)),
            ]
            if let alt = file.altText, !alt.isEmpty { form.queryItems?.append(URLQueryItem(name: "alt_txt", value: alt)) }
            let ticket = try SlackReplier.checkedJSON(
                try await http.send(
                    ConnectorHTTPRequest(
                        method: .post, url: try SlackReplier.endpoint("files.getUploadURLExternal", context),
                        headers: [
                            "Authorization": "Bearer \(token)", "Content-Type": "application/x-www-form-urlencoded",
                            "Accept": "application/json",
                        ], body: Data((form.percentEncodedQuery ?? "").utf8))))
            guard let id = ticket.text("file_id"), let raw = ticket.text("upload_url") else {
                throw ConnectorError.undecodable(platform: "Slack", what: "files.getUploadURLExternal returned no upload URL")
            }
            let uploaded = try await http.send(
                ConnectorHTTPRequest(
                    method: .post, url: try Self.uploadURL(raw, context: context),
                    headers: ["Content-Type": "application/octet-stream"], body: file.data, timeout: .seconds(120)))
            guard uploaded.isSuccess else {
                throw ConnectorError.from(
                    status: uploaded.status, body: uploaded.body, platform: "Slack", headers: uploaded.headers)
            }
            files.append(["id": id, "title": file.filename])
        }
        struct Completion: Encodable {
            let files: [[String: String]]
            let channel_id: String
            let thread_ts: String
        }
        _ = try SlackReplier.checkedJSON(
            try await http.send(
                try .json(
                    .post, url: try SlackReplier.endpoint("files.completeUploadExternal", context),
                    body: Completion(files: files, channel_id: channel, thread_ts: threadTS),
                    headers: ["Authorization": "Bearer \(token)"])))
    }

    /// Whether a reply in the thread of `threadTS` already carries files with every one of these names.
    func isShared(_ media: [OutboundMedia], inThreadOf threadTS: String, channel: String, context: ChannelContext)
        async throws -> Bool
    {
        guard !media.isEmpty else { return true }
        let names = Set(media.map(\.filename))
        let query = [URLQueryItem(name: "channel", value: channel), URLQueryItem(name: "ts", value: threadTS)]
        let found = try await replier.scan(
            "conversations.replies", query: query, pages: SlackPublisher.historyPages, context: context,
            found: { messages -> Bool? in
                messages.contains { message in
                    let shared = Set((message["files"]?.array ?? []).compactMap { $0.text("name") })
                    return message.text("ts") != threadTS && names.isSubset(of: shared)
                } ? true : nil
            })
        return found ?? false
    }

    /// The upload address Slack gave: https, or on the API's own host (a self-hosted test server).
    static func uploadURL(_ raw: String, context: ChannelContext) throws -> URL {
        let api = try SlackReplier.endpoint("files.getUploadURLExternal", context)
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), url.host != nil,
            scheme == "https" || (scheme == api.scheme?.lowercased() && url.host == api.host)
        else {
            throw ConnectorError.undecodable(platform: "Slack", what: "files.getUploadURLExternal returned an unusable upload URL")
        }
        return url
    }
}
