import ArgumentParser
import Foundation
import FoyerCore
import Logging

/// `foyer serve`: runs Foyer until SIGTERM or SIGINT.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Foyer server.",
        discussion: """
            Opens (and migrates) <data>/foyer.sqlite, listens on --host/--port, and prints the URL once \
            listening. Stops gracefully on SIGTERM or Ctrl-C: requests in flight finish first. \
            Every flag has a FOYER_* environment variable; flags win over the environment.
            """)

    @OptionGroup public var dataOptions: DataOptions
    @OptionGroup public var serverOptions: ServerOptions

    public init() {}

    public func run() async throws {
        let console = Console.current
        let configuration = try await reportingFailures {
            try FoyerConfiguration.resolve(
                flags: ConfigurationInput(data: dataOptions, server: serverOptions), environment: console.environment)
        }
        Observability.bootstrap(logLevel: configuration.logLevel, format: configuration.logFormat)
        let server = try await reportingFailures {
            let app = try await AppEnvironment.open(configuration)
            _ = try app.sealer()  // A bad key must stop the start, not the first connector.
            ServeCommand.checkTextAnalysis()
            return try await FoyerServer.start(configuration: configuration, storage: app.storage, handleSignals: true)
        }
        ServeCommand.announce(server, console: console)
        try await server.waitUntilStopped()
        Logger(label: "foyer").info("Stopped")
    }

    /// Logs a warning when FoyerText's bundled resources are missing (analysis would then be degraded).
    static func checkTextAnalysis() {
        let problems = FoyerTextAnalyzer().resourceProblems
        guard !problems.isEmpty else { return }
        Logger(label: "foyer").warning(
            "Text analysis resources are incomplete", metadata: ["problems": "\(problems.joined(separator: "; "))"])
    }

    /// `Foyer is running at http://127.0.0.1:8080`, and the public URL when it differs.
    static func announce(_ server: RunningFoyerServer, console: Console) {
        console.print("Foyer is running at \(server.url.absoluteString)")
        let publicURL = server.configuration.publicURL.absoluteString
        if publicURL != server.url.absoluteString {
            console.print("Public URL: \(publicURL)")
        }
    }
}
