import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Runs a Hummingbird responder on `127.0.0.1` and an ephemeral port for the duration of a closure: the
/// scaffolding under the platform fakes.
enum LoopbackHTTPServer {
    struct StartFailure: Error, CustomStringConvertible {
        var description: String { "The loopback test server stopped before it listened on a port." }
    }

    /// `http://127.0.0.1:<port>`.
    static func url(port: Int) -> URL {
        var components = URLComponents()
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = port
        return components.url ?? URL(fileURLWithPath: "/")
    }

    /// Starts `responder`, calls `body` with the bound port, then stops the server (also when `body` throws).
    static func run<Responder: HTTPResponder, Result: Sendable>(
        _ responder: Responder, _ body: (Int) async throws -> Result
    ) async throws -> Result where Responder.Context == BasicRequestContext {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "foyer-fake"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await application.runService(gracefulShutdownSignals: [])
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                try await group.next()
                throw StartFailure()
            }
            do {
                let result = try await body(port)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

extension Request {
    /// The header `name` (case-insensitive), or `nil`.
    func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }
}

extension Response {
    /// A response with a body and extra headers; `Content-Type` is set when `contentType` is given.
    static func fake(
        _ status: HTTPResponse.Status, body: String = "", contentType: String? = nil, headers: [String: String] = [:]
    ) -> Response {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
