import AsyncHTTPClient
import Foundation

/// A `chromedriver` process on a free loopback port, and headless Chromium sessions through it.
///
/// ```swift
/// try await ChromeDriverService.withRunning(tools) { driver in
///     try await driver.withSession { browser in
///         try await browser.navigate(to: url)
///     }
/// }
/// ```
/// The process and every browser it started are stopped when the closure returns or throws.
public struct ChromeDriverService: Sendable {
    /// What every session gets: headless, no sandbox (root in containers), a fixed window size.
    public static let chromiumArguments = [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
        "--disable-sync", "--disable-component-update", "--hide-scrollbars", "--lang=en-US",
    ]

    public let tools: BrowserTools
    public let client: WebDriverClient
    public let process: ChildProcess

    /// Starts `chromedriver --port=0` and waits (up to `startTimeout`) until it reports its port and is ready.
    public static func start(
        _ tools: BrowserTools, httpClient: HTTPClient = .shared, startTimeout: Duration = .seconds(20)
    ) async throws -> ChromeDriverService {
        let process = try ChildProcess(tools.chromedriver, arguments: ["--port=0", "--allowed-ips=127.0.0.1"])
        do {
            let match = try await process.waitForOutput(
                matching: #"started successfully on port (\d+)"#, timeout: startTimeout)
            let client = WebDriverClient(baseURL: "http://127.0.0.1:\(match[1])", httpClient: httpClient)
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: startTimeout)
            while (try? await client.isReady()) != true {
                if clock.now >= deadline {
                    throw WebDriverError.timedOut("chromedriver never reported ready on \(client.baseURL)")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            return ChromeDriverService(tools: tools, client: client, process: process)
        } catch {
            await process.stop()
            throw error
        }
    }

    /// Runs `body` with a started chromedriver, and stops it (and its browsers) afterwards on every path.
    public static func withRunning<Result: Sendable>(
        _ tools: BrowserTools, httpClient: HTTPClient = .shared, _ body: (ChromeDriverService) async throws -> Result
    ) async throws -> Result {
        let service = try await start(tools, httpClient: httpClient)
        do {
            let result = try await body(service)
            await service.stop()
            return result
        } catch {
            await service.stop()
            throw error
        }
    }

    /// The W3C capabilities of a headless Chromium session with the browser console captured.
    ///
    /// - Parameter acceptLanguage: the browser's `Accept-Language`, so that pages render in a known language.
    public func capabilities(acceptLanguage: String = "en-US,en", userDataDirectory: String) -> WebDriverJSON {
        [
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            // An alert left open by injected script must be seen by the test, not silently dismissed.
            "unhandledPromptBehavior": "ignore",
            "timeouts": ["pageLoad": 30_000, "script": 10_000, "implicit": 0],
            "goog:loggingPrefs": ["browser": "ALL"],
            "goog:chromeOptions": [
                "binary": .string(tools.chromium),
                "args": .array(
                    (Self.chromiumArguments + ["--user-data-dir=\(userDataDirectory)"]).map(WebDriverJSON.string)),
                "prefs": ["intl.accept_languages": .string(acceptLanguage)],
            ],
        ]
    }

    /// Opens a session, runs `body`, and deletes the session (closing Chromium) on every path.
    public func withSession<Result: Sendable>(
        acceptLanguage: String = "en-US,en", _ body: (WebDriverSession) async throws -> Result
    ) async throws -> Result {
        let profile = FileManager.default.temporaryDirectory
            .appendingPathComponent("foyer-chromium-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let session = try await client.newSession(
            capabilities: capabilities(acceptLanguage: acceptLanguage, userDataDirectory: profile.path))
        do {
            let result = try await body(session)
            try? await session.delete()
            return result
        } catch {
            try? await session.delete()
            throw error
        }
    }

    /// Stops chromedriver and whatever it started.
    public func stop() async {
        await process.stop(grace: .seconds(3))
    }
}
