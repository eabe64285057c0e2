import AsyncHTTPClient
import Foundation
import FoyerApp
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import NIOCore
import NIOHTTP1
import Testing

@Suite struct ServerTests {
    @Test func start_onPortZero_servesHealthOverHTTP_andShutsDownGracefully() async throws {
        let folder = try TemporaryFolder()
        let configuration = try FoyerConfiguration.resolve(
            flags: ConfigurationInput(host: "127.0.0.1", port: "0", dataDirectory: folder.path, logLevel: "warning"),
            environment: [:])
        let app = try await AppEnvironment.open(configuration)
        let server = try await FoyerServer.start(configuration: configuration, storage: app.storage)
        #expect(server.port > 0)
        #expect(server.url.absoluteString == "http://127.0.0.1:\(server.port)")
        #expect(server.configuration.publicURL.absoluteString == "http://127.0.0.1:\(server.port)")

        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: server.url.absoluteString + "/health"), timeout: .seconds(60))
        #expect(response.status.code == 200)
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(body.contains("\"reachable\":true"))

        // The web layer knows the real port too: the OpenAPI document names it as the server address.
        let openAPI = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: server.url.absoluteString + "/api/v1/openapi.json"), timeout: .seconds(60))
        let document = String(buffer: try await openAPI.body.collect(upTo: 1 << 22))
        #expect(document.contains("127.0.0.1:\(server.port)/api/v1"))

        await server.shutdown()
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: server.url.absoluteString + "/health"), timeout: .seconds(2))
        }
    }

    @Test func start_onAPortInUse_failsInsteadOfHanging() async throws {
        let folder = try TemporaryFolder()
        let configuration = try FoyerConfiguration.resolve(
            flags: ConfigurationInput(host: "127.0.0.1", port: "0", dataDirectory: folder.path, logLevel: "warning"),
            environment: [:])
        let app = try await AppEnvironment.open(configuration)
        let first = try await FoyerServer.start(configuration: configuration, storage: app.storage)
        let taken = try FoyerConfiguration.resolve(
            flags: ConfigurationInput(
                host: "127.0.0.1", port: String(first.port), dataDirectory: folder.path,
                logLevel: "warning"),
            environment: [:])
        await #expect(throws: (any Error).self) {
            _ = try await FoyerServer.start(configuration: taken, storage: app.storage)
        }
        await first.shutdown()
    }

    @Test(.enabled(if: FoyerBinary.locate() != nil, "Skipped: no foyer binary; run `swift build` first."))
    func foyerBinary_serveOnPortZero_printsItsURL_andExitsCleanlyOnSIGTERMOrSIGINT() async throws {
        for signal in [SIGTERM, SIGINT] {
            try await serveThenStop(with: signal)
        }
    }

    private func serveThenStop(with signal: Int32) async throws {
        let binary = try #require(FoyerBinary.locate())
        let folder = try TemporaryFolder()
        let server = try await FoyerServerProcess.start(
            binary: binary, arguments: ["serve", "--data", folder.path, "--port", "0"],
            environment: ["FOYER_LOG_LEVEL": "warning"], startTimeout: .seconds(60))
        #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: server.baseURL + "/health"), timeout: .seconds(60))
        #expect(response.status.code == 200)

        let started = ContinuousClock.now
        server.process.send(signal: signal)
        while server.process.isRunning, ContinuousClock.now - started < .seconds(5) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(server.process.terminationStatus == 0, "signal \(signal) did not end the server cleanly")
        await server.stop()
        let key = try FileManager.default.attributesOfItem(atPath: folder.path + "/secret.key")
        #expect((key[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test(.enabled(if: FoyerBinary.locate() != nil, "Skipped: no foyer binary; run `swift build` first."))
    func foyerBinary_withBadPort_printsOneLineNamingTheKey_andFails() async throws {
        let binary = try #require(FoyerBinary.locate())
        let folder = try TemporaryFolder()
        let process = try ChildProcess(
            binary, arguments: ["serve", "--data", folder.path], environment: ["FOYER_PORT": "abc"])
        let started = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - started < .seconds(20) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(process.terminationStatus != 0)
        #expect(process.printed.contains("FOYER_PORT: \"abc\" is not a port number (0-65535)"))
        await process.stop()
    }

    @Test(.enabled(if: FoyerBinary.locate() != nil, "Skipped: no foyer binary; run `swift build` first."))
    func foyerBinary_demoOnAFolderWithData_onlyServes_andPrintsNoDemoCredentials() async throws {
        let binary = try #require(FoyerBinary.locate())
        let folder = try TemporaryFolder()
        try await RecordingConsole(input: "a long password\n").run([
            "user", "add", "--data", folder.path, "--email", "someone@example.org", "--name", "Someone",
        ])
        let server = try await FoyerServerProcess.start(
            binary: binary, arguments: ["demo", "--data", folder.path, "--port", "0"],
            environment: ["FOYER_LOG_LEVEL": "warning"], startTimeout: .seconds(60))
        #expect(server.process.printed.contains("already has data: serving it as it is."))
        #expect(!server.process.printed.contains(DemoGenerator.demoPassword))
        #expect(server.announcement.password == nil)
        #expect(await server.stop())
        let storage = try SQLiteDatabase.open(path: folder.path + "/foyer.sqlite").storage
        #expect(try await storage.users.count() == 1)
    }
}
