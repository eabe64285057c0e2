import AsyncHTTPClient
import Foundation
import FoyerCore
import NIOCore
import NIOHTTP1

/// The one way connectors talk HTTP: the network policy on every URL (redirects included), rate limits
/// honoured, answers read whole with a size cap.
///
/// Wraps an `HTTPClient` made once by the composition root (see ``makeHTTPClient()``); the wrapper is a cheap
/// value, one per connector, carrying the platform name used in error messages.
///
/// Rate limits: a 429, or Slack's HTTP 200 `{"ok":false,"error":"ratelimited"}`, gives a "retry at" instant
/// from ``RateLimitHints``. An idempotent request is retried after `max(hint, jittered exponential backoff)`
/// while that wait is at most ``maxWait`` and fewer than ``maxAttempts`` tries were made; otherwise
/// ``send(_:)`` throws ``ConnectorError`` of kind ``ConnectorError/Kind/rateLimited`` with `retryAfter`, for the
/// worker to schedule. Other statuses are returned as they are: map them with
/// ``FoyerCore/ConnectorError/from(status:body:platform:headers:now:)``.
public struct ConnectorHTTPClient: Sendable {
    /// Waits the given time; tests inject one that records and returns at once.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    private let httpClient: HTTPClient
    public var policy: NetworkPolicy
    /// The platform name used in error messages ("Slack").
    public var platform: String
    /// Tries of one idempotent request, the first included.
    public var maxAttempts: Int
    /// The longest wait before a retry; a longer rate limit is handed back to the caller.
    public var maxWait: TimeInterval
    /// The first backoff step; doubles on each try, then scaled by a jitter in 0.5…1.5.
    public var baseDelay: TimeInterval
    /// Redirects followed for GET and HEAD; other methods get the 3xx answer back.
    public var maxRedirects: Int
    private let clock: any WallClock
    private let sleeper: Sleeper
    private let jitter: @Sendable () -> Double

    /// - Parameters:
    ///   - httpClient: shared by every connector; made with ``makeHTTPClient()`` so redirects are not followed
    ///     blindly (this wrapper follows them itself, checking each hop against `policy`).
    ///   - jitter: a number in `0..<1`; random by default.
    public init(
        httpClient: HTTPClient, policy: NetworkPolicy, platform: String = "The platform", maxAttempts: Int = 3,
        maxWait: TimeInterval = 30, baseDelay: TimeInterval = 1, maxRedirects: Int = 5,
        clock: any WallClock = SystemClock(),
        sleeper: @escaping Sleeper = { try await Task.sleep(for: $0) },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.httpClient = httpClient
        self.policy = policy
        self.platform = platform
        self.maxAttempts = max(1, maxAttempts)
        self.maxWait = maxWait
        self.baseDelay = baseDelay
        self.maxRedirects = maxRedirects
        self.clock = clock
        self.sleeper = sleeper
        self.jitter = jitter
    }

    /// The same client, naming another platform in its errors.
    public func named(_ platform: String) -> ConnectorHTTPClient {
        var copy = self
        copy.platform = platform
        return copy
    }

    /// The `HTTPClient` connectors should share: no automatic redirects (each hop must pass the network
    /// policy), 10 s connect timeout. The caller shuts it down at exit.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)))
        configuration.httpVersion = .automatic
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// One `HTTPClient` for the whole process, made by ``makeHTTPClient()`` on first use and never shut down:
    /// what ``Connectors/all(policy:httpClient:)`` uses unless given another.
    public static let sharedHTTPClient: HTTPClient = makeHTTPClient()

    /// Sends `request` and reads the whole answer.
    /// - Throws: ``ConnectorError``: `.configuration` when the network policy refuses a URL, `.rateLimited`
    ///   when the platform asks to wait longer than this client retries, `.unavailable` for transport errors
    ///   (for a non-idempotent request the outcome is then unknown), `.protocolError` for an oversized answer.
    public func send(_ request: ConnectorHTTPRequest) async throws -> ConnectorHTTPResponse {
        var attempt = 1
        while true {
            let response = try await sendFollowingRedirects(request)
            guard Self.isRateLimited(response) else { return response }
            let now = clock.now()
            let hinted = RateLimitHints.retryAt(headers: response.headers, body: response.body, now: now)
            let backoff = baseDelay * pow(2, Double(attempt - 1)) * (0.5 + min(max(jitter(), 0), 1))
            let wait = max(hinted.map { $0.timeIntervalSince(now) } ?? 0, backoff)
            if request.isIdempotent && attempt < maxAttempts && wait <= maxWait {
                try await sleeper(.milliseconds(Int64((wait * 1000).rounded(.up))))
                attempt += 1
                continue
            }
            throw ConnectorError.rateLimited(platform: platform, retryAt: hinted ?? now + max(wait, 60))
        }
    }

    /// Opens a long-lived answer (Server-Sent Events) and hands its body to `onChunk` as it arrives, until
    /// the platform ends it, the task is cancelled, or `onChunk` throws.
    ///
    /// The network policy is checked; redirects are not followed. The connection is considered dead when
    /// nothing, not even a heartbeat, arrives within the client's read timeout (60 s).
    /// - Parameters:
    ///   - maxDuration: the stream is closed after this long at the latest (the caller reconnects).
    ///   - onOpen: called with the answer's status and headers once a 2xx arrived, before any chunk.
    /// - Throws: ``ConnectorError``: the mapped error of a non-2xx answer (`.rateLimited` with the platform's
    ///   retry time for a 429), `.unavailable` when the connection fails.
    public func stream(
        _ request: ConnectorHTTPRequest, maxDuration: Duration, onOpen: () async throws -> Void,
        onChunk: (ArraySlice<UInt8>) async throws -> Void
    ) async throws {
        try await policy.check(request.url)
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if outgoing.headers["user-agent"].isEmpty {
            outgoing.headers.add(name: "User-Agent", value: "Foyer (self-hosted community platform)")
        }
        let components = maxDuration.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(outgoing, timeout: .nanoseconds(max(nanoseconds, 1_000_000)))
        } catch {
            throw ConnectorError.transport(error, platform: platform)
        }
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = try? await response.body.collect(upTo: 64 * 1024)
            throw ConnectorError.from(
                status: Int(response.status.code), body: body.map { Data($0.readableBytesView) }, platform: platform,
                headers: headers, now: clock.now())
        }
        try await onOpen()
        var chunks = response.body.makeAsyncIterator()
        while true {
            let buffer: ByteBuffer?
            do {
                buffer = try await chunks.next()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw ConnectorError.transport(error, platform: platform)
            }
            guard let buffer else { return }
            try await onChunk(ArraySlice(buffer.readableBytesView))
        }
    }

    /// Waits with the client's sleeper (tests record the wait instead): for platforms that finish work in the
    /// background and are asked again (Mastodon media processing).
    public func pause(_ duration: Duration) async throws {
        try await sleeper(duration)
    }

    /// A 429, or Slack's `ok:false` with `error: ratelimited` (HTTP 200).
    static func isRateLimited(_ response: ConnectorHTTPResponse) -> Bool {
        if response.status == 429 { return true }
        guard response.status == 200, response.body.count <= 4096,
            response.header("content-type")?.lowercased().contains("json") ?? true,
            let json = try? JSONValue.parse(response.body)
        else { return false }
        return json["ok"]?.bool == false && json["error"]?.string == "ratelimited"
    }

    private func sendFollowingRedirects(_ request: ConnectorHTTPRequest) async throws -> ConnectorHTTPResponse {
        var url = request.url
        var redirects = 0
        while true {
            let response = try await perform(request, url: url)
            guard request.method == .get || request.method == .head,
                [301, 302, 303, 307, 308].contains(response.status),
                let location = response.header("location"),
                let next = URL(string: location, relativeTo: url)?.absoluteURL
            else { return response }
            // A client that follows no redirect hands the 3xx back (feeds report a permanent move).
            if maxRedirects == 0 { return response }
            redirects += 1
            guard redirects <= maxRedirects else {
                throw ConnectorError(.protocolError, "\(platform) redirected more than \(maxRedirects) times.")
            }
            url = next
        }
    }

    private func perform(_ request: ConnectorHTTPRequest, url: URL) async throws -> ConnectorHTTPResponse {
        try await policy.check(url)
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if outgoing.headers["user-agent"].isEmpty {
            outgoing.headers.add(name: "User-Agent", value: "Foyer (self-hosted community platform)")
        }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let components = request.timeout.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        do {
            let response = try await httpClient.execute(outgoing, timeout: .nanoseconds(max(nanoseconds, 1_000_000)))
            let buffer = try await response.body.collect(upTo: request.maxResponseBytes)
            var headers: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                headers[name] = headers[name].map { "\($0), \(header.value)" } ?? header.value
            }
            return ConnectorHTTPResponse(
                status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView), url: url,
                quota: RateLimitQuota(headers: headers, now: clock.now()))
        } catch let error as ConnectorError {
            throw error
        } catch is NIOTooManyBytesError {
            throw ConnectorError(
                .protocolError, "\(platform) sent an answer larger than \(request.maxResponseBytes / 1024) KiB.")
        } catch {
            throw ConnectorError.transport(error, platform: platform)
        }
    }
}
