import Foundation
import FoyerCore
import Hummingbird
import Logging
import Prometheus

/// `GET /health` and `GET /metrics`, plus two router-wide middlewares registered here because this
/// controller is registered first: request metrics, and JSON answers for unknown `/api/v1` paths.
public struct OperationsController: Sendable {
    let dependencies: WebDependencies
    let heartbeats: any HeartbeatSource

    /// - Parameter heartbeats: where workers report; none until workers exist.
    public init(dependencies: WebDependencies, heartbeats: any HeartbeatSource = NoHeartbeats()) {
        self.dependencies = dependencies
        self.heartbeats = heartbeats
    }

    public func register(on router: some RouterMethods<FoyerRequestContext>) {
        // Middleware applies to routes registered after it: these cover the API, the pages and the router's
        // "not found" answer.
        _ = router.add(middleware: HTTPMetricsMiddleware<FoyerRequestContext>(registry: dependencies.metrics))
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
            storage: dependencies.storage.health, heartbeats: heartbeats, logger: context.logger)
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
