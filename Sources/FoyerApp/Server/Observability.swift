import Logging
import Metrics
import Prometheus
import Synchronization

/// Process-wide logging and metrics. swift-log and swift-metrics can be bootstrapped once per process only,
/// so ``bootstrap(logLevel:format:)`` does it the first time and afterwards only returns the same registry:
/// servers started later in the same process (tests) share it.
public enum Observability {
    private static let state = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-log (structured lines on standard error) and swift-metrics (Prometheus) on first call.
    /// - Returns: the registry that `/metrics` must read, to put in `WebDependencies.metrics`.
    @discardableResult
    public static func bootstrap(
        logLevel: Logger.Level, format: FoyerConfiguration.LogFormat
    ) -> PrometheusCollectorRegistry {
        state.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            LoggingSystem.bootstrap { label in
                StructuredLogHandler(label: label, level: logLevel, format: format)
            }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }
}
