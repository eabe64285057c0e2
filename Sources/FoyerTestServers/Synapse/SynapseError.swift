/// Why a test Synapse could not be started or did not answer as expected. Messages carry the tail of the
/// Synapse log where it helps.
public enum SynapseError: Error, Sendable, CustomStringConvertible {
    /// No Python environment with Synapse (see ``SynapseInstallation``).
    case notInstalled(String)
    case cannotStart(String)
    /// The homeserver did not come up in time, or exited.
    case startFailed(String, logTail: String)
    /// A request to the homeserver got an unexpected answer.
    case requestFailed(method: String, path: String, status: Int, body: String)
    /// A 2xx answer without the expected field.
    case unexpectedAnswer(path: String, body: String)

    public var description: String {
        switch self {
        case let .notInstalled(message), let .cannotStart(message):
            message
        case let .startFailed(message, logTail):
            "\(message)\n--- Synapse log (tail) ---\n\(logTail)"
        case let .requestFailed(method, path, status, body):
            "Synapse answered \(method) \(path) with HTTP \(status): \(body.prefix(500))"
        case let .unexpectedAnswer(path, body):
            "Synapse answered \(path) with an unexpected body: \(body.prefix(500))"
        }
    }
}
