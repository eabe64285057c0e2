import Foundation
import FoyerConnectors
import FoyerCore

/// A loopback Discourse API: `POST /posts.json` (replies, and new topics with `title`, `category` and a unique
/// `external_id`), `GET /t/{id}.json`, `GET /t/external_id/{id}.json` (a redirect to the topic),
/// `GET /t/{id}/posts.json?post_ids[]=`, `GET /posts/{id}.json`, `POST /uploads.json`, and the moderation calls
/// `DELETE /posts/{id}.json`, `PUT /t/{id}/status.json`, `PUT /admin/users/{id}/suspend.json`,
/// `GET /u/{username}.json`, with `Api-Key`/`Api-Username` checks, 422 validation errors and 429 with
/// `extras.wait_seconds`, shaped like Discourse's answers.
final class FakeDiscourseAPI: @unchecked Sendable {
    struct Post {
        var id: Int
        var topicID: Int
        var number: Int
        var username: String
        var raw: String
    }

    struct Topic {
        var id: Int
        var title: String
        var category: Int?
        var externalID: String?
    }

    let apiKey = "discourse-key"
    private var topics: [Topic] = []
    private var nextTopicID = 700
    private var losesNextPostAnswer = false
    private(set) var uploads: [String] = []
    /// Unlisted topics.
    private(set) var unlisted: Set<Int> = []
    /// Suspended user ids, with the `suspend_until` and `reason` given.
    private(set) var suspensions: [Int: (until: String, reason: String)] = [:]
    /// The API key belongs to a user who is not staff: moderation calls get 403.
    var isStaff = true
    let users = ["eve": 31, "community-team": 2]
    private let lock = NSLock()
    private var posts: [Post] = []
    private var nextID = 5000
    private var waits: [(seconds: Int, header: Bool)] = []
    private var validationErrors: [String] = []

    func seed(topic: Int, username: String, raw: String) -> Post {
        lock.withLock {
            nextID += 1
            let number = (posts.filter { $0.topicID == topic }.map(\.number).max() ?? 0) + 1
            let post = Post(id: nextID, topicID: topic, number: number, username: username, raw: raw)
            posts.append(post)
            return post
        }
    }

    /// The next call answers 429 with `extras.wait_seconds`, and a `Retry-After` header when `header`.
    func rateLimitNext(waitSeconds: Int, header: Bool = true) { lock.withLock { waits.append((waitSeconds, header)) } }
    func refuseNext(with message: String) { lock.withLock { validationErrors.append(message) } }
    func posts(in topic: Int) -> [Post] { lock.withLock { posts.filter { $0.topicID == topic } } }
    var allTopics: [Topic] { lock.withLock { topics } }
    /// The next `POST /posts.json` is processed, but answered 502 instead of its result.
    func loseNextPostAnswer() { lock.withLock { losesNextPostAnswer = true } }

    func handle(_ request: RecordedRequest) -> FakeReply {
        lock.withLock {
            if !waits.isEmpty {
                let (wait, header) = waits.removeFirst()
                return .json(
                    [
                        "errors": [
                            "You’ve performed this action too many times. Please wait \(wait) seconds before trying again."
                        ],
                        "error_type": "rate_limit", "extras": ["wait_seconds": wait],
                    ],
                    status: 429, headers: header ? ["Retry-After": String(wait)] : [:])
            }
            guard request.headers["api-key"] == apiKey, let username = request.headers["api-username"],
                !username.isEmpty
            else {
                return .json(
                    [
                        "errors": [
                            "You are not permitted to view the requested resource. The API username or key is invalid."
                        ],
                        "error_type": "invalid_access",
                    ], status: 403)
            }
            let parts = request.path.split(separator: "/").map(String.init)
            switch (request.method, parts.count) {
            case ("POST", 1) where parts[0] == "posts.json":
                let reply = create(request, username: username)
                if losesNextPostAnswer {
                    losesNextPostAnswer = false
                    return FakeReply(status: 502, body: Data("<html>Bad gateway</html>".utf8))
                }
                return reply
            case ("POST", 1) where parts[0] == "uploads.json": return upload(request)
            case ("DELETE", 2) where parts[0] == "posts", ("PUT", 3) where parts[0] == "t" && parts[2] == "status.json",
                ("PUT", 4) where parts[0] == "admin" && parts[3] == "suspend.json":
                guard isStaff else {
                    return .json(
                        ["errors": ["You are not permitted to view the requested resource."], "error_type": "invalid_access"],
                        status: 403)
                }
                return moderate(request, parts: parts)
            case ("GET", 2) where parts[0] == "u":
                let name = parts[1].replacingOccurrences(of: ".json", with: "")
                guard let id = users[name] else { return notFound() }
                return .json(["user": ["id": id, "username": name]])
            case ("GET", 3) where parts[0] == "t" && parts[1] == "external_id":
                let externalID = parts[2].replacingOccurrences(of: ".json", with: "")
                guard let topic = topics.first(where: { $0.externalID == externalID }) else { return notFound() }
                return FakeReply(status: 301, headers: ["Location": "/t/\(topic.id).json"])
            case ("GET", 2) where parts[0] == "t":
                return topic(Int(parts[1].replacingOccurrences(of: ".json", with: "")))
            case ("GET", 3) where parts[0] == "t" && parts[2] == "posts.json":
                return topicPosts(Int(parts[1]), request: request)
            case ("GET", 2) where parts[0] == "posts":
                return post(Int(parts[1].replacingOccurrences(of: ".json", with: "")))
            default: return notFound()
            }
        }
    }

    private func notFound() -> FakeReply {
        .json(
            ["errors": ["The requested URL or resource could not be found."], "error_type": "not_found"], status: 404)
    }

    private func render(_ post: Post, withRaw: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "id": post.id, "topic_id": post.topicID, "post_number": post.number, "username": post.username,
            "cooked": "<p>\(post.raw)</p>", "topic_slug": "topic-\(post.topicID)",
            "created_at": "2026-11-20T09:15:42.123Z",
        ]
        if withRaw { object["raw"] = post.raw }
        return object
    }

    private func create(_ request: RecordedRequest, username: String) -> FakeReply {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
            let raw = object["raw"] as? String, object["topic_id"] is Int || object["title"] is String
        else {
            return .json(
                ["errors": ["param is missing or the value is empty: raw"], "error_type": "invalid_parameters"],
                status: 400)
        }
        if !validationErrors.isEmpty {
            return .json(["action": "create_post", "errors": [validationErrors.removeFirst()]], status: 422)
        }
        let topicID: Int
        if let title = object["title"] as? String {
            let externalID = object["external_id"] as? String
            if let externalID, topics.contains(where: { $0.externalID == externalID }) {
                return .json(["action": "create_post", "errors": ["External has already been taken"]], status: 422)
            }
            nextTopicID += 1
            topicID = nextTopicID
            topics.append(
                Topic(id: topicID, title: title, category: object["category"] as? Int, externalID: externalID))
        } else {
            topicID = object["topic_id"] as? Int ?? 0
        }
        guard posts.contains(where: { $0.topicID == topicID }) || object["title"] != nil else { return notFound() }
        if let replyTo = object["reply_to_post_number"] as? Int,
            !posts.contains(where: { $0.topicID == topicID && $0.number == replyTo })
        {
            return .json(["action": "create_post", "errors": ["Reply to post number is invalid"]], status: 422)
        }
        nextID += 1
        let number = (posts.filter { $0.topicID == topicID }.map(\.number).max() ?? 0) + 1
        let post = Post(id: nextID, topicID: topicID, number: number, username: username, raw: raw)
        posts.append(post)
        return .json(render(post, withRaw: true))
    }

    private func moderate(_ request: RecordedRequest, parts: [String]) -> FakeReply {
        switch parts[0] {
        case "posts":
            let id = Int(parts[1].replacingOccurrences(of: ".json", with: ""))
            guard let index = posts.firstIndex(where: { $0.id == id }) else { return notFound() }
            let post = posts.remove(at: index)
            if post.number == 1 { posts.removeAll { $0.topicID == post.topicID } }
            return FakeReply(status: 200)
        case "t":
            guard let id = Int(parts[1]), posts.contains(where: { $0.topicID == id }) else { return notFound() }
            let form = String(decoding: request.body, as: UTF8.self)
            guard form.contains("status=visible"), form.contains("enabled=false") else {
                return .json(["errors": ["status is invalid"]], status: 400)
            }
            unlisted.insert(id)
            return .json(["success": "OK", "topic_status_update": NSNull()])
        default:
            guard let id = Int(parts[2]), users.values.contains(id),
                let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                let until = object["suspend_until"] as? String, let reason = object["reason"] as? String,
                !reason.isEmpty
            else { return .json(["errors": ["You must provide a reason for suspension."]], status: 400) }
            suspensions[id] = (until, reason)
            return .json(["suspension": ["suspend_reason": reason, "suspended_till": until]])
        }
    }

    private func upload(_ request: RecordedRequest) -> FakeReply {
        let body = String(decoding: request.body, as: UTF8.self)
        guard request.headers["content-type"]?.hasPrefix("multipart/form-data") == true,
            body.contains("name=\"type\"\r\n\r\ncomposer"), let start = body.range(of: "filename=\""),
            let end = body[start.upperBound...].firstIndex(of: "\"")
        else { return .json(["errors": ["You must provide a file to upload."]], status: 422) }
        let filename = String(body[start.upperBound..<end])
        uploads.append(filename)
        let short = "upload://\(uploads.count)abc.\(filename.split(separator: ".").last ?? "bin")"
        return .json([
            "id": uploads.count, "original_filename": filename, "short_url": short,
            "url": "/uploads/default/original/1X/\(uploads.count).png",
        ])
    }

    private func topic(_ id: Int?) -> FakeReply {
        let inTopic = posts.filter { $0.topicID == id }
        guard let id, !inTopic.isEmpty else { return notFound() }
        return .json([
            "id": id, "title": "Topic \(id)", "slug": "topic-\(id)",
            "post_stream": [
                "posts": inTopic.prefix(20).map { render($0, withRaw: false) }, "stream": inTopic.map(\.id),
            ],
        ])
    }

    private func topicPosts(_ id: Int?, request: RecordedRequest) -> FakeReply {
        guard let id else { return notFound() }
        let wanted = Set(
            (URLComponents(string: request.uri)?.queryItems ?? []).filter { $0.name == "post_ids[]" }.compactMap {
                $0.value.flatMap(Int.init)
            })
        let selected = posts.filter { $0.topicID == id && wanted.contains($0.id) }
        return .json(["id": id, "post_stream": ["posts": selected.map { render($0, withRaw: false) }]])
    }

    private func post(_ id: Int?) -> FakeReply {
        guard let post = posts.first(where: { $0.id == id }) else { return notFound() }
        return .json(render(post, withRaw: true))
    }
}
