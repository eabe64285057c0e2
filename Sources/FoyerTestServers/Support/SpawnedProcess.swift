import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn` the way every test server needs: standard input from
/// `/dev/null`, as the leader of its own process group, with an empty signal mask and the default handlers for
/// the termination signals. Test runners block signals in their threads, and a child inheriting that mask would
/// never see the SIGTERM asking it to stop; signalling the group ends whatever the child started itself.
///
/// Where its output goes is the caller's choice (a pipe for ``ChildProcess`` in FoyerTestSupport, a log file
/// for Synapse), given as file actions for descriptors 1 and 2.
public final class SpawnedProcess: Sendable {
    public let executable: String
    public let processIdentifier: pid_t
    private let exitStatus = Mutex<Int32?>(nil)

    /// Why a child could not be started: the `errno`-style code `posix_spawn` returned.
    public struct Failure: Error, Sendable {
        public let executable: String
        public let code: Int32
    }

    /// - Parameters:
    ///   - environment: added to (and overriding) this process's environment.
    ///   - output: adds the file actions that give the child its standard output and error.
    /// - Throws: ``Failure`` when the file cannot be executed.
    public init(
        _ executable: String, arguments: [String], environment: [String: String] = [:],
        output: (inout posix_spawn_file_actions_t) -> Void
    ) throws {
        self.executable = executable
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        output(&actions)

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

        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw Failure(executable: executable, code: result) }
        processIdentifier = pid
    }

    /// The exit status once the child has ended (128 + the signal number when a signal ended it), else `nil`.
    /// Collects it without blocking.
    public var terminationStatus: Int32? {
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

    public var isRunning: Bool { terminationStatus == nil }

    /// Sends `signal` to the child's whole process group.
    public func signalGroup(_ signal: Int32) {
        _ = kill(-processIdentifier, signal)
    }

    /// Sends `signal` to the child alone, if it still runs.
    public func signal(_ signal: Int32) {
        if isRunning { _ = kill(processIdentifier, signal) }
    }
}
