import Foundation

/// Plain text from the HTML fragments platforms send (Discourse `cooked`, Mastodon `content`).
///
/// Not a parser: it drops tags, keeps line breaks for block elements and `<br>` (an empty line between
/// paragraphs), drops the content of `<script>` and `<style>`, and decodes character references. Good enough
/// for an inbox preview and for text analysis; the result is still untrusted text to escape when shown.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        var skipUntil: String?
        while index < html.endIndex {
            let character = html[index]
            guard character == "<" else {
                if skipUntil == nil { output.append(character) }
                index = html.index(after: index)
                continue
            }
            guard let close = html[index...].firstIndex(of: ">") else {
                if skipUntil == nil { output.append(contentsOf: html[index...]) }
                break
            }
            let tag = html[html.index(after: index)..<close]
            let name = tagName(tag)
            index = html.index(after: close)
            if let pending = skipUntil {
                if name == "/" + pending { skipUntil = nil }
                continue
            }
            switch name {
            case "script", "style": skipUntil = name
            case "br", "p", "div", "/div", "ul", "/ul", "ol", "/ol", "/tr", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6":
                output.append("\n")
            case "/p", "/blockquote", "/pre", "/aside": output.append("\n\n")
            case "li": output.append("\n• ")
            default: break
            }
        }
        return tidy(decodeEntities(output))
    }

    /// `p`, `/p`, `br` for `<p class="x">`, `</p>`, `<br/>`.
    private static func tagName(_ tag: Substring) -> String {
        var rest = tag.drop(while: { $0.isWhitespace })
        let closing = rest.first == "/"
        if closing { rest = rest.dropFirst() }
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
        return closing ? "/" + name : name
    }

    /// Named references platforms actually use, plus numeric ones.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [Substring: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…", "mdash": "—",
            "ndash": "–", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "laquo": "«", "raquo": "»",
        ]
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
                let reference = text[text.index(after: index)..<semicolon]
                var decoded: String?
                if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
                    decoded = UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if reference.hasPrefix("#") {
                    decoded = UInt32(reference.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = named[reference]
                }
                if let decoded, decoded != "\u{0}" {
                    output.append(decoded)
                    index = text.index(after: semicolon)
                    continue
                }
            }
            output.append(character)
            index = text.index(after: index)
        }
        return output
    }

    /// Trims each line, and keeps at most one empty line between paragraphs.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        var blank = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !lines.isEmpty { blank = true }
                continue
            }
            if blank { lines.append("") }
            blank = false
            lines.append(trimmed)
        }
        return lines.joined(separator: "\n")
    }
}
