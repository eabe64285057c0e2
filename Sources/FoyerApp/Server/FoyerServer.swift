import Foundation
import FoyerConnectors
import FoyerCore
import FoyerWeb
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The composition root of `foyer serve`: builds the web application over a storage and runs it in one
/// `ServiceGroup` that shuts down gracefully on SIGTERM and SIGINT.
///
/// Tests and the browser test start the real server in-process:
/// ```swift
/// let server = try await FoyerServer.start(configuration: configuration, storage: storage)
/// // … talk to server.url …
/// await server.shutdown()
/// ```
public enum FoyerServer {
    /// Builds the dependencies and starts listening; returns once the socket is bound (or throws when it
    /// cannot be, e.g. the port is taken).
    ///
    /// - Parameters:
    ///   - configuration: host, port (0 = any free port), public URL and logging.
    ///   - storage: the opened, migrated storage.
    ///   - clock: the time source of the web layer.
    ///   - metrics: the registry `/metrics` reads; by default the process-wide one of ``Observability``.
    ///   - webSettings: overrides the web settings derived from `configuration` (tests lower the bcrypt cost).
    ///   - handleSignals: whether SIGTERM and SIGINT shut the server down gracefully (the `foyer` binary);
    ///     in-process tests call ``RunningFoyerServer/shutdown()`` instead.
    ///   - workers: what the background workers need; `nil` runs the web server alone.
    public static func start(
        configuration: FoyerConfiguration, storage: Storage, clock: any WallClock = SystemClock(),
        metrics: PrometheusCollectorRegistry? = nil, webSettings: WebSettings? = nil, handleSignals: Bool = false,
        workers: WorkerSetup? = WorkerSetup()
    ) async throws -> RunningFoyerServer {
        // With port 0 and no configured public URL, pick the port first so that links and the OpenAPI server
        // address name the real port; retry if another process takes it before we bind.
        guard configuration.port == 0, configuration.publicURLIsDerived, webSettings == nil else {
            return try await startOnce(
                configuration: configuration, storage: storage, clock: clock, metrics: metrics,
                webSettings: webSettings, handleSignals: handleSignals, workers: workers)
        }
        var lastError: (any Error)?
        for _ in 0..<3 {
            guard let port = FreePort.find(host: configuration.host) else { break }
            do {
                return try await startOnce(
                    configuration: configuration.bound(to: port), storage: storage, clock: clock, metrics: metrics,
                    webSettings: nil, handleSignals: handleSignals, workers: workers)
            } catch {
                lastError = error
            }
        }
        if let lastError { throw lastError }
        return try await startOnce(
            configuration: configuration, storage: storage, clock: clock, metrics: metrics, webSettings: nil,
            handleSignals: handleSignals, workers: workers)
    }

    private static func startOnce(
        configuration: FoyerConfiguration, storage: Storage, clock: any WallClock,
        metrics: PrometheusCollectorRegistry?, webSettings: WebSettings?, handleSignals: Bool, workers: WorkerSetup?
    ) async throws -> RunningFoyerServer {
        let registry =
            metrics ?? Observability.bootstrap(logLevel: configuration.logLevel, format: configuration.logFormat)
        var logger = Logger(label: "foyer")
        logger.logLevel = configuration.logLevel
        let connectors = ConnectorRegistry(
            Connectors.all(policy: NetworkPolicy(allowPrivateNetworks: configuration.allowPrivateNetworks)))
        let heartbeats = WorkerHeartbeats(clock: clock)
        let live = LiveEventHub()
        let ingestSignal = WorkSignal()
        let publishSignal = WorkSignal()
        let media = DirectoryMediaStore(folder: configuration.mediaDirectory)
        let dependencies = WebDependencies(
            storage: storage, clock: clock, settings: webSettings ?? configuration.webSettings, metrics: registry,
            logger: logger, heartbeats: heartbeats, connectors: connectors, sealer: workers?.sealer, liveEvents: live,
            ingestSignal: ingestSignal, publishSignal: publishSignal, media: media,
            reviewLinks: (try? configuration.loadSecretKey()).map(ReviewLinkSigner.init(secret:)) ?? .ephemeral())

        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = buildApplication(
            dependencies, host: configuration.host, port: configuration.port,
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? configuration.port)
                portContinuation.finish()
            })
        var services: [any Service] = [application]
        if let workers {
            services += workers.services(
                storage: storage, connectors: connectors, live: live, clock: clock, heartbeats: heartbeats,
                ingestSignal: ingestSignal, publishSignal: publishSignal, media: media, logger: logger)
        }
        // Last, so it is the first told to shut down: it ends the live-event streams, which would otherwise
        // keep their responses (and the server) open.
        services.append(LiveEventsShutdown(hub: live))
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                cancellationSignals: [],
                logger: logger))
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }

        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The group ended before listening: report why.
            try await task.value
            throw CommandFailure(
                "Foyer stopped before listening on \(configuration.host):\(configuration.port).")
        }
        let bound = configuration.bound(to: port)
        logger.info(
            "Listening", metadata: ["host": "\(bound.host)", "port": "\(port)", "public_url": "\(bound.publicURL)"])
        return RunningFoyerServer(configuration: bound, group: group, task: task)
    }
}

/// A server started by ``FoyerServer/start(configuration:storage:clock:metrics:webSettings:handleSignals:)``.
public final class RunningFoyerServer: Sendable {
    /// The configuration with the port actually bound.
    public let configuration: FoyerConfiguration
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(configuration: FoyerConfiguration, group: ServiceGroup, task: Task<Void, any Error>) {
        self.configuration = configuration
        self.group = group
        self.task = task
    }

    /// The port the server listens on.
    public var port: Int { configuration.port }

    /// Where to reach it: `http://<host>:<port>` on the bound port (wildcard hosts shown as `localhost`).
    public var url: URL { FoyerConfiguration.derivedPublicURL(host: configuration.host, port: port) }

    /// Stops accepting connections, lets requests in flight finish, and returns when the server has stopped.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Returns when the server stops (after a signal or ``shutdown()``); throws if it failed.
    public func waitUntilStopped() async throws {
        try await task.value
    }
}
