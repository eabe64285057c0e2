import ArgumentParser
import Foundation

/// `--data`, taken by every command.
public struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp("Data folder (env FOYER_DATA_DIR; default ./foyer-data).", valueName: "folder"))
    public var data: String?

    public init() {}
}

/// The server flags of `serve` and `demo`. Values are validated by ``FoyerConfiguration`` so that errors name
/// the flag or the variable they came from.
public struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Address to listen on (env FOYER_HOST; default 127.0.0.1).", valueName: "address"))
    public var host: String?

    @Option(help: ArgumentHelp("Port, 0-65535; 0 picks a free one (env FOYER_PORT; default 8080).", valueName: "port"))
    public var port: String?

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "URL people reach Foyer at (env FOYER_PUBLIC_URL; default http://host:port).", valueName: "url"))
    public var publicURL: String?

    @Option(
        name: .customLong("secret-key"),
        help: ArgumentHelp(
            "Base64 of 32 bytes sealing channel credentials (env FOYER_SECRET_KEY; default: <data>/secret.key).",
            valueName: "base64"))
    public var secretKey: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error, critical (env FOYER_LOG_LEVEL).", valueName: "level"))
    public var logLevel: String?

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp("logfmt or json (env FOYER_LOG_FORMAT; default logfmt).", valueName: "format"))
    public var logFormat: String?

    @Option(
        name: .customLong("allow-private-networks"),
        help: ArgumentHelp(
            "true lets channel URLs reach private and loopback addresses (env FOYER_ALLOW_PRIVATE_NETWORKS).",
            valueName: "bool"))
    public var allowPrivateNetworks: String?

    public init() {}
}

extension ConfigurationInput {
    init(data: DataOptions, server: ServerOptions? = nil) {
        self.init(
            host: server?.host, port: server?.port, dataDirectory: data.data, publicURL: server?.publicURL,
            secretKey: server?.secretKey, logLevel: server?.logLevel, logFormat: server?.logFormat,
            allowPrivateNetworks: server?.allowPrivateNetworks)
    }
}
