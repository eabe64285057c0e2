import Foundation

/// What `foyer serve` and `foyer demo` print once they listen: the URL and, for the demo, how to sign in.
///
/// ```text
/// Foyer is running at http://127.0.0.1:53127
/// Sign in with demo@foyer.example and the password cime-demo-2024
/// ```
/// Parsing is lenient about the wording around the values, strict about the values themselves.
public struct FoyerStartupAnnouncement: Sendable, Equatable {
    /// `http://HOST:PORT`, without a trailing slash.
    public var baseURL: String
    public var email: String?
    public var password: String?

    public init(baseURL: String, email: String? = nil, password: String? = nil) {
        self.baseURL = baseURL
        self.email = email
        self.password = password
    }

    /// The pattern whose first group is the served URL; ``parse(_:)`` returns `nil` until it appears.
    public static let urlPattern = #"running at (https?://[A-Za-z0-9.\-\[\]:]+)"#

    /// The announcement found in `output`, or `nil` when the URL line is not there (yet).
    public static func parse(_ output: String) -> FoyerStartupAnnouncement? {
        guard var url = firstMatch(urlPattern, in: output) else { return nil }
        while url.hasSuffix("/") || url.hasSuffix(".") { url.removeLast() }
        let email = firstMatch(#"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"#, in: output)
        let password =
            firstMatch(#"(?i)password(?: is)?\s*[:=]\s*["'`]?([^\s"'`]+)"#, in: output)
            ?? firstMatch(#"(?i)(?:the|a) password\s+["'`]?([^\s"'`]+?)["'`]?(?:\s|$)"#, in: output)
        return FoyerStartupAnnouncement(baseURL: url, email: email, password: password)
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }
}
