import Foundation

/// Where the Synapse Python environment is, and whether tests that need it run.
///
/// CI (`.ci/run`) installs `matrix-synapse` from PyPI into a virtual environment and exports
/// `FOYER_SYNAPSE_PYTHON`; on a developer machine the same script puts the environment under
/// `~/.cache/foyer-ci/synapse`.
public enum SynapseInstallation {
    /// The environment variable naming the virtual environment's `python3`.
    public static let environmentVariable = "FOYER_SYNAPSE_PYTHON"

    /// Where `.ci/run` creates the environment when the variable is not set: as root, then as a user.
    public static var defaultLocations: [String] {
        var locations = ["/opt/foyer-ci/synapse/bin/python3"]
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        if !home.isEmpty { locations.append(home + "/.cache/foyer-ci/synapse/bin/python3") }
        return locations
    }

    /// The Python that has Synapse installed: `FOYER_SYNAPSE_PYTHON`, else the first default location that
    /// exists. `nil` when there is none.
    public static func python(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fileManager = FileManager.default
        if let configured = environment[environmentVariable], !configured.isEmpty {
            return fileManager.isExecutableFile(atPath: configured) ? configured : nil
        }
        return defaultLocations.first { fileManager.isExecutableFile(atPath: $0) }
    }

    /// Whether a Synapse environment was found.
    public static var isAvailable: Bool { python() != nil }

    /// Whether tests that need Synapse should run: when it is installed, and always in CI, where a missing
    /// Synapse must fail the tests instead of skipping them (``TestServers/required``).
    ///
    /// ```swift
    /// @Suite(.enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
    /// ```
    public static var runsTests: Bool { isAvailable || TestServers.required }

    /// Why Synapse tests are skipped.
    public static let skipReason =
        "Skipped: no Synapse found; set FOYER_SYNAPSE_PYTHON to a python3 with matrix-synapse, or run .ci/run."
}
