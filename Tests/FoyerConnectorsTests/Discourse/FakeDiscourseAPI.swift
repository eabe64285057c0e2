import Foundation
import FoyerConnectors
import FoyerCore

/// A loopback Discourse API: `POST /posts.json`, `GET /t/{id}.json`, `GET /t/{id}/posts.json?post_ids[]=`,
/// `GET /posts/{id}.json`, with `Api-Key`/`Api-Username` checks, 422 validation errors and 429 with
/// `extras.wait_seconds`, shaped like Discourse's answers.
final class FakeDiscourseAPI: @unchecked Sendable {
    struct Post {
        var id: Int
        var topicID: Int
        var number: Int
        var username: String
        var raw: String
    }

    let apiKey = "discourse-key"
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
            case ("POST", 1) where parts[0] == "posts.json": return create(request, username: username)
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
            let topicID = object["topic_id"] as? Int, let raw = object["raw"] as? String
        else {
            return .json(
                ["errors": ["param is missing or the value is empty: raw"], "error_type": "invalid_parameters"],
                status: 400)
        }
        if !validationErrors.isEmpty {
            return .json(["action": "create_post", "errors": [validationErrors.removeFirst()]], status: 422)
        }
        guard posts.contains(where: { $0.topicID == topicID }) else { return notFound() }
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
