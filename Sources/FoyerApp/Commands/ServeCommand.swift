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
        try await Self.serve(flags: ConfigurationInput(data: dataOptions, server: serverOptions), console: .current)
    }

    /// The start shared by `serve` and `demo`: resolves the configuration, sets up logs and metrics, opens the
    /// data folder, lets `prepare` fill it, serves, prints where (then the lines `prepare` returned), and waits
    /// for SIGTERM or SIGINT.
    static func serve(
        flags: ConfigurationInput, console: Console,
        prepare: (FoyerConfiguration, AppEnvironment, AESGCMCredentialSealer) async throws -> [String] = { _, _, _ in [] }
    ) async throws {
        let configuration = try await reportingFailures {
            try FoyerConfiguration.resolve(flags: flags, environment: console.environment)
        }
        Observability.bootstrap(logLevel: configuration.logLevel, format: configuration.logFormat)
        let (server, notes) = try await reportingFailures {
            let app = try await AppEnvironment.open(configuration)
            let sealer = try app.sealer()  // A bad key must stop the start, not the first connector.
            checkTextAnalysis()
            let notes = try await prepare(configuration, app, sealer)
            let server = try await FoyerServer.start(
                configuration: configuration, storage: app.storage, handleSignals: true,
                workers: WorkerSetup(sealer: sealer))
            return (server, notes)
        }
        announce(server, console: console)
        for line in notes { console.print(line) }
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
