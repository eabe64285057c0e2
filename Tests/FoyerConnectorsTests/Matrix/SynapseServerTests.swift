import Foundation
import FoyerTestServers
import Testing

/// The test homeserver itself: how it is found, started, and cleaned up.
@Suite struct SynapseServerTests {
    @Test func python_comesFromTheEnvironmentVariable_whenItNamesAnExecutable() {
        let variable = SynapseInstallation.environmentVariable
        #expect(SynapseInstallation.python(environment: [variable: "/bin/sh"]) == "/bin/sh")
        #expect(SynapseInstallation.python(environment: [variable: "/nonexistent/bin/python3"]) == nil)
    }

    @Test func start_withAPythonThatCannotRun_failsWithAReason() async throws {
        let error = try await #require(throws: SynapseError.self) {
            _ = try await SynapseServer.start(python: "/nonexistent/bin/python3")
        }
        #expect(error.description.contains("/nonexistent/bin/python3"))
    }

    @Test(.enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
    func ownServer_answers_registersUniqueUsers_andStopsCleanly() async throws {
        let synapse = try await SynapseServer.start()
        let first = try await synapse.registerUser("same")
        let second = try await synapse.registerUser("same")
        #expect(first.userID != second.userID)
        #expect(first.userID.hasSuffix(":\(synapse.serverName)"))
        #expect(first.homeserverURL == synapse.baseURL)
        let again = try await synapse.login(first)
        #expect(again.userID == first.userID)
        #expect(again.accessToken != first.accessToken)
        // The log keeps the requests (the login just made is among the last lines, whatever the background
        // jobs of a fresh server write around it).
        #expect(synapse.logTail(lines: 400).contains("/login"), "\(synapse.logTail())")

        await synapse.stop()
        #expect(!synapse.isRunning)
        #expect(!FileManager.default.fileExists(atPath: synapse.directory.path))
    }

    @Test(.enabled(if: SynapseInstallation.runsTests, Comment(rawValue: SynapseInstallation.skipReason)))
    func failedLogins_areRateLimitedWithRetryAfter() async throws {
        let synapse = try await SynapseServer.shared()
        let user = try await synapse.registerUser("forgetful")
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<8 where retryAfter == nil {
            let answer = try await synapse.loginAttempt(username: user.username, password: "wrong")
            statuses.append(answer.status)
            if answer.status == 429 { retryAfter = answer.headers["retry-after"] }
        }
        #expect(statuses.prefix(3).allSatisfy { $0 == 403 })
        #expect(statuses.last == 429)
        #expect(Int(retryAfter ?? "") ?? 0 > 0)
    }
}
