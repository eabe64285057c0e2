import Foundation
import Synchronization

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
    let processIdentifier: pid_t
    let logFile: URL
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments`; output is appended to `logFile`, standard input is `/dev/null`.
    init(_ executable: String, arguments: [String], logFile: URL, workingDirectory: URL) throws {
        self.executable = executable
        self.logFile = logFile

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaultSignals, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        // Python must not buffer the log, so the tail in an error message is current.
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PWD"] = workingDirectory.path
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SynapseError.cannotStart("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        processIdentifier = pid
    }

    /// The exit status once the child has ended (128 + the signal number when a signal ended it), else `nil`.
    var terminationStatus: Int32? {
        exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            let result = waitpid(processIdentifier, &raw, WNOHANG)
            if result == processIdentifier {
                let signal = raw & 0x7f
                status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            } else if result == -1, errno == ECHILD {
                status = -1
            }
            return status
        }
    }

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
            signalGroup(processIdentifier, SIGTERM)
            _ = await waitForExit(timeout: grace)
        }
        signalGroup(processIdentifier, SIGKILL)
        _ = await waitForExit(timeout: .seconds(5))
    }

    /// SIGKILL to the group at once, without waiting: for `deinit`.
    func kill() {
        signalGroup(processIdentifier, SIGKILL)
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

/// Sends `signal` to the process group that `leader` leads (`kill(2)` with a negative pid); a free function so
/// that the name does not clash with ``LoggedProcess/kill()``.
private func signalGroup(_ leader: pid_t, _ signal: Int32) {
    _ = kill(-leader, signal)
}
