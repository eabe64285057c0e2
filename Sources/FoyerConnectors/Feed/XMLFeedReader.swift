import Foundation
import FoyerCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// RSS 2.0, RSS 1.0 (RDF) and Atom (RFC 4287) through Foundation's `XMLParser`.
///
/// Hostile documents: a document that declares entities (`<!ENTITY`, the "billion laughs" and external
/// entity attacks) is refused before parsing; external entities are never resolved; elements nested deeper
/// than ``maxDepth`` are ignored; the body size is capped by ``FeedParser``.
enum XMLFeedReader {
    static let maxDepth = 32

    static let atomNamespace = "http://www.w3.org/2005/Atom"
    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"
    static let rss10Namespace = "http://purl.org/rss/1.0/"

    static func read(_ data: Data) throws(FeedParser.Failure) -> FeedDocument {
        if data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw FeedParser.Failure(message: "it declares XML entities, which Foyer refuses to expand")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = builder
        // Foundation's parser recovers from some errors (unclosed and mismatched tags) and still answers true:
        // the builder's own checks catch those.
        guard parser.parse(), builder.errorCode == nil, builder.isBalanced, let root = builder.root else {
            let code = (parser.parserError as NSError?)?.code ?? builder.errorCode
            throw FeedParser.Failure(
                message: "the XML is malformed at line \(parser.lineNumber), column \(parser.columnNumber)"
                    + (code.map { " (XML error \($0))" } ?? ""))
        }
        switch (root.name, root.namespace) {
        case ("rss", _):
            guard let channel = root.child("channel") else {
                throw FeedParser.Failure(message: "the RSS document has no channel")
            }
            return rss(channel: channel, items: channel.children("item"))
        case ("RDF", _):
            guard let channel = root.child("channel") else {
                throw FeedParser.Failure(message: "the RSS 1.0 document has no channel")
            }
            return rss(channel: channel, items: root.children("item"))
        case ("feed", atomNamespace), ("feed", ""):
            return atom(root)
        default:
            throw FeedParser.Failure(
                message:
                    "the XML root element “\(ConnectorError.sanitize(root.name, limit: 40))” is not rss, feed or rdf:RDF"
            )
        }
    }

    // MARK: RSS

    private static func rss(channel: Node, items: [Node]) -> FeedDocument {
        let ttl = channel.rss("ttl").flatMap { Int($0.trimmedText) }.flatMap { $0 > 0 ? $0 : nil }
        let entries = items.prefix(FeedParser.maxEntries).map { item in
            FeedDocument.Entry(
                id: item.rss("guid")?.nonEmptyText
                    ?? (item.attributes["rdf:about"] ?? item.attributes["about"]).flatMap { $0.isEmpty ? nil : $0 },
                title: item.rss("title")?.nonEmptyText, link: item.rss("link")?.nonEmptyText,
                summary: item.rss("description")?.nonEmptyText,
                content: item.child("encoded", namespace: contentNamespace)?.nonEmptyText,
                authorName: item.child("creator", namespace: dublinCoreNamespace)?.nonEmptyText
                    ?? item.rss("author")?.nonEmptyText,
                date: item.rss("pubDate")?.nonEmptyText
                    ?? item.child("date", namespace: dublinCoreNamespace)?.nonEmptyText)
        }
        return FeedDocument(
            format: .rss, title: channel.rss("title")?.nonEmptyText, link: channel.rss("link")?.nonEmptyText,
            ttlMinutes: ttl, entries: Array(entries),
            language: channel.rss("language")?.nonEmptyText
                ?? channel.child("language", namespace: dublinCoreNamespace)?.nonEmptyText)
    }

    // MARK: Atom

    private static func atom(_ feed: Node) -> FeedDocument {
        let feedAuthor = feed.child("author")?.child("name")?.nonEmptyText
        let entries = feed.children("entry").prefix(FeedParser.maxEntries).map { entry in
            FeedDocument.Entry(
                id: entry.child("id")?.nonEmptyText, title: atomText(entry.child("title")),
                link: alternateLink(entry), summary: atomText(entry.child("summary")),
                content: atomText(entry.child("content")),
                authorName: entry.child("author")?.child("name")?.nonEmptyText ?? feedAuthor,
                date: entry.child("published")?.nonEmptyText ?? entry.child("updated")?.nonEmptyText)
        }
        return FeedDocument(
            format: .atom, title: atomText(feed.child("title")), link: alternateLink(feed), ttlMinutes: nil,
            entries: Array(entries), language: feed.attributes["xml:lang"] ?? feed.attributes["lang"])
    }

    /// An Atom text construct: `text` and `html` carry their value as text; `xhtml` as child elements,
    /// whose text is gathered.
    private static func atomText(_ node: Node?) -> String? {
        guard let node else { return nil }
        if node.attributes["type"] == "xhtml" {
            let markup = node.innerMarkup.trimmingCharacters(in: .whitespacesAndNewlines)
            return markup.isEmpty ? nil : markup
        }
        return node.nonEmptyText
    }

    /// The `href` of `<link rel="alternate">` (or of a link without `rel`).
    private static func alternateLink(_ node: Node) -> String? {
        let links = node.children("link")
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        return alternate?.attributes["href"].flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: Tree

    /// An element: name without prefix, namespace, attributes, its own text, and its content in order.
    final class Node {
        enum Part {
            case text(String)
            case element(Node)
        }

        let name: String
        let namespace: String
        let attributes: [String: String]
        /// The element's own text (CDATA included), without that of its children.
        private(set) var text = ""
        private(set) var childNodes: [Node] = []
        /// Text and child elements in document order.
        private(set) var content: [Part] = []

        init(name: String, namespace: String, attributes: [String: String]) {
            self.name = name
            self.namespace = namespace
            self.attributes = attributes
        }

        func append(_ child: Node) {
            childNodes.append(child)
            content.append(.element(child))
        }

        func append(text more: String) {
            text += more
            if case let .text(previous)? = content.last {
                content[content.count - 1] = .text(previous + more)
            } else {
                content.append(.text(more))
            }
        }

        /// The first child named `name` (in `namespace` when given).
        func child(_ name: String, namespace: String? = nil) -> Node? {
            childNodes.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
        }

        func children(_ name: String) -> [Node] { childNodes.filter { $0.name == name } }

        /// The first child `name` of RSS itself: no namespace (2.0) or RSS 1.0's, never `atom:link` and the
        /// like that RSS 2.0 feeds mix in.
        func rss(_ name: String) -> Node? {
            childNodes.first {
                $0.name == name && ($0.namespace.isEmpty || $0.namespace == XMLFeedReader.rss10Namespace)
            }
        }

        var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

        var nonEmptyText: String? {
            let trimmed = trimmedText
            return trimmed.isEmpty ? nil : trimmed
        }

        /// The content as simple HTML (element names and escaped text, no attributes), in document order,
        /// built without recursion: for Atom `xhtml` text constructs, read later by ``HTMLToText``.
        var innerMarkup: String {
            enum Step {
                case text(String)
                case open(Node)
                case close(String)
            }
            func steps(_ parts: [Part]) -> [Step] {
                parts.reversed().map { part in
                    switch part {
                    case let .text(text): .text(text)
                    case let .element(node): .open(node)
                    }
                }
            }
            var output = ""
            var pending = steps(content)
            while let step = pending.popLast() {
                switch step {
                case let .text(text):
                    output += text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                        of: "<", with: "&lt;")
                case let .open(node):
                    output += "<\(node.name)>"
                    pending.append(.close(node.name))
                    pending += steps(node.content)
                case let .close(name):
                    output += "</\(name)>"
                }
            }
            return output
        }
    }

    /// Builds the tree from parser events, ignoring what is nested too deep.
    final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: Node?
        var stack: [Node] = []
        /// Elements open beyond ``maxDepth``, not in the tree.
        var ignoredDepth = 0
        var errorCode: Int?
        /// False once an end tag did not match the open element.
        var matched = true

        /// Every element closed by its own end tag.
        var isBalanced: Bool { matched && stack.isEmpty && ignoredDepth == 0 }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard ignoredDepth == 0, stack.count < XMLFeedReader.maxDepth else {
                ignoredDepth += 1
                return
            }
            let node = Node(name: elementName, namespace: namespaceURI ?? "", attributes: attributes)
            if let parent = stack.last {
                parent.append(node)
            } else if root == nil {
                root = node
            }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if ignoredDepth > 0 {
                ignoredDepth -= 1
            } else if let open = stack.popLast() {
                if open.name != elementName { matched = false }
            } else {
                matched = false
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard ignoredDepth == 0 else { return }
            stack.last?.append(text: string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard ignoredDepth == 0 else { return }
            stack.last?.append(text: String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            errorCode = (parseError as NSError).code
        }
    }
}
