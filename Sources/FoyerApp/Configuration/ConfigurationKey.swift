/// Every configuration key, with its command-line flag, its environment variable and what it means.
///
/// Precedence: the flag, then the environment variable, then the default.
public enum ConfigurationKey: String, Sendable, CaseIterable {
    case host, port, dataDirectory, publicURL, secretKey, logLevel, logFormat, allowPrivateNetworks

    /// The command-line flag, e.g. `--port`.
    public var flag: String {
        switch self {
        case .host: "--host"
        case .port: "--port"
        case .dataDirectory: "--data"
        case .publicURL: "--public-url"
        case .secretKey: "--secret-key"
        case .logLevel: "--log-level"
        case .logFormat: "--log-format"
        case .allowPrivateNetworks: "--allow-private-networks"
        }
    }

    /// The environment variable, e.g. `FOYER_PORT`.
    public var environmentVariable: String {
        switch self {
        case .host: "FOYER_HOST"
        case .port: "FOYER_PORT"
        case .dataDirectory: "FOYER_DATA_DIR"
        case .publicURL: "FOYER_PUBLIC_URL"
        case .secretKey: "FOYER_SECRET_KEY"
        case .logLevel: "FOYER_LOG_LEVEL"
        case .logFormat: "FOYER_LOG_FORMAT"
        case .allowPrivateNetworks: "FOYER_ALLOW_PRIVATE_NETWORKS"
        }
    }

    /// One line for `--help` and the README.
    public var summary: String {
        switch self {
        case .host: "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)."
        case .port: "TCP port to listen on, 0-65535 (default 8080; 0 picks a free port)."
        case .dataDirectory: "Folder of the database and the key file (default ./foyer-data)."
        case .publicURL: "URL people and platforms reach Foyer at (default http://<host>:<port>)."
        case .secretKey:
            "Base64 of 32 random bytes sealing channel credentials (default: a key file in the data folder)."
        case .logLevel: "trace, debug, info, notice, warning, error or critical (default info)."
        case .logFormat: "logfmt (key=value lines) or json (default logfmt)."
        case .allowPrivateNetworks:
            "true lets channel URLs (feeds, API base URLs) reach private and loopback addresses (default false)."
        }
    }
}
