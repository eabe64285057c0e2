import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One answer from the homeserver.
public struct MatrixTestResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    /// The body as a JSON object; empty when it is not one.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// The few HTTP calls the test server and test client make, JSON in and out.
struct MatrixTestHTTP: Sendable {
    /// Generous: the whole test suite can load a 2-core CI machine far past its cores, and Synapse is one
    /// Python thread. A deadline here is a failed test, not a slow one.
    static let defaultTimeout: Duration = .seconds(120)

    let baseURL: String
    let httpClient: HTTPClient

    /// Sends a request; `path` starts with `/` and is already percent-encoded.
    func send(
        _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, accessToken: String? = nil,
        timeout: Duration = Self.defaultTimeout
    ) async throws -> MatrixTestResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let accessToken { request.headers.add(name: "Authorization", value: "Bearer \(accessToken)") }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
        let buffer = try await response.body.collect(upTo: 16 * 1024 * 1024)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return MatrixTestResponse(
            status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
    }

    /// Sends a request and requires a 2xx answer.
    func expectSuccess(
        _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, accessToken: String? = nil,
        timeout: Duration = Self.defaultTimeout
    ) async throws -> MatrixTestResponse {
        let response = try await send(method, path, json: json, accessToken: accessToken, timeout: timeout)
        guard (200..<300).contains(response.status) else {
            throw SynapseError.requestFailed(
                method: method.rawValue, path: path, status: response.status, body: response.text)
        }
        return response
    }

    /// The string field `key` of a 2xx JSON answer.
    func field(_ key: String, of response: MatrixTestResponse, path: String) throws -> String {
        guard let value = response.json[key] as? String, !value.isEmpty else {
            throw SynapseError.unexpectedAnswer(path: path, body: response.text)
        }
        return value
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Percent-encodes one path segment (room ids contain `!` and `:`, user ids `@`).
func matrixPathSegment(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
}
