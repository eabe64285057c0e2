import Foundation
import FoyerCore
import Testing

@testable import FoyerConnectors

@Suite struct FeedParserTests {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Example Blog</title>
            <atom:link href="https://example.org/feed.xml" rel="self" type="application/rss+xml"/>
            <link>https://example.org/</link>
            <language>fr-FR</language>
            <ttl>60</ttl>
            <item>
              <title>Spring release &amp; roadmap</title>
              <link>https://example.org/posts/spring</link>
              <guid isPermaLink="false">post-42</guid>
              <pubDate>Tue, 10 Jun 2025 04:00:00 +0200</pubDate>
              <dc:creator>Camille</dc:creator>
              <description><![CDATA[<p>We shipped <b>exports</b>.</p><p>More soon.</p>]]></description>
              <content:encoded><![CDATA[<p>The full article.</p>]]></content:encoded>
            </item>
            <item>
              <title>No guid here</title>
              <link>https://example.org/posts/no-guid</link>
              <description>Plain text summary</description>
            </item>
          </channel>
        </rss>
        """

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
          <title type="text">Atom Example</title>
          <link href="https://atom.example/"/>
          <author><name>Feed Author</name></author>
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <updated>2025-12-13T18:30:02Z</updated>
          <entry>
            <title type="html">Atom &lt;em&gt;entry&lt;/em&gt;</title>
            <link rel="edit" href="https://atom.example/edit/1"/>
            <link rel="alternate" href="/2025/12/entry"/>
            <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
            <published>2025-12-13T18:30:02.250+01:00</published>
            <updated>2025-12-14T10:00:00Z</updated>
            <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Some <b>bold</b> text</p></div></summary>
          </entry>
          <entry>
            <title>Second</title>
            <id>tag:atom.example,2025:2</id>
            <updated>2025-12-15T08:00:00Z</updated>
            <author><name>Guest</name></author>
            <content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
          </entry>
        </feed>
        """

    static let jsonFeed = """
        {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Example", "home_page_url": "https://json.example/",
         "language": "en",
         "authors": [{"name": "Team"}],
         "items": [
           {"id": "2", "url": "https://json.example/2", "title": "Two", "content_html": "<p>Second <i>post</i></p>",
            "date_published": "2025-05-02T10:00:00-07:00", "authors": [{"name": "Dana"}], "language": "es"},
           {"id": 1, "content_text": "First, without title", "date_published": "not a date"},
           "not an object"
         ]}
        """

    func parse(_ text: String, contentType: String? = nil) throws -> FeedDocument {
        try FeedParser.parse(Data(text.utf8), contentType: contentType)
    }

    @Test func rss2_readsEntriesTTLAndSkipsAtomLinks() throws {
        let document = try parse(Self.rss)
        #expect(document.format == .rss)
        #expect(document.title == "Example Blog")
        #expect(document.link == "https://example.org/")
        #expect(document.ttlMinutes == 60)
        #expect(document.language == "fr-FR")
        #expect(document.entries.count == 2)
        let first = document.entries[0]
        #expect(first.id == "post-42")
        #expect(first.title == "Spring release & roadmap")
        #expect(first.summary == "<p>We shipped <b>exports</b>.</p><p>More soon.</p>")
        #expect(first.content == "<p>The full article.</p>")
        #expect(first.authorName == "Camille")
        #expect(first.date.flatMap(FeedDate.parse) == Date(timeIntervalSince1970: 1_749_520_800))
        #expect(document.entries[1].id == nil)
    }

    @Test func atom_readsAlternateLinksTextConstructsAndAuthors() throws {
        let document = try parse(Self.atom, contentType: "application/atom+xml")
        #expect(document.format == .atom)
        #expect(document.title == "Atom Example")
        #expect(document.link == "https://atom.example/")
        #expect(document.language == "de")
        let first = document.entries[0]
        #expect(first.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
        #expect(first.title == "Atom <em>entry</em>")
        #expect(first.link == "/2025/12/entry")
        #expect(first.summary.map(HTMLToText.convert) == "Some bold text")
        #expect(first.authorName == "Feed Author")
        #expect(first.date == "2025-12-13T18:30:02.250+01:00")
        #expect(document.entries[1].authorName == "Guest")
        #expect(document.entries[1].content == "<p>Body</p>")
    }

    @Test func jsonFeed_readsItems_andSkipsWhatIsNotAnItem() throws {
        let document = try parse(Self.jsonFeed, contentType: "application/feed+json")
        #expect(document.format == .jsonFeed)
        #expect(document.title == "JSON Example")
        #expect(document.entries.count == 2)
        #expect(document.entries[0].id == "2")
        #expect(document.entries[0].authorName == "Dana")
        #expect(document.entries[0].content == "<p>Second <i>post</i></p>")
        #expect(document.entries[1].id == "1")
        #expect(document.entries[1].authorName == "Team")
        #expect(document.language == "en")
        #expect(document.entries[0].language == "es")
    }

    @Test func format_isSniffedWithoutAContentType() throws {
        #expect(try parse("\u{FEFF}\n " + Self.jsonFeed, contentType: "text/plain").format == .jsonFeed)
        #expect(try parse(Self.atom, contentType: "text/html").format == .atom)
        let rdf = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
              <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link></item>
            </rdf:RDF>
            """
        let document = try parse(rdf)
        #expect(document.format == .rss)
        #expect(document.entries.map(\.title) == ["One"])
        #expect(document.entries.first?.link == "https://rdf.example/1")
    }

    // MARK: Hostile documents

    @Test func billionLaughs_isRefusedBeforeExpansion() {
        var entities = #"<!ENTITY lol "lol">"#
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let document =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [\(entities)]><rss><channel><title>&lol9;</title></channel></rss>"
        #expect(throws: FeedParser.Failure(message: "it declares XML entities, which Foyer refuses to expand")) {
            try parse(document)
        }
    }

    @Test func externalEntity_isRefused() {
        let document = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss><channel><title>&xxe;</title></channel></rss>
            """
        #expect(throws: FeedParser.Failure.self) { try parse(document) }
    }

    @Test func malformedDocuments_failWithAMessage() throws {
        let cases: [(String, String)] = [
            ("<rss><channel><title>unclosed</channel>", "the XML is malformed at line"),
            ("<html><body>not a feed</body></html>", "the XML root element “html” is not rss, feed or rdf:RDF"),
            ("<rss version=\"2.0\"></rss>", "the RSS document has no channel"),
            ("{\"items\": [", "the JSON is malformed"),
            ("{\"title\": \"x\"}", "the JSON has no “items” list"),
            (
                "{\"version\": \"https://example.org/other\", \"items\": []}",
                "the JSON version “https://example.org/other” is not JSON Feed"
            ),
            ("[1, 2]", "the body is neither XML nor JSON"),
            ("", "the body is empty"),
            ("<rss><channel><title>&nbsp;</title></channel></rss>", "the XML is malformed at line"),
        ]
        for (body, expected) in cases {
            let failure = try #require(throws: FeedParser.Failure.self) { try parse(body) }
            #expect(failure.message.hasPrefix(expected), "\(body) → \(failure.message)")
        }
    }

    @Test func oversizedBody_isRefusedBeforeParsing() {
        let body = Data(count: FeedParser.maxBytes + 1)
        #expect(throws: FeedParser.Failure(message: "it is larger than 5 MB")) {
            try FeedParser.parse(body, contentType: "application/rss+xml")
        }
    }

    @Test func deepNesting_isIgnoredBeyondTheLimit() throws {
        let deep = String(repeating: "<x>", count: 200) + "deep" + String(repeating: "</x>", count: 200)
        let document = try parse("<rss><channel><title>T</title><item><title>I</title>\(deep)</item></channel></rss>")
        #expect(document.entries.map(\.title) == ["I"])
    }

    // MARK: Dates

    @Test(arguments: [
        ("Sat, 07 Sep 2002 00:00:01 GMT", 1_031_356_801.0),
        ("Sat, 7 Sep 2002 00:00:01 GMT", 1_031_356_801.0),
        ("07 Sep 2002 00:00:01 +0000", 1_031_356_801.0),
        ("Sat, 07 Sep 02 02:00:01 +02:00", 1_031_356_801.0),
        ("Fri, 06 Sep 2002 19:00:01 EST", 1_031_356_801.0),
        ("Saturday, 07 September 2002 00:00 Z", 1_031_356_800.0),
        ("Sat, 07 Sep 2002 00:00:01", 1_031_356_801.0),
        ("2002-09-07T00:00:01Z", 1_031_356_801.0),
        ("2002-09-07T02:00:01.500+02:00", 1_031_356_801.5),
        ("2002-09-07", 1_031_356_800.0),
    ])
    func dates_inRFC822AndISO8601(text: String, epoch: Double) {
        #expect(FeedDate.parse(text) == Date(timeIntervalSince1970: epoch))
    }

    @Test(arguments: [
        "", "yesterday", "Sat, 32 Sep 2002 00:00:01 GMT", "Sat, 31 Feb 2002 00:00:01 GMT",
        "Sat, 07 Foo 2002 00:00:01 GMT",
        "Sat, 07 Sep 2002 25:00:01 GMT", "Sat, 07 Sep 2002 00:00:01 +9999", "2002-13-07T00:00:01Z", "99999-01-01",
        String(repeating: "1", count: 1000),
    ])
    func invalidDates_areNil(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }
}
