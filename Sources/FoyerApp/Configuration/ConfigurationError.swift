/// A configuration value that cannot be used. The message names the key as the person wrote it
/// (`--port` or `FOYER_PORT`) and says what is expected, e.g. `FOYER_PORT: "abc" is not a port number (0-65535)`.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The flag or environment variable that holds the bad value.
    public var key: String
    /// What is wrong and what is expected, without the key.
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}
