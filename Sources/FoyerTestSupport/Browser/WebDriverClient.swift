import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A minimal W3C WebDriver client over HTTP: enough to drive headless Chromium through `chromedriver`.
///
/// Every command is bounded by `commandTimeout`. The client owns no process: see ``ChromeDriverService``.
public struct WebDriverClient: Sendable {
    /// Where the WebDriver server listens, without a trailing slash (`http://127.0.0.1:9515`).
    public let baseURL: String
    public let commandTimeout: Duration
    let httpClient: HTTPClient

    /// - Parameters:
    ///   - httpClient: shared; the caller keeps it alive and shuts it down.
    ///   - commandTimeout: the longest any single command may take (a page load included).
    public init(baseURL: String, httpClient: HTTPClient = .shared, commandTimeout: Duration = .seconds(60)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.httpClient = httpClient
        self.commandTimeout = commandTimeout
    }

    /// Whether the server is ready to create sessions (`GET /status`).
    public func isReady() async throws -> Bool {
        try await send(.GET, "/status")["ready"]?.boolValue ?? false
    }

    /// Starts a browser session with these W3C capabilities (the `alwaysMatch` object).
    public func newSession(capabilities: WebDriverJSON) async throws -> WebDriverSession {
        let value = try await send(.POST, "/session", body: ["capabilities": ["alwaysMatch": capabilities]])
        guard let id = value["sessionId"]?.stringValue else {
            throw WebDriverError.malformedResponse(method: "POST", path: "/session", body: value.description)
        }
        return WebDriverSession(id: id, client: self)
    }

    /// Sends one command and returns the `value` member of the answer.
    ///
    /// - Throws: ``WebDriverError/command(method:path:status:error:message:)`` for a W3C error answer.
    @discardableResult
    public func send(_ method: HTTPMethod, _ path: String, body: WebDriverJSON? = nil) async throws -> WebDriverJSON {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        } else if method == .POST {
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(string: "{}"))
        }
        let response = try await httpClient.execute(request, timeout: .nanoseconds(commandTimeout.nanoseconds))
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let data = Data(buffer.readableBytesView)
        guard let answer = try? JSONDecoder().decode(WebDriverJSON.self, from: data), let value = answer["value"] else {
            throw WebDriverError.malformedResponse(
                method: method.rawValue, path: path, body: String(decoding: data, as: UTF8.self))
        }
        if response.status.code >= 400 || value["error"]?.stringValue != nil {
            throw WebDriverError.command(
                method: method.rawValue, path: path, status: Int(response.status.code),
                error: value["error"]?.stringValue ?? "unknown error",
                message: value["message"]?.stringValue ?? value.description)
        }
        return value
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating), for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : product + attoseconds / 1_000_000_000
    }
}
