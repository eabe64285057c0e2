import Foundation
import NIOHTTP1

/// One browser session: a window to navigate, query and script.
///
/// End it with ``delete()`` (which closes the browser); ``ChromeDriverService/withSession(_:)`` does so on
/// every path.
public struct WebDriverSession: Sendable {
    public let id: String
    public let client: WebDriverClient

    public init(id: String, client: WebDriverClient) {
        self.id = id
        self.client = client
    }

    private var path: String { "/session/\(id)" }

    // MARK: Navigation

    /// Loads `url` and waits for the page load to complete (bounded by the session's page-load timeout).
    public func navigate(to url: String) async throws {
        try await client.send(.POST, "\(path)/url", body: ["url": .string(url)])
    }

    public func currentURL() async throws -> String {
        try await client.send(.GET, "\(path)/url").stringValue ?? ""
    }

    public func title() async throws -> String {
        try await client.send(.GET, "\(path)/title").stringValue ?? ""
    }

    public func pageSource() async throws -> String {
        try await client.send(.GET, "\(path)/source").stringValue ?? ""
    }

    public func back() async throws {
        try await client.send(.POST, "\(path)/back")
    }

    // MARK: Elements

    /// The first element matching the CSS selector.
    ///
    /// - Throws: ``WebDriverError/command(method:path:status:error:message:)`` with `no such element`.
    public func findElement(css selector: String) async throws -> WebElement {
        let value = try await client.send(
            .POST, "\(path)/element", body: ["using": "css selector", "value": .string(selector)])
        guard let element = WebElement(json: value) else {
            throw WebDriverError.malformedResponse(method: "POST", path: "\(path)/element", body: value.description)
        }
        return element
    }

    /// Every element matching the CSS selector, in document order (empty when none).
    public func findElements(css selector: String) async throws -> [WebElement] {
        let value = try await client.send(
            .POST, "\(path)/elements", body: ["using": "css selector", "value": .string(selector)])
        return (value.arrayValue ?? []).compactMap(WebElement.init(json:))
    }

    /// Waits until an element matches the selector, polling every 100 ms up to `timeout`.
    public func waitForElement(css selector: String, timeout: Duration = .seconds(10)) async throws -> WebElement {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let element = try await findElements(css: selector).first { return element }
            if clock.now >= deadline { throw WebDriverError.timedOut("no element matches \(selector)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The attribute as written in the markup, `nil` when absent.
    public func attribute(_ name: String, of element: WebElement) async throws -> String? {
        try await client.send(.GET, "\(path)/element/\(element.id)/attribute/\(name)").stringValue
    }

    /// The DOM property (`value`, `checked`, `href` resolved to an absolute URL…), `nil` when null.
    public func property(_ name: String, of element: WebElement) async throws -> WebDriverJSON {
        try await client.send(.GET, "\(path)/element/\(element.id)/property/\(name)")
    }

    /// The rendered, visible text.
    public func text(of element: WebElement) async throws -> String {
        try await client.send(.GET, "\(path)/element/\(element.id)/text").stringValue ?? ""
    }

    public func tagName(of element: WebElement) async throws -> String {
        try await client.send(.GET, "\(path)/element/\(element.id)/name").stringValue ?? ""
    }

    public func isDisplayed(_ element: WebElement) async throws -> Bool {
        try await client.send(.GET, "\(path)/element/\(element.id)/displayed").boolValue ?? false
    }

    /// Clicks the element (scrolling it into view first); waits for a navigation it starts.
    public func click(_ element: WebElement) async throws {
        try await client.send(.POST, "\(path)/element/\(element.id)/click")
    }

    /// Empties an input or a textarea.
    public func clear(_ element: WebElement) async throws {
        try await client.send(.POST, "\(path)/element/\(element.id)/clear")
    }

    /// Types `text` into the element (`"\u{E007}"` is Enter).
    public func sendKeys(_ text: String, to element: WebElement) async throws {
        try await client.send(.POST, "\(path)/element/\(element.id)/value", body: ["text": .string(text)])
    }

    // MARK: Scripts

    /// Runs `script` as the body of a function (use `return`), with `arguments` as `arguments[0]`…;
    /// elements are passed as ``WebElement/json``.
    @discardableResult
    public func executeScript(_ script: String, arguments: [WebDriverJSON] = []) async throws -> WebDriverJSON {
        try await client.send(
            .POST, "\(path)/execute/sync", body: ["script": .string(script), "args": .array(arguments)])
    }

    // MARK: Window, dialogs, logs

    /// A PNG of the viewport.
    public func screenshot() async throws -> Data {
        let value = try await client.send(.GET, "\(path)/screenshot")
        guard let base64 = value.stringValue, let data = Data(base64Encoded: base64) else {
            throw WebDriverError.malformedResponse(method: "GET", path: "\(path)/screenshot", body: "not base64")
        }
        return data
    }

    /// Resizes the window (outer size, in CSS pixels).
    public func setWindowSize(width: Int, height: Int) async throws {
        try await client.send(
            .POST, "\(path)/window/rect", body: ["width": .number(Double(width)), "height": .number(Double(height))])
    }

    /// The text of an open `alert`/`confirm`/`prompt`, `nil` when no dialog is open.
    public func openAlertText() async throws -> String? {
        do {
            return try await client.send(.GET, "\(path)/alert/text").stringValue ?? ""
        } catch let error as WebDriverError where error.code == "no such alert" {
            return nil
        }
    }

    public func dismissAlert() async throws {
        try await client.send(.POST, "\(path)/alert/dismiss")
    }

    /// The cookies visible to the current page.
    public func cookies() async throws -> [(name: String, value: String)] {
        let value = try await client.send(.GET, "\(path)/cookie")
        return (value.arrayValue ?? []).compactMap { cookie in
            guard let name = cookie["name"]?.stringValue, let value = cookie["value"]?.stringValue else { return nil }
            return (name, value)
        }
    }

    /// The browser console lines logged since the previous call (chromedriver's `se/log` extension; the session
    /// needs the `goog:loggingPrefs` capability `{"browser": "ALL"}`).
    public func browserLogs() async throws -> [BrowserLogEntry] {
        let value = try await client.send(.POST, "\(path)/se/log", body: ["type": "browser"])
        return (value.arrayValue ?? []).map { entry in
            BrowserLogEntry(
                level: entry["level"]?.stringValue ?? "",
                source: entry["source"]?.stringValue ?? "",
                message: entry["message"]?.stringValue ?? entry.description)
        }
    }

    /// Runs `source` in every document this session loads from now on, before the page's own scripts
    /// (Chromium only: the DevTools command `Page.addScriptToEvaluateOnNewDocument` through chromedriver).
    public func addScriptOnNewDocument(_ source: String) async throws {
        try await client.send(
            .POST, "\(path)/goog/cdp/execute",
            body: ["cmd": "Page.addScriptToEvaluateOnNewDocument", "params": ["source": .string(source)]])
    }

    /// Ends the session and closes the browser.
    public func delete() async throws {
        try await client.send(.DELETE, path)
    }
}
