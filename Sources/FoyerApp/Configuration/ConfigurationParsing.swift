import Foundation
import Logging

/// Validators for configuration values. Each throws a ``ConfigurationError`` that names `key` and never
/// echoes a secret.
enum ConfigurationParsing {
    static func host(_ raw: String, key: String) throws -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]_")
        guard !value.isEmpty, value.count <= 253, value.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw ConfigurationError(
                key: key, message: "\(quoted(raw)) is not a host name or IP address (for example 127.0.0.1 or 0.0.0.0)")
        }
        if value.hasPrefix("[") && value.hasSuffix("]") { return String(value.dropFirst().dropLast()) }
        return value
    }

    static func port(_ raw: String, key: String) throws -> Int {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard value.allSatisfy(\.isASCII), let port = Int(value), (0...65_535).contains(port) else {
            throw ConfigurationError(key: key, message: "\(quoted(raw)) is not a port number (0-65535)")
        }
        return port
    }

    static func directory(_ raw: String, key: String, relativeTo base: URL) throws -> URL {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, !value.contains("\0") else {
            throw ConfigurationError(
                key: key, message: "\(quoted(raw)) is not a folder path (for example ./foyer-data)")
        }
        let expanded = (value as NSString).expandingTildeInPath
        let url =
            expanded.hasPrefix("/")
            ? URL(fileURLWithPath: expanded, isDirectory: true)
            : base.appendingPathComponent(expanded, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ConfigurationError(key: key, message: "\(quoted(raw)) is a file; give a folder path")
        }
        return url.standardizedFileURL
    }

    static func publicURL(_ raw: String, key: String) throws -> URL {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else {
            throw ConfigurationError(key: key, message: "\(quoted(raw)) must be an http or https URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ConfigurationError(
                key: key, message: "\(quoted(raw)) must name a host, as in https://foyer.example.org")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw ConfigurationError(
                key: key, message: "\(quoted(raw)) must not have a query, a fragment or credentials")
        }
        var trimmed = value
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed) else {
            throw ConfigurationError(key: key, message: "\(quoted(raw)) must be an http or https URL")
        }
        return url
    }

    static func secretKey(_ raw: String, key: String) throws -> Data {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: value), data.count == SecretKeyFile.keyLength else {
            throw ConfigurationError(
                key: key,
                message: "must be the base64 of \(SecretKeyFile.keyLength) random bytes "
                    + "(generate one with `openssl rand -base64 32`)"
            )
        }
        return data
    }

    static func logLevel(_ raw: String, key: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(key: key, message: "\(quoted(raw)) is not a log level (\(names))")
        }
        return level
    }

    static func logFormat(_ raw: String, key: String) throws -> FoyerConfiguration.LogFormat {
        guard let format = FoyerConfiguration.LogFormat(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased())
        else {
            throw ConfigurationError(key: key, message: "\(quoted(raw)) is not a log format (logfmt, json)")
        }
        return format
    }

    static func boolean(_ raw: String, key: String) throws -> Bool {
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ConfigurationError(key: key, message: "\(quoted(raw)) is not true or false")
        }
    }

    /// The value in double quotes, shortened and with control characters escaped, safe to print.
    static func quoted(_ raw: String) -> String {
        let short = raw.count > 80 ? String(raw.prefix(80)) + "…" : raw
        var escaped = ""
        for scalar in short.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default:
                if CharacterSet.controlCharacters.contains(scalar) {
                    escaped += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"\(escaped)\""
    }
}
