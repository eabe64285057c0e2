/// A `LIKE … ESCAPE '\'` pattern that matches `text` anywhere, with `%`, `_` and `\` taken literally.
enum LikePattern {
    static func contains(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }
}
