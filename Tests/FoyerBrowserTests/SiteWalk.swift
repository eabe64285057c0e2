import AsyncHTTPClient
import Foundation
import FoyerTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// The steps of the browser test, on one signed-in browser session.
struct SiteWalk {
    let browser: WebDriverSession
    let http: HTTPClient
    let baseURL: String
    let hostile: [String]

    // MARK: Sign-in

    /// Signs in through the form and returns the URL of the workspace home page it lands on.
    func signIn(email: String, password: String) async throws -> String {
        try await browser.navigate(to: baseURL + "/")
        let signInPage = try await PageProbe.read(browser, hostile: hostile)
        #expect(signInPage.status < 400, "the sign-in page answered \(signInPage.status)")
        try await expectNoConsoleErrors(on: "the sign-in page")

        let emailField = try await browser.waitForElement(css: "input[type=email], input[name=email]")
        let passwordField = try await browser.findElement(css: "input[type=password]")
        try await browser.clear(emailField)
        try await browser.sendKeys(email, to: emailField)
        try await browser.sendKeys(password, to: passwordField)
        let submit = try await browser.findElement(
            css:
                "form:has(input[type=password]) button[type=submit], "
                    + "form:has(input[type=password]) button:not([type]), "
                + "form:has(input[type=password]) input[type=submit]")
        try await browser.click(submit)
        try await waitUntil("the browser leaves the sign-in page") {
            try await !(browser.currentURL()).contains("/sign-in")
        }

        // The root page leads to the workspace (directly, or through the workspace switcher).
        var url = try await browser.currentURL()
        if url.firstMatch(of: /\/w\/\d+/) == nil {
            // The workspace switcher: open the demo's main workspace (the one with the hostile examples).
            _ = try await browser.waitForElement(css: "a[href*='/w/']")
            var chosen: WebElement?
            for link in try await browser.findElements(css: "a[href*='/w/']") {
                if chosen == nil { chosen = link }
                if try await browser.text(of: link).contains(DemoBrowserTests.mainWorkspaceName) {
                    chosen = link
                    break
                }
            }
            try await browser.click(try #require(chosen))
            url = try await browser.currentURL()
        }
        let match = url.firstMatch(of: /\/w\/\d+/)
        let workspacePath = try #require(match.map { String($0.output) }, "no workspace page after sign-in: \(url)")
        return baseURL + workspacePath
    }

    // MARK: Languages

    /// Checks the home page in English, switches to French through the interface, checks it, switches back;
    /// takes a screenshot in each language.
    func checkLanguages(home: String, screenshots: URL) async throws {
        try await browser.navigate(to: home)
        let english = try await PageProbe.read(browser, hostile: hostile)
        #expect(english.status < 400, "the home page answered \(english.status)")
        #expect(english.language.hasPrefix("en"), "the home page is not in English: <html lang=\(english.language)>")
        #expect(english.navigationText.contains("Settings"), "English navigation: \(english.navigationText)")
        try await expectNoConsoleErrors(on: "the home page")
        try await saveScreenshot(named: "home.png", into: screenshots)

        try await switchLanguage(to: "fr")
        try await browser.navigate(to: home)
        let french = try await PageProbe.read(browser, hostile: hostile)
        #expect(french.language.hasPrefix("fr"), "after switching to French: <html lang=\(french.language)>")
        #expect(french.navigationText.contains("Paramètres"), "French navigation: \(french.navigationText)")
        #expect(
            !french.navigationText.contains("Settings"), "French navigation still in English: \(french.navigationText)")
        try await expectNoConsoleErrors(on: "the home page in French")
        try await saveScreenshot(named: "home-fr.png", into: screenshots)

        try await switchLanguage(to: "en")
        try await browser.navigate(to: home)
        let back = try await PageProbe.read(browser, hostile: hostile)
        #expect(back.language.hasPrefix("en"), "after switching back to English: <html lang=\(back.language)>")
        #expect(back.navigationText.contains("Settings"), "English navigation again: \(back.navigationText)")
    }

    /// Uses the language control of the page: a button per language, a select, or a link per language.
    func switchLanguage(to code: String) async throws {
        let buttons = try await browser.findElements(
            css:
                "form[action$='/locale'] button[value='\(code)'], "
                    + "form[action$='/locale'] input[type=submit][value='\(code)']"
        )
        if let button = buttons.first {
            try await clickVisibly(button)
        } else if let select = try await browser.findElements(css: "form[action$='/locale'] select").first {
            let option = try await browser.findElement(css: "form[action$='/locale'] select option[value='\(code)']")
            try await clickVisibly(select)
            try await browser.click(option)
            if let submit = try await browser.findElements(
                css: "form[action$='/locale'] button, form[action$='/locale'] input[type=submit]"
            ).first {
                try await clickVisibly(submit)
            }
        } else {
            let link = try await browser.findElement(css: "a[hreflang='\(code)'], a[lang='\(code)']")
            try await clickVisibly(link)
        }
        try await waitUntil("the page is in \(code)") {
            let value = try await browser.executeScript("return document.documentElement.getAttribute('lang') || ''")
            return value.stringValue?.hasPrefix(code) == true
        }
    }

    /// Clicks an element, opening the `<details>` menu it may sit in first (a language menu, a user menu).
    private func clickVisibly(_ element: WebElement) async throws {
        try await browser.executeScript(
            """
            let menu = arguments[0].closest('details');
            while (menu) {
              menu.open = true;
              menu = menu.parentElement && menu.parentElement.closest('details');
            }
            """,
            arguments: [element.json])
        try await browser.click(element)
    }

    // MARK: Hostile content

    /// Finds the demo's hostile message and member through the pages' own search, and checks that each shows
    /// as literal text and runs nothing.
    func checkHostileContentIsEscaped(home: String) async throws {
        try await browser.navigate(to: home + "/inbox?q=xss")
        try await expectClean(try await PageProbe.read(browser, hostile: hostile), "the inbox searched for xss")
        let conversations = try await browser.findElements(css: "a[href*='/inbox/']")
        var conversationURL: String?
        for link in conversations {
            let href = try await browser.property("href", of: link).stringValue ?? ""
            if href.firstMatch(of: /\/inbox\/\d+/) != nil { conversationURL = href; break }
        }
        let conversation = try #require(conversationURL, "the inbox search for xss found no conversation")
        try await browser.navigate(to: conversation)
        let thread = try await PageProbe.read(browser, hostile: hostile)
        try await expectClean(thread, "the hostile conversation")
        #expect(
            thread.visibleHostileText.contains(DemoBrowserTests.hostileMessage),
            "the conversation does not show the message text \(DemoBrowserTests.hostileMessage) literally")

        try await browser.navigate(to: home + "/members?q=onerror")
        let members = try await PageProbe.read(browser, hostile: hostile)
        try await expectClean(members, "the members searched for onerror")
        #expect(
            members.visibleHostileText.contains(DemoBrowserTests.hostileMemberName),
            "the member list does not show the name \(DemoBrowserTests.hostileMemberName) literally")
        var memberURL: String?
        for link in try await browser.findElements(css: "a[href*='/members/']") {
            let href = try await browser.property("href", of: link).stringValue ?? ""
            if href.firstMatch(of: /\/members\/\d+/) != nil { memberURL = href; break }
        }
        let member = try #require(memberURL, "the members search for onerror found no member")
        try await browser.navigate(to: member)
        let profile = try await PageProbe.read(browser, hostile: hostile)
        try await expectClean(profile, "the hostile member's page")
        #expect(
            profile.visibleHostileText.contains(DemoBrowserTests.hostileMemberName),
            "the member page does not show the name literally")
    }

    // MARK: Crawl

    /// Opens every page reachable from the home page's links (bounded), checking each; then checks with plain
    /// HTTP, carrying the session cookie, the links it did not open.
    func crawl(from home: String) async throws {
        let origin = try #require(URL(string: baseURL))
        var frontier = CrawlFrontier(policy: CrawlPolicy(origin: origin))
        frontier.add([.init(href: home)])
        var visited: [String] = []
        while let url = frontier.next() {
            try await browser.navigate(to: url.absoluteString)
            let page = try await PageProbe.read(browser, hostile: hostile)
            visited.append(url.path + (url.query.map { "?" + $0 } ?? ""))
            try await expectClean(page, url.absoluteString)
            if URL(string: page.url)?.path.hasSuffix("/sign-in") == true, !url.path.hasSuffix("/sign-in") {
                Issue.record("\(url.absoluteString) sent a signed-in user to the sign-in page")
            }
            frontier.add(page.links)
        }
        print("Browser test opened \(visited.count) pages: \(visited.joined(separator: " "))")
        #expect(visited.count >= 8, "the crawl opened only \(visited.count) pages: \(visited)")
        for area in ["/inbox", "/members", "/settings", "/content", "/content/board", "/calendar", "/settings/planning"] {
            #expect(visited.contains { $0.contains(area) }, "the crawl never reached \(area): \(visited)")
        }

        // Links found but not opened (more pages of a kind already seen): each must answer below 400.
        let cookie = try await browser.cookies().map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
        let unopened = frontier.deferred.prefix(300)
        print("Browser test checks \(unopened.count) more links over HTTP")
        for url in unopened {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "Cookie", value: cookie)
            let response = try await http.execute(request, timeout: .seconds(60))
            _ = try await response.body.collect(upTo: 16 * 1024 * 1024)
            #expect(response.status.code < 400, "broken link \(url.absoluteString): HTTP \(response.status.code)")
        }
    }

    // MARK: Checks

    /// Records every problem of the page, its console errors and any dialog left open.
    func expectClean(_ page: PageProbe, _ what: String) async throws {
        for problem in page.problems { Issue.record("\(what) \(problem)") }
        if let text = try await browser.openAlertText() {
            Issue.record("\(what) left a dialog open: \(text)")
            try await browser.dismissAlert()
        }
        try await expectNoConsoleErrors(on: what)
    }

    func expectNoConsoleErrors(on what: String) async throws {
        let errors = try await browser.browserLogs().filter(\.isError)
        #expect(errors.isEmpty, "console errors on \(what): \(errors.map(\.description))")
    }

    func saveScreenshot(named name: String, into folder: URL) async throws {
        let png = try await browser.screenshot()
        try png.write(to: folder.appendingPathComponent(name))
        if BrowserTestEnvironment.updatesScreenshots {
            let docs = BrowserTestEnvironment.packageRoot().appendingPathComponent("docs", isDirectory: true)
            try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
            try png.write(to: docs.appendingPathComponent(name))
        }
    }

    /// Polls `condition` every 100 ms for up to `timeout`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while try await !condition() {
            if clock.now >= deadline { throw WebDriverError.timedOut(what) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
