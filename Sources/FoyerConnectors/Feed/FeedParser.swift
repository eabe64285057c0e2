import Foundation
import FoyerCore

/// Reads RSS 2.0 (and RSS 1.0/RDF), Atom and JSON Feed 1.0/1.1 bodies into a ``FeedDocument``.
///
/// The format is chosen by the `Content-Type` when it names one (`application/feed+json`,
/// `application/atom+xml`), otherwise by sniffing the body: a JSON object, or XML whose root element is
/// `rss`, `feed` or `rdf:RDF`. Every failure is a ``FeedParser/Failure`` with a message; nothing crashes.
enum FeedParser {
    /// Why a body is not a feed; `message` is shown to the community manager.
    struct Failure: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// A body larger than this is refused before parsing.
    static let maxBytes = 5 * 1024 * 1024
    /// Entries kept from one document; the rest are ignored (a feed lists its latest entries first).
    static let maxEntries = 1000

    static func parse(_ data: Data, contentType: String? = nil) throws(Failure) -> FeedDocument {
        guard data.count <= maxBytes else {
            throw Failure(message: "it is larger than \(maxBytes / 1024 / 1024) MB")
        }
        let type = (contentType ?? "").lowercased()
        let first = firstSignificantByte(data)
        if type.contains("json") || first == UInt8(ascii: "{") {
            return try JSONFeedReader.read(data)
        }
        guard first == UInt8(ascii: "<") else {
            throw Failure(message: data.isEmpty ? "the body is empty" : "the body is neither XML nor JSON")
        }
        return try XMLFeedReader.read(data)
    }

    /// The first byte that is not whitespace or a UTF-8 byte order mark.
    static func firstSignificantByte(_ data: Data) -> UInt8? {
        var index = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while index < data.endIndex {
            let byte = data[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return byte }
            index += 1
        }
        return nil
    }
}

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
enum JSONFeedReader {
    static func read(_ data: Data) throws(FeedParser.Failure) -> FeedDocument {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw FeedParser.Failure(message: "the JSON is malformed")
        }
        guard json.object != nil else { throw FeedParser.Failure(message: "the JSON is not an object") }
        if let version = json["version"]?.string, !version.hasPrefix("https://jsonfeed.org/version/") {
            throw FeedParser.Failure(
                message: "the JSON version “\(ConnectorError.sanitize(version, limit: 60))” is not JSON Feed")
        }
        guard let items = json["items"]?.array else {
            throw FeedParser.Failure(message: "the JSON has no “items” list")
        }
        let feedAuthor = authorName(json)
        let entries = items.prefix(FeedParser.maxEntries).compactMap { item -> FeedDocument.Entry? in
            guard item.object != nil else { return nil }
            return FeedDocument.Entry(
                id: item["id"]?.stringOrNumber, title: item.text("title"),
                link: item.text("url") ?? item.text("external_url"), summary: item.text("summary"),
                content: item.text("content_html") ?? item.text("content_text"),
                authorName: authorName(item) ?? feedAuthor,
                date: item.text("date_published") ?? item.text("date_modified"), language: item.text("language"))
        }
        return FeedDocument(
            format: .jsonFeed, title: json.text("title"), link: json.text("home_page_url"), ttlMinutes: nil,
            entries: entries, language: json.text("language"))
    }

    /// `authors[0].name` (1.1) or `author.name` (1.0).
    private static func authorName(_ object: JSONValue) -> String? {
        object["authors"]?[0]?.text("name") ?? object["author"]?.text("name")
    }
}
