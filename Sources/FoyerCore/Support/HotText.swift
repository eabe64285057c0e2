/// Text helpers for hot paths (webhooks, ingest, logs), on Unicode scalars rather than Foundation's `NSString`
/// bridge.
///
/// They give what `trimmingCharacters(in:)` gives with the same character sets (`.whitespaces`: space
/// separators, tab and U+200B; `.whitespacesAndNewlines`: those and the line ends), and JSON strings that read
/// back as the same strings, at a fraction of the cost per message. `HotTextTests` compares them with
/// Foundation. (FoyerText keeps its own JSON escaping: it depends on nothing.)
public enum HotText {
    /// True when `text` has nothing but white space (`.whitespacesAndNewlines`), or nothing at all.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isWhitespaceOrNewline)
    }

    /// `text` without leading and trailing white space and newlines (`.whitespacesAndNewlines`).
    public static func trimmed(_ text: Substring) -> String {
        trimmed(text, where: isWhitespaceOrNewline)
    }

    /// `text` without leading and trailing white space and newlines (`.whitespacesAndNewlines`).
    public static func trimmed(_ text: String) -> String {
        // Most values have nothing to trim: keep the string itself.
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            isWhitespaceOrNewline(first) || isWhitespaceOrNewline(last)
        else { return text }
        return trimmed(text[...])
    }

    /// `text` without leading and trailing spaces and tabs (`.whitespaces`: space separators and U+0009).
    public static func trimmedSpaces(_ text: Substring) -> String {
        trimmed(text, where: isSpace)
    }

    /// Whether Foundation's `.whitespaces` holds `scalar`: space separators, tab, and the zero-width space.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: true
        case 0..<0x80: false
        case 0x200B: true
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// Whether Foundation's `.whitespacesAndNewlines` holds `scalar`.
    public static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        isSpace(scalar) || isNewline(scalar)
    }

    /// Whether `scalar` ends a line as `Character.isNewline` does (LF, VT, FF, CR, NEL, LS, PS).
    public static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func trimmed(_ text: Substring, where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
            let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// A JSON array of strings that `json_each(?)` reads back as the same strings.
    public static func jsonArray(_ strings: [String]) -> String {
        "[" + strings.map(jsonString).joined(separator: ",") + "]"
    }

    /// A JSON array of integers (row ids) that `json_each(?)` reads back as the same integers.
    public static func jsonArray(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// `string` as a JSON string: quoted, with `"`, `\` and control characters escaped, everything else as is.
    public static func jsonString(_ string: String) -> String {
        // Most values need no escape: copy them whole.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"" + string + "\"" }
        var json = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        return json + "\""
    }
}
