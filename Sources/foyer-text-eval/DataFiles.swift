import Foundation

/// Reads the shared data files (text lines, TSV, CSV with quotes).
enum DataFiles {
    static func text(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func lines(_ path: String) -> [String]? {
        // LF, CRLF and old-Mac CR files; only these terminators, so that a U+2028 inside a tweet does not shift
        // texts against their labels.
        guard let text = text(path) else { return nil }
        let scalars = text.unicodeScalars
        let separator: Unicode.Scalar = scalars.contains("\n") ? "\n" : "\r"
        return scalars.split(separator: separator, omittingEmptySubsequences: false).map { line in
            var s = String(String.UnicodeScalarView(line))
            if s.unicodeScalars.last == "\r" { s.unicodeScalars.removeLast() }
            return s
        }.reversed().drop(while: \.isEmpty).reversed()
    }

    /// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
    static func csv(_ path: String) -> [[String]]? {
        guard let text = text(path) else { return nil }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"": quoted = true
                case ",": row.append(field); field = ""
                case "\n": row.append(field); field = ""; rows.append(row); row = []
                case "\r": break
                default: field.unicodeScalars.append(c)
                }
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
