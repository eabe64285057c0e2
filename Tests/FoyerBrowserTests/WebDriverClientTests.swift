import AsyncHTTPClient
import Foundation
import FoyerTestSupport
import Testing

/// The WebDriver client against real headless Chromium, on pages given as `data:` URLs (no server needed).
@Suite(
    "WebDriver client", .serialized,
    .enabled(
        if: BrowserTestEnvironment.shouldRun,
        "chromedriver or chromium not found: apt-get install -y chromium chromium-driver (CI=true never skips)"),
    .timeLimit(.minutes(3)))
struct WebDriverClientTests {
    static func page(_ html: String) -> String {
        "data:text/html;charset=utf-8," + (html.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    @Test func session_onPageWithConsoleError_reportsItAsSevere() async throws {
        let tools = try BrowserTestEnvironment.requireTools()
        let errors = try await ChromeDriverService.withRunning(tools) { driver in
            try await driver.withSession { browser in
                try await browser.navigate(to: Self.page("<p>hi</p><script>console.error('boom')</script>"))
                return try await browser.browserLogs().filter(\.isError)
            }
        }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("boom") == true)
    }

    @Test func session_findsElementsReadsTextTypesAndScripts() async throws {
        let tools = try BrowserTestEnvironment.requireTools()
        let (text, typed, sum, missing, png) = try await ChromeDriverService.withRunning(tools) { driver in
            try await driver.withSession { browser in
                try await browser.navigate(to: Self.page("<html lang=fr><p id=a>Bonjour</p><input id=b>"))
                let paragraph = try await browser.findElement(css: "#a")
                let input = try await browser.findElement(css: "#b")
                try await browser.sendKeys("écrit", to: input)
                return (
                    try await browser.text(of: paragraph),
                    try await browser.property("value", of: input).stringValue,
                    try await browser.executeScript("return arguments[0] + arguments[1]", arguments: [2, 3])
                        .numberValue,
                    try await browser.findElements(css: "#nothing").count,
                    try await browser.screenshot()
                )
            }
        }
        #expect(text == "Bonjour")
        #expect(typed == "écrit")
        #expect(sum == 5)
        #expect(missing == 0)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func dialogTrap_recordsAlertsInsteadOfOpeningThem() async throws {
        let tools = try BrowserTestEnvironment.requireTools()
        let (dialogs, open) = try await ChromeDriverService.withRunning(tools) { driver in
            try await driver.withSession { browser in
                try await browser.addScriptOnNewDocument(PageProbe.dialogTrap)
                try await browser.navigate(to: Self.page("<script>alert('xss')</script>"))
                let probe = try await PageProbe.read(browser, hostile: [])
                return (probe.trappedDialogs, try await browser.openAlertText())
            }
        }
        #expect(dialogs == ["alert: xss"])
        #expect(open == nil)
    }

    @Test func openAlertText_whenAnAlertIsOpen_returnsItsText() async throws {
        let tools = try BrowserTestEnvironment.requireTools()
        let text = try await ChromeDriverService.withRunning(tools) { driver in
            try await driver.withSession { browser in
                try await browser.navigate(to: Self.page("<p>x</p>"))
                try await browser.executeScript("setTimeout(() => alert('left open'), 0)")
                try await Task.sleep(for: .milliseconds(300))
                let text = try await browser.openAlertText()
                try await browser.dismissAlert()
                return text
            }
        }
        #expect(text == "left open")
    }

    @Test func pageProbe_onPageWithUnescapedHostileContent_reportsEachInjection() async throws {
        let tools = try BrowserTestEnvironment.requireTools()
        let probe = try await ChromeDriverService.withRunning(tools) { driver in
            try await driver.withSession { browser in
                try await browser.addScriptOnNewDocument(PageProbe.dialogTrap)
                try await browser.navigate(
                    to: Self.page(
                        "<p>\"><img src=x onerror=alert(1)></p><p><script>alert('xss')</script></p>"))
                return try await PageProbe.read(browser, hostile: DemoBrowserTests.hostile)
            }
        }
        #expect(probe.injectedImages == 1)
        #expect(probe.inlineErrorHandlers == 1)
        #expect(probe.injectedScripts == 1)
        #expect(probe.trappedDialogs.contains("alert: xss"))
        #expect(probe.visibleHostileText.isEmpty)
        #expect(probe.problems.count >= 4)
    }

    @Test func pageProbe_onPageWithEscapedHostileContent_seesTheTextAndNoProblem() async throws {
        let tools = try BrowserTestEnvironment.requireTools()
        let probe = try await ChromeDriverService.withRunning(tools) { driver in
            try await driver.withSession { browser in
                try await browser.addScriptOnNewDocument(PageProbe.dialogTrap)
                try await browser.navigate(
                    to: Self.page(
                        "<html lang=en><p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>"
                            + "<p>&lt;script&gt;alert('xss')&lt;/script&gt;</p><nav><a href='/a'>Settings</a></nav>"))
                return try await PageProbe.read(browser, hostile: DemoBrowserTests.hostile)
            }
        }
        #expect(probe.problems.isEmpty)
        #expect(Set(probe.visibleHostileText) == Set(DemoBrowserTests.hostile))
        #expect(probe.language == "en")
        #expect(probe.navigationText == "Settings")
        #expect(probe.links.count == 1)
    }
}
