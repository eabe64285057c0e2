import Foundation
import FoyerWeb
import Logging

/// Foyer's configuration, read once at start: command-line flags, then `FOYER_*` environment variables, then
/// defaults. Every value is validated here, with errors that name the key (``ConfigurationError``).
///
/// This is the only place that reads the environment; commands pass `ProcessInfo.processInfo.environment`
/// and tests pass a dictionary.
public struct FoyerConfiguration: Sendable, Equatable {
    /// Where the encryption key comes from.
    public enum SecretKeySource: Sendable, Equatable {
        /// 32 bytes given by `--secret-key` or `FOYER_SECRET_KEY`.
        case configured(Data)
        /// A key file in the data folder, generated on first start with mode 0600.
        case keyFile(URL)
    }

    /// How log lines are written to standard error.
    public enum LogFormat: String, Sendable, CaseIterable {
        case logfmt, json
    }

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultDataDirectory = "./foyer-data"
    public static let databaseFileName = "foyer.sqlite"
    public static let keyFileName = "secret.key"

    public var host: String
    /// 0 means "any free port": the real port is known once the server listens.
    public var port: Int
    /// The data folder (absolute, standardised).
    public var dataDirectory: URL
    public var publicURL: URL
    /// `true` when the public URL was derived from host and port rather than given, so that `serve` can
    /// replace it with the port actually bound when `port` is 0.
    public var publicURLIsDerived: Bool
    public var secretKey: SecretKeySource
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Whether user-given URLs (feeds, API base URLs) may reach private and loopback addresses.
    public var allowPrivateNetworks: Bool

    /// The SQLite database file: `<data>/foyer.sqlite`.
    public var databaseURL: URL { dataDirectory.appendingPathComponent(Self.databaseFileName) }
    /// Content media (images, videos), named by their SHA-256.
    public var mediaDirectory: URL { dataDirectory.appendingPathComponent("media", isDirectory: true) }

    /// The secret key's bytes: the configured one, or the data folder's key file (created if needed).
    public func loadSecretKey() throws -> Data {
        switch secretKey {
        case .configured(let key): key
        case .keyFile(let url): try SecretKeyFile.loadOrCreate(at: url)
        }
    }

    /// The web layer's part of the configuration.
    public var webSettings: WebSettings { WebSettings(publicURL: publicURL) }

    public init(
        host: String = defaultHost, port: Int = defaultPort, dataDirectory: URL, publicURL: URL? = nil,
        secretKey: SecretKeySource? = nil, logLevel: Logger.Level = .info, logFormat: LogFormat = .logfmt,
        allowPrivateNetworks: Bool = false
    ) {
        self.allowPrivateNetworks = allowPrivateNetworks
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.publicURL = publicURL ?? Self.derivedPublicURL(host: host, port: port)
        self.publicURLIsDerived = publicURL == nil
        self.secretKey = secretKey ?? .keyFile(self.dataDirectory.appendingPathComponent(Self.keyFileName))
        self.logLevel = logLevel
        self.logFormat = logFormat
    }

    /// Merges flags, environment and defaults, and validates every value.
    ///
    /// - Parameters:
    ///   - flags: what the command line gave (`nil` fields were not given).
    ///   - environment: the process environment; only `FOYER_*` keys are read. Empty values count as unset.
    ///   - currentDirectory: relative data folders are resolved against it.
    /// - Throws: ``ConfigurationError`` naming the first bad key.
    public static func resolve(
        flags: ConfigurationInput, environment: [String: String],
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> FoyerConfiguration {
        func value(_ key: ConfigurationKey, _ flag: String?) -> (source: String, value: String)? {
            if let flag { return (key.flag, flag) }
            if let env = environment[key.environmentVariable], !env.isEmpty { return (key.environmentVariable, env) }
            return nil
        }

        let host =
            try value(.host, flags.host).map { try ConfigurationParsing.host($0.value, key: $0.source) }
            ?? defaultHost
        let port =
            try value(.port, flags.port).map { try ConfigurationParsing.port($0.value, key: $0.source) }
            ?? defaultPort
        let data = try ConfigurationParsing.directory(
            value(.dataDirectory, flags.dataDirectory)?.value ?? defaultDataDirectory,
            key: value(.dataDirectory, flags.dataDirectory)?.source ?? ConfigurationKey.dataDirectory.flag,
            relativeTo: currentDirectory
        )
        let publicURL = try value(.publicURL, flags.publicURL).map {
            try ConfigurationParsing.publicURL($0.value, key: $0.source)
        }
        let secretKey = try value(.secretKey, flags.secretKey).map {
            SecretKeySource.configured(try ConfigurationParsing.secretKey($0.value, key: $0.source))
        }
        let logLevel =
            try value(.logLevel, flags.logLevel).map {
                try ConfigurationParsing.logLevel($0.value, key: $0.source)
            } ?? .info
        let logFormat =
            try value(.logFormat, flags.logFormat).map {
                try ConfigurationParsing.logFormat($0.value, key: $0.source)
            } ?? .logfmt
        let allowPrivateNetworks =
            try value(.allowPrivateNetworks, flags.allowPrivateNetworks).map {
                try ConfigurationParsing.boolean($0.value, key: $0.source)
            } ?? false

        return FoyerConfiguration(
            host: host, port: port, dataDirectory: data, publicURL: publicURL, secretKey: secretKey,
            logLevel: logLevel, logFormat: logFormat, allowPrivateNetworks: allowPrivateNetworks
        )
    }

    /// The process environment: the one place Foyer reads it (commands get it through ``Console``).
    public static func processEnvironment() -> [String: String] { ProcessInfo.processInfo.environment }

    /// `http://<host>:<port>`, with wildcard addresses shown as `localhost` so the link works in a browser.
    static func derivedPublicURL(host: String, port: Int) -> URL {
        let shown: String
        switch host {
        case "0.0.0.0", "::", "[::]": shown = "localhost"
        default: shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
        return URL(string: "http://\(shown):\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// The same configuration once the server has bound `port` (matters when the configured port is 0).
    public func bound(to port: Int) -> FoyerConfiguration {
        var copy = self
        copy.port = port
        if publicURLIsDerived { copy.publicURL = Self.derivedPublicURL(host: host, port: port) }
        return copy
    }
}
