import Foundation
import FoyerCore

/// One HTTP request a connector makes to a platform.
public struct ConnectorHTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    public var method: Method
    public var url: URL
    public var headers: [String: String]
    public var body: Data?
    /// For the whole exchange, body included.
    public var timeout: Duration
    /// Whether sending it twice does no harm. Only idempotent requests are retried after a rate limit;
    /// GET and HEAD are idempotent by default, and a POST carrying an idempotency key can say so.
    public var isIdempotent: Bool
    /// A larger response is refused as a protocol error rather than read into memory.
    public var maxResponseBytes: Int

    public init(
        method: Method = .get, url: URL, headers: [String: String] = [:], body: Data? = nil,
        timeout: Duration = .seconds(30), isIdempotent: Bool? = nil, maxResponseBytes: Int = 8 * 1024 * 1024
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent ?? (method == .get || method == .head)
        self.maxResponseBytes = maxResponseBytes
    }

    /// A request with a JSON body (`Content-Type: application/json; charset=utf-8`).
    public static func json(
        _ method: Method, url: URL, body: some Encodable, headers: [String: String] = [:],
        timeout: Duration = .seconds(30), isIdempotent: Bool? = nil
    ) throws -> ConnectorHTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var allHeaders = headers
        allHeaders["Content-Type"] = "application/json; charset=utf-8"
        allHeaders["Accept"] = allHeaders["Accept"] ?? "application/json"
        return ConnectorHTTPRequest(
            method: method, url: url, headers: allHeaders, body: try encoder.encode(body), timeout: timeout,
            isIdempotent: isIdempotent)
    }
}

/// A platform's answer, fully read.
public struct ConnectorHTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: Data
    /// The URL that answered, after redirects.
    public var url: URL
    /// The remaining-quota headers, when the platform sends them.
    public var quota: RateLimitQuota?

    public init(status: Int, headers: [String: String], body: Data, url: URL, quota: RateLimitQuota? = nil) {
        self.status = status
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
        self.url = url
        self.quota = quota
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as JSON.
    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/protocolError`` naming `platform`.
    public func json(platform: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(body)
        } catch {
            throw ConnectorError.undecodable(platform: platform, what: "the answer is not JSON")
        }
    }
}
