import Foundation
import Testing

@Suite("Crawl policy")
struct CrawlPolicyTests {
    let policy = CrawlPolicy(origin: URL(string: "http://127.0.0.1:8080")!)

    @Test func target_ofSameOriginRelativeLink_isAbsoluteWithoutFragment() {
        let url = policy.target(of: .init(href: "/w/1/inbox?status=open#top"))
        #expect(url?.absoluteString == "http://127.0.0.1:8080/w/1/inbox?status=open")
    }

    @Test(arguments: [
        "/sign-out", "/static/app.css", "/api/v1/workspaces", "http://example.com/w/1", "http://127.0.0.1:9999/w/1",
        "mailto:someone@example.com", "javascript:alert(1)", "/health", "/metrics",
    ])
    func target_ofLinkOutsideTheCrawl_isNil(href: String) {
        #expect(policy.target(of: .init(href: href)) == nil)
    }

    @Test func target_ofNofollowLink_isNil() {
        #expect(policy.target(of: .init(href: "/w/1/inbox", rel: "noopener NoFollow")) == nil)
    }

    @Test func shape_replacesNumericSegmentsAndKeepsQueryNames() {
        let url = URL(string: "http://127.0.0.1:8080/w/12/inbox/345?status=open&q=x")!
        #expect(CrawlPolicy.shape(of: url) == "/w/:id/inbox/:id?q&status")
    }

    @Test func frontier_opensEachUrlOnceAndEachShapeAtMostPerShapeTimes() {
        var frontier = CrawlFrontier(policy: CrawlPolicy(origin: policy.origin, maximumPages: 150, perShape: 2))
        frontier.add((1...5).map { .init(href: "/w/1/inbox/\($0)") } + [.init(href: "/w/1/inbox/1")])
        frontier.add([.init(href: "/w/1/members")])
        var opened: [String] = []
        while let url = frontier.next() { opened.append(url.path) }
        #expect(opened == ["/w/1/inbox/1", "/w/1/inbox/2", "/w/1/members"])
        #expect(frontier.deferred.map(\.path) == ["/w/1/inbox/3", "/w/1/inbox/4", "/w/1/inbox/5"])
    }

    @Test func frontier_stopsAtTheBudget() {
        var frontier = CrawlFrontier(policy: CrawlPolicy(origin: policy.origin, maximumPages: 2, perShape: 10))
        frontier.add((1...5).map { .init(href: "/w/\($0)") })
        var count = 0
        while frontier.next() != nil { count += 1 }
        #expect(count == 2)
    }
}
