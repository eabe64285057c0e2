import Foundation

/// Which links the browser test follows, and how many pages of each kind it opens.
///
/// It follows same-origin `GET` links only, never sign-out, never `rel=nofollow` links, nothing under
/// `/static/` or `/api/`, and opens at most `perShape` pages of each *shape* (the path with its numeric
/// segments replaced by `:id`, plus the names of its query parameters), within `maximumPages`: so a few
/// conversations are opened, but every kind of page is.
struct CrawlPolicy: Sendable {
    let origin: URL
    var maximumPages = 150
    var perShape = 3

    /// A link as the page shows it.
    struct Link: Sendable, Equatable {
        var href: String
        var rel: String = ""
    }

    /// The URL to open for `link` (absolute, without its fragment), or `nil` when the crawl skips it.
    func target(of link: Link) -> URL? {
        let rels = link.rel.lowercased().split(whereSeparator: \.isWhitespace)
        guard !rels.contains("nofollow"), !rels.contains("external") else { return nil }
        guard var components = URLComponents(string: link.href, encodingInvalidCharacters: false) else { return nil }
        components.fragment = nil
        guard let url = components.url(relativeTo: origin)?.absoluteURL,
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.lowercased() == origin.host?.lowercased(), url.port == origin.port
        else { return nil }
        let path = url.path.isEmpty ? "/" : url.path
        if path.hasPrefix("/static/") || path.hasPrefix("/api/") || path == "/health" || path == "/metrics" {
            return nil
        }
        if Self.isSignOut(path) { return nil }
        return url
    }

    /// The kind of page a URL leads to: `/w/:id/inbox/:id?status`.
    static func shape(of url: URL) -> String {
        let segments = url.path.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            segment.allSatisfy(\.isNumber) ? ":id" : String(segment)
        }
        let names = (URLComponents(url: url, resolvingAgainstBaseURL: true)?.queryItems ?? []).map(\.name).sorted()
        let query = names.isEmpty ? "" : "?" + Array(Set(names)).sorted().joined(separator: "&")
        return "/" + segments.joined(separator: "/") + query
    }

    static func isSignOut(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix("/sign-out") || lowered.hasSuffix("/logout") || lowered.hasSuffix("/signout")
    }
}

/// The crawl's to-do list: breadth first, each URL once, each shape at most ``CrawlPolicy/perShape`` times.
struct CrawlFrontier: Sendable {
    let policy: CrawlPolicy
    private(set) var queue: [URL] = []
    private(set) var seen: Set<String> = []
    private(set) var shapes: [String: Int] = [:]
    /// Links found but not opened because their shape was already opened enough, or the budget ran out.
    private(set) var deferred: [URL] = []
    private(set) var opened = 0

    init(policy: CrawlPolicy) { self.policy = policy }

    /// Adds the links of a page; returns how many were queued.
    @discardableResult
    mutating func add(_ links: [CrawlPolicy.Link]) -> Int {
        var added = 0
        for link in links {
            guard let url = policy.target(of: link), seen.insert(url.absoluteString).inserted else { continue }
            let shape = CrawlPolicy.shape(of: url)
            if shapes[shape, default: 0] < policy.perShape {
                shapes[shape, default: 0] += 1
                queue.append(url)
                added += 1
            } else {
                deferred.append(url)
            }
        }
        return added
    }

    /// The next page to open, `nil` when done or when the budget is spent.
    mutating func next() -> URL? {
        guard opened < policy.maximumPages, !queue.isEmpty else { return nil }
        opened += 1
        return queue.removeFirst()
    }
}
