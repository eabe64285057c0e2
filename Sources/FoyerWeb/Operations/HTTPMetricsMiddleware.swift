import Foundation
import Hummingbird
import Prometheus

/// Counts every request by method and status, and measures its duration, into the Prometheus registry
/// `/metrics` reads. Installed by `buildRouter` as the outermost middleware of the whole router.
///
/// Series: `foyer_http_requests_total{method, status}`, `foyer_http_request_duration_seconds{method}`,
/// `foyer_http_requests_in_flight`. The route is not a label, to keep the series count bounded.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestsTotal: String { "foyer_http_requests_total" }

    let registry: PrometheusCollectorRegistry
    let inFlight: Gauge

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "foyer", subsystem: "http", metricName: "requests_in_flight",
                helpText: "HTTP requests being handled."))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        inFlight.increment()
        defer { inFlight.decrement() }
        do {
            let response = try await next(request, context)
            record(method: request.method, status: response.status, duration: ContinuousClock.now - start)
            return response
        } catch {
            // The error pages inside turn nearly every error into a response; what still escapes is answered
            // by Hummingbird itself: count it with the status the client will get.
            let status = (error as? any HTTPResponseError)?.status ?? ErrorPageMiddleware.classify(error).0
            record(method: request.method, status: status, duration: ContinuousClock.now - start)
            throw error
        }
    }

    private func record(method: HTTPRequest.Method, status: HTTPResponse.Status, duration: Duration) {
        // Unknown methods would let a client create series at will.
        let known: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]
        let methodLabel = known.contains(method) ? method.rawValue : "OTHER"
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "foyer", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "HTTP requests answered, by method and status."),
            labels: [("method", methodLabel), ("status", String(status.code))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "foyer", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "Time to produce the response head, by method."),
            labels: [("method", methodLabel)],
            buckets: Self.buckets
        ).record(duration)
    }

    static var buckets: [Duration] {
        [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
    }
}
