import Foundation

/// Where the browser test finds `chromedriver` and Chromium, and whether it may skip without them.
///
/// Debian's `chromium-driver` and `chromium` packages install `/usr/bin/chromedriver` and `/usr/bin/chromium`;
/// `FOYER_CHROMEDRIVER` and `FOYER_CHROMIUM` override the paths.
public struct BrowserTools: Sendable, Equatable {
    public var chromedriver: String
    public var chromium: String

    public init(chromedriver: String, chromium: String) {
        self.chromedriver = chromedriver
        self.chromium = chromium
    }

    /// The tools found on this machine, or why they are not usable.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<BrowserTools, MissingBrowserTools> {
        let chromedriver = executable(
            environment["FOYER_CHROMEDRIVER"],
            candidates: ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver", "/usr/local/bin/chromedriver"],
            environment: environment, name: "chromedriver")
        let chromium = executable(
            environment["FOYER_CHROMIUM"],
            candidates: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"],
            environment: environment, name: "chromium")
        guard let chromedriver, let chromium else {
            var missing: [String] = []
            if chromedriver == nil { missing.append("chromedriver") }
            if chromium == nil { missing.append("chromium") }
            return .failure(MissingBrowserTools(missing: missing))
        }
        return .success(BrowserTools(chromedriver: chromedriver, chromium: chromium))
    }

    /// `true` when running in continuous integration (`CI=true` or `CI=1`), where a browser test must never skip.
    public static func isContinuousIntegration(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Bool
    {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    private static func executable(
        _ override: String?, candidates: [String], environment: [String: String], name: String
    ) -> String? {
        let fileManager = FileManager.default
        if let override, !override.isEmpty {
            return fileManager.isExecutableFile(atPath: override) ? override : nil
        }
        let onPath = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        return (candidates + onPath).first { fileManager.isExecutableFile(atPath: $0) }
    }
}

/// Why the browser test cannot run here.
public struct MissingBrowserTools: Error, Sendable, Equatable, CustomStringConvertible {
    public var missing: [String]

    public init(missing: [String]) { self.missing = missing }

    public var description: String {
        "\(missing.joined(separator: " and ")) not found: install Debian's chromium and chromium-driver packages "
            + "(apt-get install -y chromium chromium-driver) or set FOYER_CHROMIUM / FOYER_CHROMEDRIVER"
    }
}
