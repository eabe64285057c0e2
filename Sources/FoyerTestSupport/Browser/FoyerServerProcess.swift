import Foundation

/// The real `foyer` binary running on a loopback port, with what it printed at start.
///
/// `foyer demo --data <folder> --port 0` fills an empty folder with the deterministic demo workspace, then
/// serves it and prints `Foyer is running at http://127.0.0.1:PORT` and the demo sign-in. Stop it with
/// ``stop()``, or use ``withDemo(binary:dataDirectory:startTimeout:_:)``.
public struct FoyerServerProcess: Sendable {
    public let process: ChildProcess
    /// What it printed once listening: the URL and, for the demo, the sign-in.
    public let announcement: FoyerStartupAnnouncement

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { announcement.baseURL }

    /// Runs `binary` with `arguments` and waits until it prints the URL it serves at.
    ///
    /// - Throws: ``WebDriverError/startTimedOut(executable:waitingFor:output:)`` or
    ///   ``WebDriverError/exitedEarly(executable:status:output:)``, with everything it printed.
    public static func start(
        binary: String, arguments: [String], environment: [String: String] = [:], startTimeout: Duration = .seconds(180)
    ) async throws -> FoyerServerProcess {
        let process = try ChildProcess(binary, arguments: arguments, environment: environment)
        do {
            _ = try await process.waitForOutput(matching: FoyerStartupAnnouncement.urlPattern, timeout: startTimeout)
            // The sign-in lines come with the URL; give them a moment in case they follow it.
            try await Task.sleep(for: .milliseconds(300))
            guard let announcement = FoyerStartupAnnouncement.parse(process.printed) else {
                throw WebDriverError.startTimedOut(
                    executable: binary, waitingFor: "its URL", output: process.printed)
            }
            return FoyerServerProcess(process: process, announcement: announcement)
        } catch {
            await process.stop()
            throw error
        }
    }

    /// Starts `foyer demo` on `dataDirectory` (created and filled when empty) on a free loopback port.
    public static func startDemo(
        binary: String, dataDirectory: URL, startTimeout: Duration = .seconds(180)
    ) async throws -> FoyerServerProcess {
        try await start(
            binary: binary,
            arguments: ["demo", "--data", dataDirectory.path, "--host", "127.0.0.1", "--port", "0"],
            environment: ["FOYER_LOG_LEVEL": "warning"],
            startTimeout: startTimeout)
    }

    /// Runs `foyer demo` on `dataDirectory` on a free loopback port, runs `body`, then stops the server
    /// (SIGTERM, then SIGKILL after 10 s) whether `body` returns or throws.
    public static func withDemo<Result: Sendable>(
        binary: String, dataDirectory: URL, startTimeout: Duration = .seconds(180),
        _ body: (FoyerServerProcess) async throws -> Result
    ) async throws -> Result {
        let server = try await startDemo(binary: binary, dataDirectory: dataDirectory, startTimeout: startTimeout)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Ends the server gracefully (SIGTERM), forcefully after 10 s. Returns whether it ended gracefully.
    @discardableResult
    public func stop() async -> Bool {
        await process.stop(grace: .seconds(10))
    }
}
