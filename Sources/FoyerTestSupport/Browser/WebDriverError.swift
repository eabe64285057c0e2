/// What can go wrong while driving a browser or starting a child process, with what a person needs to fix it.
public enum WebDriverError: Error, Sendable, CustomStringConvertible {
    /// The WebDriver server answered with a W3C error (`no such element`, `javascript error`, …).
    case command(method: String, path: String, status: Int, error: String, message: String)
    /// The answer was not the JSON the protocol promises.
    case malformedResponse(method: String, path: String, body: String)
    /// A child process did not print what was awaited in time; `output` is what it printed.
    case startTimedOut(executable: String, waitingFor: String, output: String)
    /// A child process ended before it was ready; `output` is what it printed.
    case exitedEarly(executable: String, status: Int32, output: String)
    /// A polling wait (for an element, a page) gave up.
    case timedOut(String)

    /// The W3C error code (`no such alert`, …) of a ``command(method:path:status:error:message:)`` error.
    public var code: String? {
        if case .command(_, _, _, let error, _) = self { return error }
        return nil
    }

    public var description: String {
        switch self {
        case .command(let method, let path, let status, let error, let message):
            return "WebDriver \(method) \(path) answered \(status) \(error): \(message)"
        case .malformedResponse(let method, let path, let body):
            return "WebDriver \(method) \(path) answered something that is not W3C JSON: \(body.prefix(500))"
        case .startTimedOut(let executable, let waitingFor, let output):
            return "\(executable) did not print \(waitingFor) in time. Its output:\n\(output.suffix(4000))"
        case .exitedEarly(let executable, let status, let output):
            return "\(executable) exited with status \(status) before it was ready. Its output:\n\(output.suffix(4000))"
        case .timedOut(let what):
            return "Timed out: \(what)"
        }
    }
}
