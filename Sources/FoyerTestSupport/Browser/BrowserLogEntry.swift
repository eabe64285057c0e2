/// One line of the browser console, as chromedriver reports it (`POST /session/{id}/se/log`).
public struct BrowserLogEntry: Sendable, Equatable, CustomStringConvertible {
    /// `SEVERE` for errors (console.error, uncaught exceptions, failed loads, CSP violations), `WARNING`, `INFO`…
    public var level: String
    /// Where it comes from: `javascript`, `network`, `console-api`, `security`…
    public var source: String
    public var message: String

    public init(level: String, source: String, message: String) {
        self.level = level
        self.source = source
        self.message = message
    }

    /// Console errors, failed resource loads and CSP violations.
    public var isError: Bool { level == "SEVERE" }

    public var description: String { "[\(level) \(source)] \(message)" }
}
