import Foundation
import FoyerConnectors
import FoyerCore

/// A loopback Slack Web API: `chat.postMessage`, `conversations.history` and `conversations.replies`, with
/// bearer-token checks,
/// `ok:false` errors (HTTP 200) and 429 + `Retry-After`, the way Slack documents them.
final class FakeSlackAPI: @unchecked Sendable {
    struct Message {
        var channel: String
        var ts: String
        var threadTS: String?
        var text: String
        var user: String
        var metadata: [String: Any]?
        /// Names of the files the message shares.
        var files: [String] = []
    }

    /// A file between `files.getUploadURLExternal` and `files.completeUploadExternal`.
    struct Upload {
        var name: String
        var length: Int
        var altText: String?
        var bytes: Data?
    }

    let token: String
    private let lock = NSLock()
    private var messages: [Message] = []
    private var channels: Set<String>
    private var notJoined: Set<String> = []
    private var scriptedErrors: [String] = []
    private var rateLimits: [Int] = []
    private var losesNextAnswer = false
    private var clock = 1_700_000_500
    private var uploads: [String: Upload] = [:]
    /// The fake's own address, for the upload URLs it gives (set once the server listens).
    var baseURL = ""

    init(token: String = "xoxb-test", channels: Set<String> = ["C0GENERAL"]) {
        self.token = token
        self.channels = channels
    }

    /// The next `chat.postMessage` answers `{"ok":false,"error":<code>}`.
    func failNext(with code: String) { lock.withLock { scriptedErrors.append(code) } }
    /// The next call answers 429 with `Retry-After: <seconds>`.
    func rateLimitNext(retryAfter seconds: Int) { lock.withLock { rateLimits.append(seconds) } }
    /// The next `chat.postMessage` is processed, but answered 503 instead of its result: an answer lost on the way.
    func loseNextPostAnswer() { lock.withLock { losesNextAnswer = true } }
    func leave(_ channel: String) { _ = lock.withLock { notJoined.insert(channel) } }
    /// A message already in the channel (the root of a thread, someone's reply).
    func seed(channel: String, ts: String, threadTS: String? = nil, text: String, user: String) {
        lock.withLock { messages.append(Message(channel: channel, ts: ts, threadTS: threadTS, text: text, user: user)) }
    }
    var posted: [Message] { lock.withLock { messages.filter { $0.user == "UBOT0001" } } }
    /// Files uploaded, shared or not, by id.
    var uploaded: [String: Upload] { lock.withLock { uploads } }

    func handle(_ request: RecordedRequest) -> FakeReply {
        lock.withLock {
            if !rateLimits.isEmpty {
                let seconds = rateLimits.removeFirst()
                return .json(
                    #"{"ok":false,"error":"ratelimited"}"#, status: 429, headers: ["Retry-After": String(seconds)])
            }
            // Upload URLs carry their own authority, as Slack's do.
            if request.path.hasPrefix("/upload/") { return receiveUpload(request) }
            guard request.headers["authorization"] == "Bearer \(token)" else { return error("invalid_auth") }
            let reply: FakeReply
            switch request.path {
            case "/api/chat.postMessage": reply = postMessage(request)
            case "/api/conversations.replies": reply = replies(request)
            case "/api/conversations.history": reply = history(request)
            case "/api/chat.delete": reply = delete(request)
            case "/api/files.getUploadURLExternal": reply = uploadURL(request)
            case "/api/files.completeUploadExternal": reply = completeUpload(request)
            default: reply = FakeReply(status: 404, body: Data("Not Found".utf8))
            }
            if losesNextAnswer && request.path == "/api/chat.postMessage" {
                losesNextAnswer = false
                return FakeReply(status: 503, body: Data("upstream connect error".utf8))
            }
            return reply
        }
    }

    private func error(_ code: String, extra: [String: Any] = [:]) -> FakeReply {
        var body: [String: Any] = ["ok": false, "error": code]
        body.merge(extra) { $1 }
        return .json(body)
    }

    private func postMessage(_ request: RecordedRequest) -> FakeReply {
        guard request.method == "POST", request.headers["content-type"]?.hasPrefix("application/json") == true,
            let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
        else { return error("invalid_json") }
        if !scriptedErrors.isEmpty { return error(scriptedErrors.removeFirst()) }
        guard let channel = object["channel"] as? String, channels.contains(channel) else {
            return error("channel_not_found")
        }
        guard !notJoined.contains(channel) else { return error("not_in_channel") }
        guard let text = object["text"] as? String, !text.isEmpty else { return error("no_text") }
        guard text.count <= 40_000 else { return error("msg_too_long") }
        let threadTS = object["thread_ts"] as? String
        if let threadTS, !messages.contains(where: { $0.channel == channel && $0.ts == threadTS }) {
            return error("thread_not_found")
        }
        clock += 1
        let ts = "\(clock).000100"
        let message = Message(
            channel: channel, ts: ts, threadTS: threadTS, text: text, user: "UBOT0001",
            metadata: object["metadata"] as? [String: Any])
        messages.append(message)
        return .json([
            "ok": true, "channel": channel, "ts": ts,
            "message": ["type": "message", "text": text, "user": "UBOT0001", "ts": ts, "bot_id": "B0FOYER"],
        ])
    }

    /// `files.getUploadURLExternal`: form-encoded `filename` and `length`.
    private func uploadURL(_ request: RecordedRequest) -> FakeReply {
        guard request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return error("invalid_form_data")
        }
        var form: [String: String] = [:]
        for item in URLComponents(string: "?" + String(decoding: request.body, as: UTF8.self))?.queryItems ?? [] {
            form[item.name] = item.value
        }
        guard let name = form["filename"], let length = Int(form["length"] ?? ""), length > 0 else {
            return error("invalid_arguments")
        }
        let id = "F\(uploads.count + 1)"
        uploads[id] = Upload(name: name, length: length, altText: form["alt_txt"])
        return .json(["ok": true, "file_id": id, "upload_url": "\(baseURL)/upload/\(id)"])
    }

    private func receiveUpload(_ request: RecordedRequest) -> FakeReply {
        let id = String(request.path.dropFirst("/upload/".count))
        guard var upload = uploads[id], request.body.count == upload.length else {
            return FakeReply(status: 400, body: Data("bad upload".utf8))
        }
        upload.bytes = request.body
        uploads[id] = upload
        return FakeReply(status: 200, body: Data("OK - \(request.body.count)".utf8))
    }

    /// `files.completeUploadExternal`: shares uploaded files as one message, in a thread when `thread_ts` is given.
    private func completeUpload(_ request: RecordedRequest) -> FakeReply {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
            let files = object["files"] as? [[String: Any]], !files.isEmpty
        else { return error("invalid_arguments") }
        guard let channel = object["channel_id"] as? String, channels.contains(channel) else {
            return error("channel_not_found")
        }
        let threadTS = object["thread_ts"] as? String
        if let threadTS, !messages.contains(where: { $0.channel == channel && $0.ts == threadTS }) {
            return error("thread_not_found")
        }
        var names: [String] = []
        for file in files {
            guard let id = file["id"] as? String, let upload = uploads[id], upload.bytes != nil else {
                return error("file_not_found")
            }
            names.append(upload.name)
        }
        clock += 1
        messages.append(
            Message(channel: channel, ts: "\(clock).000100", threadTS: threadTS, text: "", user: "UBOT0001", files: names))
        return .json(["ok": true, "files": files.map { ["id": $0["id"] ?? ""] }])
    }

    /// A bot token deletes only the app's own messages.
    private func delete(_ request: RecordedRequest) -> FakeReply {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
            let channel = object["channel"] as? String, let ts = object["ts"] as? String
        else { return error("invalid_arguments") }
        guard channels.contains(channel) else { return error("channel_not_found") }
        guard let index = messages.firstIndex(where: { $0.channel == channel && $0.ts == ts }) else {
            return error("message_not_found")
        }
        guard messages[index].user == "UBOT0001" else { return error("cant_delete_message") }
        messages.remove(at: index)
        return .json(["ok": true, "channel": channel, "ts": ts])
    }

    var all: [Message] { lock.withLock { messages } }

    /// The channel's top-level messages, newest first.
    private func history(_ request: RecordedRequest) -> FakeReply {
        let query = request.query
        guard let channel = query["channel"], channels.contains(channel) else { return error("channel_not_found") }
        let topLevel = messages.filter { $0.channel == channel && ($0.threadTS == nil || $0.threadTS == $0.ts) }
        return page(Array(topLevel.reversed()), query: query)
    }

    private func page(_ list: [Message], query: [String: String]) -> FakeReply {
        let withMetadata = query["include_all_metadata"] == "true"
        let limit = Int(query["limit"] ?? "") ?? 1000
        let offset = Int(query["cursor"] ?? "") ?? 0
        let page = list.dropFirst(offset).prefix(limit)
        let rendered: [[String: Any]] = page.map { message in
            var object: [String: Any] = [
                "type": "message", "ts": message.ts, "text": message.text, "user": message.user,
            ]
            if let threadTS = message.threadTS { object["thread_ts"] = threadTS }
            if withMetadata, let metadata = message.metadata { object["metadata"] = metadata }
            if !message.files.isEmpty { object["files"] = message.files.map { ["name": $0] } }
            return object
        }
        let next = offset + page.count < list.count ? String(offset + page.count) : ""
        return .json([
            "ok": true, "messages": rendered, "has_more": !next.isEmpty, "response_metadata": ["next_cursor": next],
        ])
    }

    private func replies(_ request: RecordedRequest) -> FakeReply {
        let query = request.query
        guard let channel = query["channel"], channels.contains(channel) else { return error("channel_not_found") }
        guard let root = query["ts"], messages.contains(where: { $0.channel == channel && $0.ts == root }) else {
            return error("thread_not_found")
        }
        let thread = messages.filter { $0.channel == channel && ($0.ts == root || $0.threadTS == root) }
        return page(thread, query: query)
    }
}
