import Foundation
import FoyerConnectors
import FoyerCore
import Hummingbird
import NIOCore

/// One request a fake platform received.
struct RecordedRequest: Sendable {
    var method: String
    /// Path with the query string.
    var uri: String
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data

    var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
    var query: [String: String] {
        guard let components = URLComponents(string: uri) else { return [:] }
        var result: [String: String] = [:]
        for item in components.queryItems ?? [] { result[item.name] = item.value ?? "" }
        return result
    }

    func json() throws -> JSONValue { try JSONValue.parse(body) }
}

/// What a fake answers.
struct FakeReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    init(status: Int = 200, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> FakeReply {
        var all = headers
        all["Content-Type"] = "application/json; charset=utf-8"
        return FakeReply(status: status, headers: all, body: Data(text.utf8))
    }

    static func json(_ object: [String: Any], status: Int = 200, headers: [String: String] = [:]) -> FakeReply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return json(String(decoding: data, as: UTF8.self), status: status, headers: headers)
    }
}

/// The requests a fake received, in order.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []

    func append(_ request: RecordedRequest) { lock.withLock { recorded.append(request) } }
    var all: [RecordedRequest] { lock.withLock { recorded } }
    func matching(_ path: String) -> [RecordedRequest] { all.filter { $0.path == path } }
}

/// Runs a Hummingbird server on 127.0.0.1 and an ephemeral port for the duration of `body`, answering every
/// request with `handler` and recording it.
enum FakeHTTPServer {
    struct StartFailure: Error {}

    static func run<Result: Sendable>(
        _ handler: @escaping @Sendable (RecordedRequest) async -> FakeReply,
        _ body: (_ baseURL: URL, _ log: RequestLog) async throws -> Result
    ) async throws -> Result {
        let log = RequestLog()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
            let recorded = RecordedRequest(
                method: request.method.rawValue, uri: request.uri.description, headers: headers,
                body: Data(buffer.readableBytesView))
            log.append(recorded)
            let reply = await handler(recorded)
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                // Hummingbird re-exports HTTPFields but not its field-name type: build the name from the
                // subscript's context. The names are the tests' own, always valid.
                fields[.init(name)!] = value
            }
            return Response(
                status: HTTPResponse.Status(code: reply.status), headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-platform"),
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
            guard let port = await iterator.next(), port > 0, let url = URL(string: "http://127.0.0.1:\(port)") else {
                group.cancelAll()
                throw StartFailure()
            }
            do {
                let result = try await body(url, log)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

/// One `HTTPClient` for the whole test process, made the way production makes it.
enum TestHTTP {
    static let client = ConnectorHTTPClient.makeHTTPClient()

    /// Waits recorded instead of slept, so rate-limit tests run at once.
    final class SleepRecorder: @unchecked Sendable {
        private let lock = NSLock()
        private var waits: [Duration] = []
        var recorded: [Duration] { lock.withLock { waits } }
        func sleep(_ duration: Duration) async throws { lock.withLock { waits.append(duration) } }
    }

    /// A connector client allowed to reach loopback fakes, with a recording sleeper and no jitter.
    static func connectorClient(
        platform: String, sleeper: SleepRecorder = SleepRecorder(), clock: any WallClock = SystemClock()
    ) -> ConnectorHTTPClient {
        ConnectorHTTPClient(
            httpClient: client, policy: NetworkPolicy(allowPrivateNetworks: true), platform: platform, clock: clock,
            sleeper: { try await sleeper.sleep($0) }, jitter: { 0.5 })
    }
}
