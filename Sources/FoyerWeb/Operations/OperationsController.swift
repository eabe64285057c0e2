import Foundation
import FoyerCore
import Hummingbird
import Logging
import Prometheus

/// `GET /health` and `GET /metrics`, plus JSON answers for unknown `/api/v1` paths, a router-wide
/// middleware registered here because this controller is registered before the other routes.
///
/// Request metrics (``HTTPMetricsMiddleware``) are installed by `buildRouter` as the outermost middleware, so
/// that every answer is counted with the status the client really gets.
public struct OperationsController: Sendable {
    let dependencies: WebDependencies
    let heartbeats: any HeartbeatSource

    /// - Parameter heartbeats: where workers report; `dependencies.heartbeats` unless given.
    public init(dependencies: WebDependencies, heartbeats: (any HeartbeatSource)? = nil) {
        self.dependencies = dependencies
        self.heartbeats = heartbeats ?? dependencies.heartbeats
    }

    public func register(on router: some RouterMethods<FoyerRequestContext>) {
        // Middleware applies to routes registered after it: this covers the API, the pages and the router's
        // "not found" answer.
        _ = router.add(middleware: APIFallbackMiddleware<FoyerRequestContext>())
        router.get("health") { _, context in
            try await self.health(context: context)
        }
        router.get("metrics") { _, _ in
            self.metrics()
        }
    }

    /// 200 with the report when healthy, 503 with the same report otherwise. Never cached.
    func health(context: FoyerRequestContext) async throws -> Response {
        let report = await HealthReport.check(
            storage: dependencies.storage.health, publications: dependencies.storage.publications, heartbeats: heartbeats,
            now: dependencies.clock.now(), logger: context.logger)
        let data = try APIJSON.encoder.encode(report)
        return Response(
            status: report.isHealthy ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The Prometheus text exposition of every metric in the registry.
    func metrics() -> Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        dependencies.metrics.emit(into: &bytes)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
