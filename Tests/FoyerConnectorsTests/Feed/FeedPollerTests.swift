import Foundation
import FoyerCore
import FoyerTestServers
import Testing

@testable import FoyerConnectors

/// The feed connector against ``FeedServer``, a loopback server with scripted bodies and validators.
@Suite struct FeedPollerTests {
    let connector = FeedConnector(http: TestHTTP.connectorClient(platform: "Feed"))
    let now = Date()

    func context(_ url: URL, interval: Int? = nil) -> ChannelContext {
        var settings = ["url": url.absoluteString]
        if let interval { settings["intervalMinutes"] = String(interval) }
        return ChannelFixtures.context(.feed, settings: settings)
    }

    func poll(_ url: URL, cursor: String? = nil, interval: Int? = nil) async throws -> PollResult {
        let poller = try #require(connector.poller)
        return try await poller.poll(context(url, interval: interval), cursor: cursor, now: now)
    }

    static func rss(items: [(guid: String, title: String, date: String)], ttl: Int? = nil) -> String {
        let entries = items.map { item in
            """
            <item><title>\(item.title)</title><link>https://example.org/\(item.guid)</link><guid>\(item.guid)</guid>
            <pubDate>\(item.date)</pubDate><description>&lt;p&gt;About \(item.title)&lt;/p&gt;</description></item>
            """
        }.joined()
        let ttlElement = ttl.map { "<ttl>\($0)</ttl>" } ?? ""
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Example Blog</title><link>https://example.org/</link>\
            \(ttlElement)\(entries)</channel></rss>
            """
    }

    @Test func firstPoll_returnsEntriesOldestFirst_asPosts() async throws {
        try await FeedServer.run { server in
            let body = Self.rss(items: [
                ("b", "Second", "Wed, 02 Apr 2025 10:00:00 GMT"), ("a", "First", "Tue, 01 Apr 2025 10:00:00 GMT"),
            ])
            await server.setFeed(
                "/feed.xml", body: body, etag: "\"v1\"", lastModified: Date(timeIntervalSince1970: 1_743_500_000))

            let result = try await poll(server.url("/feed.xml"))

            #expect(result.items.map(\.externalID) == ["a", "b"])
            let first = try #require(result.items.first)
            #expect(first.threadID == "a")
            #expect(first.kind == .post)
            #expect(first.body == "First\n\nAbout First")
            #expect(first.subject == "First")
            #expect(first.url == "https://example.org/a")
            #expect(first.sentAt == Date(timeIntervalSince1970: 1_743_501_600))
            #expect(
                first.author
                    == InboundAuthor(
                        externalID: server.url("/feed.xml").absoluteString, handle: "Example Blog",
                        displayName: "Example Blog",
                        profileURL: "https://example.org/"))
            #expect(result.notBefore == now + 15 * 60)
            let cursor = FeedCursor(stored: result.cursor)
            #expect(cursor.etag == "\"v1\"")
            #expect(cursor.lastModified == FeedServer.httpDate(Date(timeIntervalSince1970: 1_743_500_000)))
            #expect(Set(cursor.seen) == ["a", "b"])
        }
    }

    @Test func unchangedFeed_isAConditional304WithNoItems() async throws {
        try await FeedServer.run { server in
            let modified = Date(timeIntervalSince1970: 1_743_500_000)
            await server.setFeed(
                "/feed.xml", body: Self.rss(items: [("a", "A", "Tue, 01 Apr 2025 10:00:00 GMT")]), etag: "W/\"v1\"",
                lastModified: modified)
            let first = try await poll(server.url("/feed.xml"))

            let second = try await poll(server.url("/feed.xml"), cursor: first.cursor)

            #expect(second.items.isEmpty)
            #expect(second.cursor == nil)
            let request = try #require(await server.requests("/feed.xml").last)
            #expect(request.status == 304)
            #expect(request.headers["if-none-match"] == "W/\"v1\"")
            #expect(request.headers["if-modified-since"] == FeedServer.httpDate(modified))
        }
    }

    @Test func lastModifiedAlone_isEnoughFor304() async throws {
        try await FeedServer.run { server in
            await server.setFeed(
                "/feed.xml", body: Self.rss(items: [("a", "A", "Tue, 01 Apr 2025 10:00:00 GMT")]),
                lastModified: Date(timeIntervalSince1970: 1_743_500_000))
            let first = try await poll(server.url("/feed.xml"))
            let second = try await poll(server.url("/feed.xml"), cursor: first.cursor)
            #expect(second.items.isEmpty)
            #expect(await server.requests("/feed.xml").last?.status == 304)
        }
    }

    @Test func changedFeed_returnsOnlyTheNewEntries() async throws {
        try await FeedServer.run { server in
            await server.setFeed(
                "/feed.xml", body: Self.rss(items: [("a", "A", "Tue, 01 Apr 2025 10:00:00 GMT")]), etag: "\"v1\"")
            let first = try await poll(server.url("/feed.xml"))
            await server.setFeed(
                "/feed.xml",
                body: Self.rss(items: [
                    ("c", "C", "Thu, 03 Apr 2025 10:00:00 GMT"), ("a", "A", "Tue, 01 Apr 2025 10:00:00 GMT"),
                ]),
                etag: "\"v2\"")

            let second = try await poll(server.url("/feed.xml"), cursor: first.cursor)

            #expect(second.items.map(\.externalID) == ["c"])
            #expect(FeedCursor(stored: second.cursor).etag == "\"v2\"")
            #expect(FeedCursor(stored: second.cursor).seen == ["c", "a"])
        }
    }

    @Test func ttl_postponesTheNextPoll_beyondTheInterval() async throws {
        try await FeedServer.run { server in
            await server.setFeed("/feed.xml", body: Self.rss(items: [], ttl: 120))
            let byTTL = try await poll(server.url("/feed.xml"))
            let byInterval = try await poll(server.url("/feed.xml"), interval: 180)
            #expect(byTTL.notBefore == now + 120 * 60)
            #expect(byInterval.notBefore == now + 180 * 60)
        }
    }

    @Test func jsonFeed_isReadByContentType() async throws {
        try await FeedServer.run { server in
            await server.setFeed("/feed.json", body: FeedParserTests.jsonFeed, contentType: "application/feed+json")
            let result = try await poll(server.url("/feed.json"))
            #expect(result.items.map(\.externalID) == ["2", "1"])  // the undated one counts as now
            let dated = try #require(result.items.first { $0.externalID == "2" })
            #expect(dated.author.handle == "Dana")
            #expect(dated.language == "es")
            #expect(dated.body == "Two\n\nSecond post")
            let undated = try #require(result.items.first { $0.externalID == "1" })
            #expect(undated.sentAt == now)  // "not a date"
            #expect(undated.author.handle == "Team")
            #expect(undated.language == "en")  // the feed's
            #expect(undated.body == "First, without title")
        }
    }

    // MARK: Errors

    @Test func tooManyRequests_carriesRetryAfter() async throws {
        try await FeedServer.run { server in
            await server.script("/feed.xml", .tooManyRequests(retryAfterSeconds: 7200))
            let before = Date()
            let error = try await #require(throws: ConnectorError.self) { try await poll(server.url("/feed.xml")) }
            let after = Date()
            #expect(error.kind == .rateLimited)
            // Retry-After counts from when the answer came, somewhere between before and after.
            let retryAfter = try #require(error.retryAfter)
            #expect(retryAfter >= before.addingTimeInterval(7200 - 1))
            #expect(retryAfter <= after.addingTimeInterval(7200 + 1))
        }
    }

    @Test func unavailable_waitsAtLeastTheInterval() async throws {
        try await FeedServer.run { server in
            await server.script("/feed.xml", .unavailable(retryAfterSeconds: 60))
            let error = try await #require(throws: ConnectorError.self) { try await poll(server.url("/feed.xml")) }
            #expect(error.kind == .unavailable)
            #expect(error.retryAfter == now + 15 * 60)
        }
    }

    @Test func gone_isNotFound() async throws {
        try await FeedServer.run { server in
            await server.script("/feed.xml", .gone)
            let error = try await #require(throws: ConnectorError.self) { try await poll(server.url("/feed.xml")) }
            #expect(error.kind == .notFound)
            #expect(error.message.contains("is gone"))
        }
    }

    @Test func permanentRedirect_isReportedWithTheNewAddress_temporaryOneIsFollowed() async throws {
        try await FeedServer.run { server in
            await server.setFeed("/new.xml", body: Self.rss(items: [("a", "A", "Tue, 01 Apr 2025 10:00:00 GMT")]))
            await server.script("/old.xml", .movedPermanently(to: "/new.xml"))
            let error = try await #require(throws: ConnectorError.self) { try await poll(server.url("/old.xml")) }
            #expect(error.kind == .configuration)
            #expect(error.message.contains("has moved permanently to \(server.url("/new.xml").absoluteString)"))

            await server.script("/temporary.xml", FeedServer.Reply(status: 302, headers: ["Location": "/new.xml"]))
            let result = try await poll(server.url("/temporary.xml"))
            #expect(result.items.map(\.externalID) == ["a"])
        }
    }

    @Test func malformedFeed_isAProtocolErrorNamingTheFeed() async throws {
        try await FeedServer.run { server in
            await server.script("/feed.xml", .ok("<rss><channel><item></channel>"))
            let error = try await #require(throws: ConnectorError.self) { try await poll(server.url("/feed.xml")) }
            #expect(error.kind == .protocolError)
            #expect(
                error.message.hasPrefix(
                    "The feed at \(server.url("/feed.xml").absoluteString) is not valid RSS, Atom or JSON Feed: the XML is malformed"
                ))
        }
    }

    @Test func oversizedFeed_isRefused() async throws {
        try await FeedServer.run { server in
            let huge =
                "<rss><channel><title>" + String(repeating: "x", count: 6 * 1024 * 1024) + "</title></channel></rss>"
            await server.script("/feed.xml", .ok(huge))
            let error = try await #require(throws: ConnectorError.self) { try await poll(server.url("/feed.xml")) }
            #expect(error.kind == .protocolError)
        }
    }

    @Test func loopback_isRefusedUnlessPrivateNetworksAreAllowed() async throws {
        try await FeedServer.run { server in
            await server.setFeed("/feed.xml", body: Self.rss(items: []))
            let strict = FeedConnector(http: TestHTTP.connectorClient(platform: "Feed").withPolicy(NetworkPolicy()))
            let poller = try #require(strict.poller)
            let error = try await #require(throws: ConnectorError.self) {
                try await poller.poll(context(server.url("/feed.xml")), cursor: nil, now: now)
            }
            #expect(error.kind == .configuration)
            #expect(await server.requests("/feed.xml").isEmpty)
            #expect(throws: DomainError.self) {
                try strict.validate(settings: ["url": server.url("/feed.xml").absoluteString], credentials: [:])
            }
        }
    }

    // MARK: Items

    @Test func missingIDs_fallBackToTheLink_thenToAStableHash() throws {
        let document = FeedDocument(format: .rss, title: "T", link: nil, ttlMinutes: nil, entries: [])
        let base = try #require(URL(string: "https://example.org/feed.xml"))
        let withLink = FeedDocument.Entry(title: "A", link: "/a")
        let bare = FeedDocument.Entry(title: "No link", summary: "text")
        let other = FeedDocument.Entry(title: "Other", summary: "text")
        func id(_ entry: FeedDocument.Entry) -> String {
            FeedPoller.item(entry, document: document, feedURL: base, base: base, now: now).externalID
        }
        #expect(id(withLink) == "/a")
        #expect(id(bare).hasPrefix("sha256:"))
        #expect(id(bare) == id(bare))
        #expect(id(bare) != id(other))
        #expect(
            FeedPoller.item(withLink, document: document, feedURL: base, base: base, now: now).url
                == "https://example.org/a")
    }

    @Test func hostileEntries_giveSafeItems() throws {
        let base = try #require(URL(string: "https://example.org/feed.xml"))
        let document = FeedDocument(format: .rss, title: nil, link: "javascript:alert(1)", ttlMinutes: nil, entries: [])
        let entry = FeedDocument.Entry(
            id: String(repeating: "i", count: 5000), title: "<script>alert(1)</script>Hello",
            link: "javascript:alert(1)",
            summary: String(repeating: "word ", count: 5000), date: "Sat, 07 Sep 9999 00:00:01 GMT")
        let item = FeedPoller.item(entry, document: document, feedURL: base, base: base, now: now)
        #expect(item.externalID.hasPrefix("sha256:"))
        #expect(item.url == nil)
        #expect(item.author.profileURL == nil)
        #expect(item.author.handle == "example.org")
        #expect(item.body.hasPrefix("Hello\n\nword word"))
        #expect(item.body.count == FeedPoller.maxBodyCharacters)
        #expect(item.sentAt == now)  // a date in the future is not believed
    }

    @Test func isRegistered_asAReadOnlyPolledSource() throws {
        let registered = try #require(ConnectorRegistry(Connectors.all())[.feed])
        #expect(registered.capabilities == ConnectorCapabilities(ingest: .poll))
        #expect(registered.poller != nil)
        #expect(registered.replier == nil)
    }

    @Test func validate_checksTheURLAndInterval() {
        #expect(throws: Never.self) {
            try connector.validate(
                settings: ["url": "https://example.org/feed.xml", "intervalMinutes": "30"], credentials: [:])
        }
        #expect(
            throws: DomainError.invalid(
                field: "url", message: "Enter the feed’s address, such as https://example.org/feed.xml.")
        ) {
            try connector.validate(settings: [:], credentials: [:])
        }
        #expect(throws: DomainError.self) {
            try connector.validate(settings: ["url": "ftp://example.org/feed.xml"], credentials: [:])
        }
        #expect(
            throws: DomainError.invalid(field: "intervalMinutes", message: "Enter a number of minutes from 1 to 1440.")
        ) {
            try connector.validate(
                settings: ["url": "https://example.org/feed.xml", "intervalMinutes": "0"], credentials: [:])
        }
    }
}
