import Foundation
import FoyerTestServers
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started by a test (chromedriver, the `foyer` binary), with its output captured.
///
/// The child is started with `posix_spawn` in its own process group, with an empty signal mask and the default
/// handlers for the termination signals: test runners block signals in their threads, and a child that
/// inherited that mask would never see the SIGTERM asking it to shut down gracefully. ``stop(grace:)`` signals
/// the whole group, so whatever the child started itself (Chromium under chromedriver) ends with it. Every
/// wait is bounded. Call ``stop(grace:)`` on every path, or use
/// ``ChildProcess/withRunning(_:arguments:environment:_:)``.
public final class ChildProcess: Sendable {
    /// The path it was started from, for messages.
    public let executable: String
    public var processIdentifier: Int32 { process.processIdentifier }
    private let process: SpawnedProcess
    private let output = CapturedOutput()
    private let reader: FileHandle

    /// Starts `executable` with `arguments`; standard output and error are captured together, standard input
    /// is `/dev/null`.
    ///
    /// - Parameter environment: added to (and overriding) this process's environment.
    /// - Throws: ``ChildProcessError`` when the file cannot be executed.
    public init(_ executable: String, arguments: [String], environment: [String: String] = [:]) throws {
        self.executable = executable
        var pipeEnds: [Int32] = [-1, -1]
        guard Self.makePipe(&pipeEnds) == 0 else { throw ChildProcessError(executable: executable, code: errno) }

        let writeEnd = pipeEnds[1]
        do {
            process = try SpawnedProcess(executable, arguments: arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
                posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
            }
        } catch let failure as SpawnedProcess.Failure {
            close(pipeEnds[0])
            close(writeEnd)
            throw ChildProcessError(executable: executable, code: failure.code)
        }
        close(writeEnd)

        let output = self.output
        reader = FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true)
        reader.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                output.append(data)
            }
        }
    }

    /// Everything the child printed so far on standard output and error.
    public var printed: String { output.text }

    public var isRunning: Bool { process.isRunning }

    /// The exit status once the child has ended (128 + the signal number when a signal ended it), else `nil`.
    public var terminationStatus: Int32? { process.terminationStatus }

    private static func makePipe(_ ends: inout [Int32]) -> Int32 {
        // Close-on-exec, so that children other tests start meanwhile do not inherit the ends.
        guard pipe(&ends) == 0 else { return -1 }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return 0
    }

    /// Waits until the output contains a match of `pattern` (a regular expression) and returns the match's
    /// capture groups (index 0 is the whole match).
    ///
    /// - Throws: ``WebDriverError/exitedEarly(executable:status:output:)`` when the child ends first,
    ///   ``WebDriverError/startTimedOut(executable:waitingFor:output:)`` after `timeout`.
    public func waitForOutput(matching pattern: String, timeout: Duration) async throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let text = printed
            let range = NSRange(text.startIndex..., in: text)
            if let match = expression.firstMatch(in: text, range: range) {
                return (0..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
                }
            }
            if let status = terminationStatus {
                // Let the last bytes arrive before giving up.
                try await Task.sleep(for: .milliseconds(100))
                let last = printed
                if expression.firstMatch(in: last, range: NSRange(last.startIndex..., in: last)) != nil { continue }
                throw WebDriverError.exitedEarly(executable: executable, status: status, output: last)
            }
            if clock.now >= deadline {
                throw WebDriverError.startTimedOut(executable: executable, waitingFor: "/\(pattern)/", output: text)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Sends SIGTERM to the child's process group, waits up to `grace` for the child to end, then sends
    /// SIGKILL to the group. Safe to call more than once.
    ///
    /// - Returns: `true` when the child ended within the grace period (a graceful shutdown).
    @discardableResult
    public func stop(grace: Duration = .seconds(5)) async -> Bool {
        guard isRunning else {
            killGroup(SIGKILL)
            return true
        }
        killGroup(SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let graceful = !isRunning
        // Children of the child (Chromium's helpers) may outlive it: end the whole group.
        killGroup(SIGKILL)
        let hardDeadline = clock.now.advanced(by: .seconds(5))
        while isRunning, clock.now < hardDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return graceful
    }

    /// Sends `signal` to the child alone (not its group): to test how it handles SIGINT or SIGTERM.
    public func send(signal: Int32) {
        process.signal(signal)
    }

    private func killGroup(_ signal: Int32) {
        process.signalGroup(signal)
    }

    /// Runs `body` with a started child and stops the child afterwards, whether `body` returns or throws.
    public static func withRunning<Result: Sendable>(
        _ executable: String, arguments: [String], environment: [String: String] = [:],
        _ body: (ChildProcess) async throws -> Result
    ) async throws -> Result {
        let child = try ChildProcess(executable, arguments: arguments, environment: environment)
        do {
            let result = try await body(child)
            await child.stop()
            return result
        } catch {
            await child.stop()
            throw error
        }
    }
}

/// What a child printed so far, appended to from the pipe's reading thread.
private final class CapturedOutput: Sendable {
    private let storage = Mutex("")

    func append(_ data: Data) {
        storage.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }

    var text: String { storage.withLock { $0 } }
}

/// A child process could not be started.
public struct ChildProcessError: Error, Sendable, CustomStringConvertible {
    public var executable: String
    /// The `errno` value.
    public var code: Int32

    public var description: String {
        "cannot start \(executable): \(String(cString: strerror(code)))"
    }
}
