import AsyncHTTPClient
import Crypto
import Foundation
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real Matrix homeserver (Synapse, from PyPI) on 127.0.0.1, for tests.
///
/// ```swift
/// let synapse = try await SynapseServer.shared()           // one per test process, started on first use
/// let alice = try await synapse.registerUser("alice")      // a fresh user, signed in
/// let bob = try await synapse.registerUser("bob")
/// let room = try await alice.createRoom(invite: [bob.userID])
/// try await bob.join(room)
/// try await bob.send("Hello", to: room)
/// ```
///
/// Each server lives in its own temporary directory: a generated configuration (`--generate-config`) plus an
/// overriding `test-overrides.yaml` (Synapse merges the files given with `-c`, later ones win) that binds
/// 127.0.0.1 on a free port, turns off federation key servers, presence and open registration, sets a
/// shared registration secret and raises the rate limits tests would hit — except `rc_login.failed_attempts`
/// (three, then 429) and the per-user message limit an admin can lower (``MatrixTestClient/overrideMessageRateLimit(for:messagesPerSecond:burstCount:)``).
/// SQLite, no TLS. The log goes to `synapse.log` in that directory; start errors carry its tail.
///
/// The process is stopped by ``stop()``, or killed when the value is released. A small watchdog inside the
/// Python process also ends it (and removes the directory) when the test process is gone, so a crashed or
/// interrupted test run leaves no homeserver behind.
public final class SynapseServer: Sendable {
    /// `http://127.0.0.1:<port>`, the homeserver URL for clients.
    public let baseURL: String
    public let port: Int
    /// The Matrix server name: user ids are `@name:localhost`.
    public let serverName: String
    /// The temporary directory holding the configuration, the database and the log; removed on stop.
    public let directory: URL
    let registrationSharedSecret: String
    let http: MatrixTestHTTP
    private let process: LoggedProcess
    private let stopped = Mutex(false)
    private let userCounter = Atomic<Int>(0)

    /// The Synapse log file.
    public var logFile: URL { process.logFile }

    private init(
        port: Int, serverName: String, directory: URL, secret: String, process: LoggedProcess, httpClient: HTTPClient
    ) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.serverName = serverName
        self.directory = directory
        self.registrationSharedSecret = secret
        self.process = process
        self.http = MatrixTestHTTP(baseURL: "http://127.0.0.1:\(port)", httpClient: httpClient)
    }

    deinit {
        let alreadyStopped = stopped.withLock { $0 }
        if !alreadyStopped {
            process.kill()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Starts a new homeserver and waits until `/_matrix/client/versions` answers (a few seconds).
    ///
    /// Prefer ``shared()`` in tests: one server serves a whole test run, and users created with
    /// ``registerUser(_:admin:)`` have unique names.
    /// - Parameters:
    ///   - python: the `python3` of an environment with `matrix-synapse`; by default
    ///     ``SynapseInstallation/python(environment:)``.
    ///   - startTimeout: how long to wait for the homeserver to answer.
    /// - Throws: ``SynapseError/notInstalled(_:)`` without Synapse, ``SynapseError/startFailed(_:logTail:)``
    ///   when it does not come up.
    public static func start(
        python: String? = nil, httpClient: HTTPClient = .shared, startTimeout: Duration = .seconds(180)
    ) async throws -> SynapseServer {
        guard let python = python ?? SynapseInstallation.python() else {
            throw SynapseError.notInstalled(
                "No Synapse found: set \(SynapseInstallation.environmentVariable) to a python3 that has matrix-synapse "
                    + "(pip install matrix-synapse in a virtual environment), or run .ci/run, which installs it.")
        }
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory.appendingPathComponent(
            "foyer-synapse-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            let serverName = "localhost"
            try await generateConfiguration(python: python, serverName: serverName, directory: directory)
            let secret = randomSecret()
            var lastError: (any Error)?
            // A free port may be taken between the check and Synapse's bind: try a few.
            for _ in 0..<3 {
                guard let port = freeLoopbackPort() else {
                    throw SynapseError.cannotStart("no free port on 127.0.0.1")
                }
                try overrides(port: port, secret: secret).write(
                    to: directory.appendingPathComponent("test-overrides.yaml"), atomically: true, encoding: .utf8)
                let process = try LoggedProcess(
                    python,
                    arguments: [
                        "-c", watchdogLauncher, String(getpid()), directory.path,
                        "-c", directory.appendingPathComponent("homeserver.yaml").path,
                        "-c", directory.appendingPathComponent("test-overrides.yaml").path,
                    ],
                    logFile: directory.appendingPathComponent("synapse.log"), workingDirectory: directory)
                let server = SynapseServer(
                    port: port, serverName: serverName, directory: directory, secret: secret, process: process,
                    httpClient: httpClient)
                do {
                    try await server.waitUntilReady(timeout: startTimeout)
                    return server
                } catch {
                    lastError = error
                    await process.terminate(grace: .seconds(2))
                    server.stopped.withLock { $0 = true }
                    guard process.logTail(lines: 200).contains("Address already in use") else { throw error }
                }
            }
            throw lastError ?? SynapseError.cannotStart("Synapse did not start")
        } catch {
            try? fileManager.removeItem(at: directory)
            throw error
        }
    }

    /// Stops the homeserver (SIGTERM, then SIGKILL after a few seconds) and removes its directory.
    /// Safe to call more than once.
    public func stop() async {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        await process.terminate(grace: .seconds(5))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether the homeserver process is still running.
    public var isRunning: Bool { process.isRunning }

    /// The last `lines` lines of the Synapse log.
    public func logTail(lines: Int = 40) -> String { process.logTail(lines: lines) }

    /// Registers a new user through the shared-secret admin API (`/_synapse/admin/v1/register`) and returns
    /// it signed in (the registration gives a token and a device).
    ///
    /// - Parameters:
    ///   - prefix: the start of the user name; a counter and random suffix make it unique on this server
    ///     (`alice-3-9f1c`).
    ///   - admin: a server admin, which may call the Synapse admin API.
    public func registerUser(_ prefix: String = "user", admin: Bool = false) async throws -> MatrixTestClient {
        let number = userCounter.add(1, ordering: .relaxed).newValue
        let cleaned = prefix.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        let username = "\(cleaned.isEmpty ? "user" : cleaned)-\(number)-\(UUID().uuidString.prefix(4).lowercased())"
        let password = "pw-\(UUID().uuidString)"
        let path = "/_synapse/admin/v1/register"
        let nonceAnswer = try await http.expectSuccess(.GET, path)
        let nonce = try http.field("nonce", of: nonceAnswer, path: path)
        let signed = [nonce, username, password, admin ? "admin" : "notadmin"].joined(separator: "\u{0}")
        let mac = HMAC<Insecure.SHA1>.authenticationCode(
            for: Data(signed.utf8), using: SymmetricKey(data: Data(registrationSharedSecret.utf8)))
        let body: [String: Any] = [
            "nonce": nonce, "username": username, "password": password, "admin": admin,
            "mac": mac.map { String(format: "%02x", $0) }.joined(),
        ]
        let answer = try await http.expectSuccess(.POST, path, json: body)
        return MatrixTestClient(
            userID: try http.field("user_id", of: answer, path: path),
            accessToken: try http.field("access_token", of: answer, path: path),
            deviceID: try http.field("device_id", of: answer, path: path), password: password, http: http)
    }

    /// Signs an existing user in again with a password: a new access token and device.
    public func login(_ user: MatrixTestClient) async throws -> MatrixTestClient {
        let path = "/_matrix/client/v3/login"
        let answer = try await loginAttempt(username: user.username, password: user.password)
        guard answer.status == 200 else {
            throw SynapseError.requestFailed(method: "POST", path: path, status: answer.status, body: answer.text)
        }
        return MatrixTestClient(
            userID: try http.field("user_id", of: answer, path: path),
            accessToken: try http.field("access_token", of: answer, path: path),
            deviceID: try http.field("device_id", of: answer, path: path), password: user.password, http: http)
    }

    /// One password login, whatever the answer: wrong passwords provoke `429` after three attempts.
    public func loginAttempt(username: String, password: String) async throws -> MatrixTestResponse {
        try await http.send(
            .POST, "/_matrix/client/v3/login",
            json: [
                "type": "m.login.password", "identifier": ["type": "m.id.user", "user": username], "password": password,
            ])
    }

    // MARK: - Start-up

    private func waitUntilReady(timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let status = process.terminationStatus {
                throw SynapseError.startFailed(
                    "Synapse exited with status \(status) before answering on \(baseURL)", logTail: logTail())
            }
            if let answer = try? await http.send(.GET, "/_matrix/client/versions", timeout: .seconds(2)),
                answer.status == 200
            {
                return
            }
            if clock.now >= deadline {
                throw SynapseError.startFailed(
                    "Synapse did not answer on \(baseURL)/_matrix/client/versions within \(timeout)", logTail: logTail()
                )
            }
            try await Task.sleep(for: .milliseconds(150))
        }
    }

    private static func generateConfiguration(python: String, serverName: String, directory: URL) async throws {
        let log = directory.appendingPathComponent("generate-config.log")
        let generator = try LoggedProcess(
            python,
            arguments: [
                "-m", "synapse.app.homeserver", "--server-name", serverName,
                "--config-path", directory.appendingPathComponent("homeserver.yaml").path,
                "--config-directory", directory.path,
                "--data-directory", directory.appendingPathComponent("data").path,
                "--generate-config", "--report-stats=no",
            ],
            logFile: log, workingDirectory: directory)
        let status = await generator.waitForExit(timeout: .seconds(60))
        guard status == 0 else {
            if status == nil { await generator.terminate(grace: .seconds(1)) }
            throw SynapseError.startFailed(
                "Synapse could not generate its configuration (\(status.map { "status \($0)" } ?? "timed out"))",
                logTail: generator.logTail())
        }
    }

    /// The test settings, merged over the generated configuration.
    static func overrides(port: Int, secret: String) -> String {
        let relaxed = "{per_second: 1000, burst_count: 1000}"
        return """
            # Written by the Foyer tests over the generated homeserver.yaml.
            listeners:
              - port: \(port)
                bind_addresses: ['127.0.0.1']
                type: http
                tls: false
                x_forwarded: false
                resources:
                  - names: [client]
                    compress: false
            # Log to standard error, which goes to synapse.log.
            log_config: null
            trusted_key_servers: []
            suppress_key_server_warning: true
            enable_registration: false
            registration_shared_secret: "\(secret)"
            report_stats: false
            # Registering a test user hashes its password; the default 12 rounds cost a quarter second of
            # Synapse's one thread when idle, and many seconds on a loaded CI machine.
            bcrypt_rounds: 4
            presence:
              enabled: false
            url_preview_enabled: false
            rc_message: \(relaxed)
            rc_registration: \(relaxed)
            rc_login:
              address: \(relaxed)
              account: \(relaxed)
              # Left strict on purpose: the documented way to see a 429 with Retry-After (one try per minute
              # after three, so that even a slow machine sees it).
              failed_attempts: {per_second: 0.017, burst_count: 3}
            rc_joins:
              local: \(relaxed)
              remote: \(relaxed)
            rc_joins_per_room: \(relaxed)
            rc_invites:
              per_room: \(relaxed)
              per_user: \(relaxed)
              per_issuer: \(relaxed)
            rc_admin_redaction: \(relaxed)
            rc_room_creation: \(relaxed)
            rc_3pid_validation: \(relaxed)
            rc_presence:
              per_user: \(relaxed)

            """
    }

    /// Runs Synapse inside a Python that watches its parent: when the test process is gone (the parent id
    /// changes), it removes the server's directory and exits. Arguments: the parent pid, the directory, then
    /// Synapse's own arguments.
    static let watchdogLauncher = """
        import os, runpy, shutil, sys, threading, time
        parent, directory = int(sys.argv[1]), sys.argv[2]
        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            shutil.rmtree(directory, ignore_errors=True)
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
        sys.argv = ["synapse.app.homeserver"] + sys.argv[3:]
        runpy.run_module("synapse.app.homeserver", run_name="__main__", alter_sys=True)
        """

    private static func randomSecret() -> String {
        (0..<4).map { _ in UUID().uuidString.replacingOccurrences(of: "-", with: "") }.joined()
    }

    /// A TCP port free on 127.0.0.1 right now.
    private static func freeLoopbackPort() -> Int? {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        let port = Int(UInt16(bigEndian: address.sin_port))
        return port > 0 ? port : nil
    }
}

extension SynapseServer {
    /// The homeserver shared by every test of this process, started on first use and stopped when the
    /// process ends. Users from ``registerUser(_:admin:)`` are unique, so suites do not see each other's
    /// rooms. A failed start is remembered: every later caller gets the same error at once.
    public static func shared() async throws -> SynapseServer {
        try await SharedSynapse.instance.server()
    }
}

/// Starts the shared server once, whoever asks first.
private actor SharedSynapse {
    static let instance = SharedSynapse()
    private var starting: Task<SynapseServer, any Error>?

    func server() async throws -> SynapseServer {
        if let starting { return try await starting.value }
        let task = Task { try await SynapseServer.start() }
        starting = task
        return try await task.value
    }
}
