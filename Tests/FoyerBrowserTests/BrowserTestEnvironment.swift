import Foundation
import FoyerTestSupport

/// What the browser test needs from the machine, and the rule for missing pieces: skip with a reason on a
/// developer machine, fail in continuous integration (`CI=true`), where it must never skip silently.
enum BrowserTestEnvironment {
    static let tools = BrowserTools.locate()
    static let isContinuousIntegration = BrowserTools.isContinuousIntegration()

    /// Whether the browser test runs: always in CI (and fails there if something is missing), else only when
    /// chromedriver and Chromium are installed.
    static var shouldRun: Bool { shouldRun(tools: tools, isContinuousIntegration: isContinuousIntegration) }

    static func shouldRun(
        tools: Result<BrowserTools, MissingBrowserTools>, isContinuousIntegration: Bool
    ) -> Bool {
        if isContinuousIntegration { return true }
        if case .success = tools { return true }
        return false
    }

    /// The browser tools, or the reason they are missing (which fails the test).
    static func requireTools() throws -> BrowserTools {
        try tools.get()
    }

    /// The `foyer` executable built with the tests.
    static func requireBinary(sourceFile: String = #filePath) throws -> String {
        guard let binary = FoyerBinary.locate(sourceFile: sourceFile) else {
            throw MissingFoyerBinary(
                searched: FoyerBinary.candidates(
                    sourceFile: sourceFile, environment: ProcessInfo.processInfo.environment))
        }
        return binary
    }

    /// The package root (the folder holding `Package.swift`), to write screenshots into `docs/`.
    static func packageRoot(sourceFile: String = #filePath) -> URL {
        URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `FOYER_UPDATE_SCREENSHOTS=1` also writes the home page screenshots to `docs/`.
    static var updatesScreenshots: Bool {
        ProcessInfo.processInfo.environment["FOYER_UPDATE_SCREENSHOTS"] == "1"
    }
}

struct MissingFoyerBinary: Error, CustomStringConvertible {
    var searched: [String]
    var description: String {
        "The foyer executable was not found (run `swift build` first, or set FOYER_BINARY). Searched: "
            + searched.joined(separator: ", ")
    }
}
