import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process whose standard output and error go to a file (never to a pipe that nobody might read,
/// which would block the child once the pipe buffer is full).
///
/// The child leads its own process group, with an empty signal mask and the default termination handlers
/// (test runners block signals in their threads, and a child inheriting that mask would ignore SIGTERM).
/// ``terminate(grace:)`` and ``kill()`` signal the whole group.
final class LoggedProcess: Sendable {
    let executable: String
    let logFile: URL
    private let process: SpawnedProcess
    var processIdentifier: pid_t { process.processIdentifier }

    /// Starts `executable` with `arguments`; output is appended to `logFile`, standard input is `/dev/null`.
    init(_ executable: String, arguments: [String], logFile: URL, workingDirectory: URL) throws {
        self.executable = executable
        self.logFile = logFile

        // Python must not buffer the log, so the tail in an error message is current.
        let environment = ["PYTHONUNBUFFERED": "1", "PWD": workingDirectory.path]
        do {
            process = try SpawnedProcess(executable, arguments: arguments, environment: environment) { actions in
                posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            }
        } catch let failure as SpawnedProcess.Failure {
            throw SynapseError.cannotStart("cannot start \(executable): \(String(cString: strerror(failure.code)))")
        }
    }

    /// The exit status once the child has ended (128 + the signal number when a signal ended it), else `nil`.
    var terminationStatus: Int32? { process.terminationStatus }

    var isRunning: Bool { terminationStatus == nil }

    /// Waits (polling, without blocking a thread) until the child ends, or `timeout`.
    /// - Returns: the exit status, or `nil` on timeout.
    func waitForExit(timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let status = terminationStatus { return status }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return terminationStatus
    }

    /// SIGTERM to the group, up to `grace` to end, then SIGKILL to the group. Safe to call more than once.
    func terminate(grace: Duration) async {
        if isRunning {
            process.signalGroup(SIGTERM)
            _ = await waitForExit(timeout: grace)
        }
        process.signalGroup(SIGKILL)
        _ = await waitForExit(timeout: .seconds(5))
    }

    /// SIGKILL to the group at once, without waiting: for `deinit`.
    func kill() {
        process.signalGroup(SIGKILL)
        _ = terminationStatus
    }

    /// The last `lines` lines of the log, for error messages.
    func logTail(lines: Int = 40) -> String {
        LoggedProcess.tail(of: logFile, lines: lines)
    }

    static func tail(of file: URL, lines: Int) -> String {
        guard let data = try? Data(contentsOf: file) else { return "(no log at \(file.path))" }
        let text = String(decoding: data.suffix(64 * 1024), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
