import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started by a test (chromedriver, the `foyer` binary), with its output captured.
///
/// The child runs in its own process group (Foundation's `Process` starts it so), and ``stop(grace:)`` signals
/// the whole group: whatever the child started itself (Chromium under chromedriver) ends with it. Every wait
/// is bounded. Call ``stop(grace:)`` on every path, or use ``ChildProcess/withRunning(_:arguments:environment:_:)``.
public final class ChildProcess: Sendable {
    /// The path it was started from, for messages.
    public let executable: String
    public let processIdentifier: Int32
    private let process: Process
    private let output = CapturedOutput()

    /// Starts `executable` with `arguments`; standard output and error are captured together.
    ///
    /// - Parameter environment: added to (and overriding) this process's environment.
    /// - Throws: when the file cannot be executed.
    public init(_ executable: String, arguments: [String], environment: [String: String] = [:]) throws {
        self.executable = executable
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        self.process = process
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                output.append(data)
            }
        }
        try process.run()
        self.processIdentifier = process.processIdentifier
    }

    /// Everything the child printed so far on standard output and error.
    public var printed: String { output.text }

    public var isRunning: Bool { process.isRunning }

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
            if !process.isRunning {
                // Let the last bytes arrive before giving up.
                try await Task.sleep(for: .milliseconds(100))
                let last = printed
                if expression.firstMatch(in: last, range: NSRange(last.startIndex..., in: last)) != nil { continue }
                throw WebDriverError.exitedEarly(executable: executable, status: process.terminationStatus, output: last)
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
        guard process.isRunning else {
            killGroup(SIGKILL)
            return true
        }
        killGroup(SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while process.isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let graceful = !process.isRunning
        // Children of the child (Chromium's helpers) may outlive it: end the whole group.
        killGroup(SIGKILL)
        let hardDeadline = clock.now.advanced(by: .seconds(5))
        while process.isRunning, clock.now < hardDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return graceful
    }

    /// Sends `signal` to the child alone (not its group): to test how it handles SIGINT or SIGTERM.
    public func send(signal: Int32) {
        if process.isRunning { kill(processIdentifier, signal) }
    }

    /// The exit status once the child has ended, else `nil`.
    public var terminationStatus: Int32? {
        process.isRunning ? nil : process.terminationStatus
    }

    private func killGroup(_ signal: Int32) {
        // A negative pid names the process group, which Foundation made equal to the child's pid.
        if getpgid(processIdentifier) == processIdentifier {
            kill(-processIdentifier, signal)
        } else if process.isRunning {
            kill(processIdentifier, signal)
        }
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
