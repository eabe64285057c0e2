/// Turns the HTML that platforms and feeds send (Mastodon status content, Discourse posts, feed summaries) into plain text
/// for the inbox: paragraphs and line breaks kept, tags dropped, entities decoded, whitespace collapsed.
///
/// Every input is hostile. The converter is one linear pass over the UTF-8 bytes, never recursive, never
/// backtracking, so no input makes it slow or crash. It does not sanitise for HTML output: the result is
/// text (a decoded `&lt;script&gt;` becomes the characters `<script>`), and the web layer escapes it like
/// any other text. The contents of `script`, `style` and `template` elements and comments are dropped.
enum HTMLToText {
    /// The plain text of an HTML fragment.
    static func convert(_ html: String) -> String {
        var scanner = Scanner(Array(html.utf8))
        scanner.run()
        return String(decoding: scanner.output, as: UTF8.self)
    }

    /// Elements after which the text starts a new paragraph.
    private static let paragraphElements: Set<String> = [
        "p", "div", "blockquote", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table",
        "section", "article", "header", "footer", "aside", "nav", "figure", "hr", "address", "main", "details",
    ]
    /// Elements after which the text starts a new line.
    private static let lineElements: Set<String> = ["li", "dt", "dd", "tr", "figcaption", "summary", "caption"]
    /// Elements whose content is never text for a reader.
    private static let droppedElements: Set<String> = ["script", "style", "template", "noscript", "iframe", "object"]

    private struct Scanner {
        let input: [UInt8]
        var index = 0
        var output: [UInt8] = []
        var pendingSpace = false
        var pendingNewlines = 0

        init(_ input: [UInt8]) {
            self.input = input
            output.reserveCapacity(input.count)
        }

        mutating func run() {
            while index < input.count {
                let byte = input[index]
                switch byte {
                case UInt8(ascii: "<"): readMarkup()
                case UInt8(ascii: "&"): readEntity()
                default:
                    appendText(byte)
                    index += 1
                }
            }
        }

        // MARK: Output

        mutating func appendText(_ byte: UInt8) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
            case 0x00..<0x20, 0x7F:
                break  // other control characters are never text worth keeping
            default:
                if !output.isEmpty {
                    if pendingNewlines > 0 {
                        output.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingNewlines))
                    } else if pendingSpace {
                        output.append(0x20)
                    }
                }
                pendingSpace = false
                pendingNewlines = 0
                output.append(byte)
            }
        }

        mutating func appendScalar(_ scalar: Unicode.Scalar) {
            if scalar == "\u{A0}" {
                appendText(0x20)
                return
            }
            for byte in String(Character(scalar)).utf8 { appendText(byte) }
        }

        mutating func breakLine(_ count: Int, accumulate: Bool = false) {
            pendingNewlines = accumulate ? min(pendingNewlines + count, 2) : max(pendingNewlines, count)
            pendingSpace = false
        }

        // MARK: Markup

        mutating func readMarkup() {
            let next = index + 1 < input.count ? input[index + 1] : 0
            if next == UInt8(ascii: "!") {
                if startsWith("<!--", at: index) {
                    index = endOf("-->", from: index + 4)
                } else {
                    index = endOf(">", from: index + 2)  // doctype, CDATA markers and the like
                }
                return
            }
            if next == UInt8(ascii: "?") {
                index = endOf(">", from: index + 2)
                return
            }
            let closing = next == UInt8(ascii: "/")
            let nameStart = index + (closing ? 2 : 1)
            guard nameStart < input.count, isLetter(input[nameStart]) else {
                appendText(UInt8(ascii: "<"))  // a lone "<" in text, as in "1 < 2"
                index += 1
                return
            }
            var nameEnd = nameStart
            while nameEnd < input.count, isNameByte(input[nameEnd]) { nameEnd += 1 }
            let name = String(decoding: input[nameStart..<nameEnd].map(lowercased), as: UTF8.self)
            index = endOfTag(from: nameEnd)
            handle(element: name, closing: closing)
        }

        mutating func handle(element name: String, closing: Bool) {
            if name == "br" {
                breakLine(1, accumulate: true)
            } else if HTMLToText.paragraphElements.contains(name) {
                breakLine(2)
            } else if HTMLToText.lineElements.contains(name) {
                breakLine(1)
            } else if !closing, HTMLToText.droppedElements.contains(name) {
                skipContent(of: name)
            }
        }

        /// Moves past `</name…>`, or to the end when the element is never closed.
        mutating func skipContent(of name: String) {
            let closer = Array("</\(name)".utf8)
            var position = index
            while position < input.count {
                if input[position] == UInt8(ascii: "<"), matchesIgnoringCase(closer, at: position) {
                    index = endOfTag(from: position + closer.count)
                    return
                }
                position += 1
            }
            index = input.count
        }

        /// The index after the `>` that ends a tag, skipping quoted attribute values; the end of input when
        /// the tag never ends.
        func endOfTag(from start: Int) -> Int {
            var position = start
            var quote: UInt8?
            while position < input.count {
                let byte = input[position]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return position + 1
                }
                position += 1
            }
            return input.count
        }

        func endOf(_ terminator: String, from start: Int) -> Int {
            let bytes = Array(terminator.utf8)
            var position = start
            while position < input.count {
                if startsWith(bytes, at: position) { return position + bytes.count }
                position += 1
            }
            return input.count
        }

        // MARK: Entities

        mutating func readEntity() {
            // At most 32 bytes between "&" and ";": longer runs are text, not an entity.
            var end = index + 1
            let limit = min(input.count, index + 34)
            while end < limit, input[end] != UInt8(ascii: ";") {
                guard isNameByte(input[end]) || input[end] == UInt8(ascii: "#") else { break }
                end += 1
            }
            guard end < limit, input[end] == UInt8(ascii: ";"), end > index + 1 else {
                appendText(UInt8(ascii: "&"))
                index += 1
                return
            }
            let name = String(decoding: input[(index + 1)..<end], as: UTF8.self)
            if let scalar = HTMLToText.decodeEntity(name) {
                appendScalar(scalar)
                index = end + 1
            } else {
                appendText(UInt8(ascii: "&"))  // unknown: keep it as written
                index += 1
            }
        }

        // MARK: Bytes

        func startsWith(_ string: String, at position: Int) -> Bool { startsWith(Array(string.utf8), at: position) }

        func startsWith(_ bytes: [UInt8], at position: Int) -> Bool {
            guard position + bytes.count <= input.count else { return false }
            for offset in 0..<bytes.count where input[position + offset] != bytes[offset] { return false }
            return true
        }

        func matchesIgnoringCase(_ bytes: [UInt8], at position: Int) -> Bool {
            guard position + bytes.count <= input.count else { return false }
            for offset in 0..<bytes.count where lowercased(input[position + offset]) != bytes[offset] {
                return false
            }
            // The name must end there: `</scripts` does not close `<script`.
            let after = position + bytes.count
            return after == input.count || !isNameByte(input[after])
        }

        func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
        }

        func lowercased(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
    }

    /// Decodes `#123`, `#x1F600` and the named entities that occur in practice; `nil` for unknown names.
    /// Numeric references to nothing (0, surrogates, beyond U+10FFFF) become U+FFFD, as browsers do.
    static func decodeEntity(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = digits.count <= 9 ? UInt32(digits.dropFirst(), radix: 16) : nil
            } else {
                value = digits.count <= 10 ? UInt32(digits, radix: 10) : nil
            }
            guard let value else { return nil }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return scalar
        }
        return namedEntities[name]
    }

    private static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "laquo": "\u{AB}", "raquo": "\u{BB}", "copy": "\u{A9}",
        "reg": "\u{AE}", "trade": "\u{2122}", "euro": "\u{20AC}", "middot": "\u{B7}", "bull": "\u{2022}",
        "eacute": "\u{E9}", "egrave": "\u{E8}", "ecirc": "\u{EA}", "agrave": "\u{E0}", "ccedil": "\u{E7}",
        "ocirc": "\u{F4}", "ucirc": "\u{FB}", "icirc": "\u{EE}", "ugrave": "\u{F9}", "Eacute": "\u{C9}",
        "uuml": "\u{FC}", "ouml": "\u{F6}", "auml": "\u{E4}", "szlig": "\u{DF}", "deg": "\u{B0}",
    ]
}
