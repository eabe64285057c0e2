import Foundation

/// A feed as read from RSS 2.0 (and RSS 1.0/RDF), Atom (RFC 4287) or JSON Feed 1.1: only what Foyer uses,
/// every field as the feed wrote it (HTML not yet stripped, dates not yet parsed).
struct FeedDocument: Sendable, Equatable {
    enum Format: String, Sendable { case rss = "RSS", atom = "Atom", jsonFeed = "JSON Feed" }

    struct Entry: Sendable, Equatable {
        /// RSS `guid`, Atom `id`, JSON Feed `id`.
        var id: String?
        var title: String?
        var link: String?
        /// RSS `description`, Atom `summary`, JSON Feed `summary`: HTML or text.
        var summary: String?
        /// RSS `content:encoded`, Atom `content`, JSON Feed `content_html` / `content_text`.
        var content: String?
        var authorName: String?
        /// RSS `pubDate` (RFC 822) or `dc:date`; Atom `published` or `updated`; JSON Feed `date_published`
        /// or `date_modified`.
        var date: String?
        /// JSON Feed item `language`.
        var language: String?
    }

    var format: Format
    var title: String?
    var link: String?
    /// RSS `<ttl>`: minutes the feed may be cached.
    var ttlMinutes: Int?
    var entries: [Entry]
    /// RSS `<language>`, Atom `xml:lang` on the root, JSON Feed `language`.
    var language: String? = nil
}
