import Foundation

/// Whether a test that needs a local server must fail rather than skip when the server is missing:
/// CI installs every server, so a missing one there is a broken setup, not a reason to skip.
public enum TestServers {
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
