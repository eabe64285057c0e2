import AsyncHTTPClient
import Foundation
import FoyerTestSupport
import NIOCore
import Testing

/// The real `foyer demo` binary driven in headless Chromium over WebDriver.
///
/// Skipped with a reason when chromedriver or Chromium is missing, except in CI (`CI=true`), where it fails.
@Suite("Demo in a real browser", .serialized)
struct DemoBrowserTests {
    /// The hostile strings the demo plants: a message body and a member's display name.
    static let hostileMessage = "<script>alert('xss')</script>"
    static let hostileMemberName = "\"><img src=x onerror=alert(1)>"
    static var hostile: [String] { [hostileMessage, hostileMemberName] }
    /// The demo workspace that holds them.
    static let mainWorkspaceName = "Cime Outdoor"

    @Test(
        .enabled(
            if: BrowserTestEnvironment.shouldRun,
            "chromedriver or chromium not found: apt-get install -y chromium chromium-driver (CI=true never skips)"),
        .timeLimit(.minutes(15)))
    func demo_signInSwitchLanguagesAndOpenEveryPage_showsNoErrorBrokenLinkOrUnescapedContent() async throws {
        // Given the demo served by the real binary, and headless Chromium.
        let tools = try BrowserTestEnvironment.requireTools()
        let binary = try BrowserTestEnvironment.requireBinary()
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("foyer-browser-\(UUID().uuidString)", isDirectory: true)
        let data = work.appendingPathComponent("data", isDirectory: true)
        let screenshots = work.appendingPathComponent("screenshots", isDirectory: true)
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }

        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let http = HTTPClient(configuration: configuration)
        let server: FoyerServerProcess
        do {
            server = try await FoyerServerProcess.startDemo(binary: binary, dataDirectory: data)
        } catch {
            try? await http.shutdown()
            throw error
        }
        do {
            let email = try #require(server.announcement.email, "foyer demo printed no sign-in email")
            let password = try #require(server.announcement.password, "foyer demo printed no password")
            try await ChromeDriverService.withRunning(tools, httpClient: http) { driver in
                try await driver.withSession(acceptLanguage: "en-US,en") { browser in
                    try await browser.addScriptOnNewDocument(PageProbe.dialogTrap)
                    let walk = SiteWalk(browser: browser, http: http, baseURL: server.baseURL, hostile: Self.hostile)

                    // When the manager signs in…
                    let home = try await walk.signIn(email: email, password: password)

                    // …then the home page is English, and switches to French and back through the UI.
                    try await walk.checkLanguages(home: home, screenshots: screenshots)

                    // …then hostile content shows as text, and never runs.
                    try await walk.checkHostileContentIsEscaped(home: home)

                    // …then every page reachable from the navigation opens cleanly.
                    try await walk.crawl(from: home)
                }
            }
        } catch {
            await server.stop()
            try? await http.shutdown()
            throw error
        }
        // …and the server ends gracefully on SIGTERM.
        let graceful = await server.stop()
        #expect(
            graceful, "foyer did not exit within 10 s of SIGTERM; it printed:\n\(server.process.printed.suffix(2000))")
        #expect(
            server.process.terminationStatus == 0,
            "foyer exited with status \(String(describing: server.process.terminationStatus))")
        try await http.shutdown()
        print("Browser test screenshots: \(screenshots.path)")
    }
}
