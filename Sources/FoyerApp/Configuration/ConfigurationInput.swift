/// The raw configuration values given on the command line, before validation. `nil` means "not given".
///
/// Commands fill it from their flags; ``FoyerConfiguration/resolve(flags:environment:)`` merges it with the
/// environment and the defaults.
public struct ConfigurationInput: Sendable, Equatable {
    public var host: String?
    public var port: String?
    public var dataDirectory: String?
    public var publicURL: String?
    public var secretKey: String?
    public var logLevel: String?
    public var logFormat: String?
    public var allowPrivateNetworks: String?

    public init(
        host: String? = nil, port: String? = nil, dataDirectory: String? = nil, publicURL: String? = nil,
        secretKey: String? = nil, logLevel: String? = nil, logFormat: String? = nil,
        allowPrivateNetworks: String? = nil
    ) {
        self.allowPrivateNetworks = allowPrivateNetworks
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.publicURL = publicURL
        self.secretKey = secretKey
        self.logLevel = logLevel
        self.logFormat = logFormat
    }
}
