import Foundation
import FoyerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Child processes")
struct ChildProcessTests {
    /// Whether `pid` runs: a zombie (ended, not yet reaped by init) counts as ended.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // The state follows the command name in parentheses: "1234 (sleep) S ...".
        guard let close = status.lastIndex(of: ")") else { return false }
        let state = status[status.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }

    @Test func start_unblocksSignalsTheTestRunnerBlocks() async throws {
        let child = try ChildProcess(
            "/bin/sh", arguments: ["-c", "grep -E '^Sig(Blk|Ign)' /proc/self/status; sleep 30"])
        let match = try await child.waitForOutput(matching: #"SigBlk:\s*([0-9a-f]+)"#, timeout: .seconds(60))
        await child.stop()
        #expect(UInt64(match[1], radix: 16) == 0, "signals blocked in the child: \(match[1])")
    }

    @Test func waitForOutput_returnsTheCaptureGroupsOnceThePatternIsPrinted() async throws {
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "sleep 0.2; echo 'started on port 4242'; sleep 30"])
        let match = try await child.waitForOutput(matching: #"on port (\d+)"#, timeout: .seconds(60))
        await child.stop()
        #expect(match == ["on port 4242", "4242"])
    }

    @Test func waitForOutput_whenTheChildExitsFirst_throwsWithItsOutput() async throws {
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "echo 'Error: no such flag'; exit 64"])
        await #expect {
            try await child.waitForOutput(matching: "running at", timeout: .seconds(60))
        } throws: { error in
            guard case WebDriverError.exitedEarly(_, let status, let output) = error else { return false }
            return status == 64 && output.contains("no such flag")
        }
        await child.stop()
    }

    @Test func waitForOutput_whenNothingMatchesInTime_throwsTimedOut() async throws {
        // The child outlives any delay a loaded machine puts on the 300 ms timer; `stop` ends it.
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "echo booting; sleep 600"])
        await #expect {
            try await child.waitForOutput(matching: "running at", timeout: .milliseconds(300))
        } throws: { error in
            guard case WebDriverError.startTimedOut(_, _, let output) = error else { return false }
            return output.contains("booting")
        }
        await child.stop()
    }

    @Test func stop_endsTheChildAndWhatItStarted() async throws {
        // The shell starts a grandchild and prints its pid; stopping the child must end both.
        let child = try ChildProcess("/bin/sh", arguments: ["-c", "sleep 60 & echo \"grandchild $!\"; wait"])
        let grandchild = try #require(
            Int32(try await child.waitForOutput(matching: #"grandchild (\d+)"#, timeout: .seconds(60))[1]))
        let graceful = await child.stop(grace: .seconds(5))
        #expect(graceful)
        #expect(!child.isRunning)
        try await Task.sleep(for: .milliseconds(200))
        #expect(Self.isAlive(grandchild) == false, "the grandchild \(grandchild) survived")
    }

    @Test func stop_whenTheChildIgnoresSIGTERM_killsItAfterTheGracePeriod() async throws {
        let child = try ChildProcess(
            "/bin/sh", arguments: ["-c", "trap '' TERM; echo ready; while true; do sleep 1; done"])
        _ = try await child.waitForOutput(matching: "ready", timeout: .seconds(60))
        let graceful = await child.stop(grace: .milliseconds(300))
        #expect(!graceful)
        #expect(!child.isRunning)
    }
}

@Suite("Browser tools")
struct BrowserToolsTests {
    @Test func locate_withOverridesThatDoNotExist_namesWhatIsMissing() {
        let result = BrowserTools.locate(environment: [
            "FOYER_CHROMEDRIVER": "/nonexistent/chromedriver", "FOYER_CHROMIUM": "/nonexistent/chromium", "PATH": "",
        ])
        guard case .failure(let missing) = result else {
            Issue.record("found tools that do not exist: \(result)")
            return
        }
        #expect(missing.missing == ["chromedriver", "chromium"])
        #expect(missing.description.contains("apt-get install -y chromium chromium-driver"))
    }

    @Test func locate_withExecutableOverrides_usesThem() {
        let result = BrowserTools.locate(environment: ["FOYER_CHROMEDRIVER": "/bin/sh", "FOYER_CHROMIUM": "/bin/ls"])
        #expect((try? result.get()) == BrowserTools(chromedriver: "/bin/sh", chromium: "/bin/ls"))
    }

    @Test(arguments: [("true", true), ("1", true), ("TRUE", true), ("false", false), ("", false)])
    func isContinuousIntegration_readsTheCIVariable(value: String, expected: Bool) {
        #expect(BrowserTools.isContinuousIntegration(environment: ["CI": value]) == expected)
    }

    @Test func shouldRun_withoutTools_skipsLocallyButRunsAndFailsInCI() {
        let missing = Result<BrowserTools, MissingBrowserTools>.failure(MissingBrowserTools(missing: ["chromium"]))
        let found = Result<BrowserTools, MissingBrowserTools>.success(BrowserTools(chromedriver: "a", chromium: "b"))
        #expect(!BrowserTestEnvironment.shouldRun(tools: missing, isContinuousIntegration: false))
        #expect(BrowserTestEnvironment.shouldRun(tools: missing, isContinuousIntegration: true))
        #expect(BrowserTestEnvironment.shouldRun(tools: found, isContinuousIntegration: false))
    }

    @Test func isContinuousIntegration_withoutTheVariable_isFalse() {
        #expect(!BrowserTools.isContinuousIntegration(environment: [:]))
    }
}
