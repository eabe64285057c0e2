import Foundation

/// Where `/health` learns how the background workers are doing.
///
/// Workers (ingest, scheduler, job runners) arrive with later issues; each will report through an
/// implementation of this protocol that FoyerApp passes to ``OperationsController``. Until then the list
/// is empty.
public protocol HeartbeatSource: Sendable {
    /// The last heartbeat of every known worker.
    func heartbeats() async -> [WorkerHeartbeat]
}

/// The last sign of life of one background worker.
public struct WorkerHeartbeat: Codable, Sendable, Equatable {
    /// Stable name such as `ingest` or `scheduler`.
    public var name: String
    public var lastBeatAt: Date
    /// `false` when the worker missed its beats or reported a failure; makes `/health` answer 503.
    public var healthy: Bool
    /// A short, non-secret description of the last problem, for operators.
    public var detail: String?

    public init(name: String, lastBeatAt: Date, healthy: Bool, detail: String? = nil) {
        self.name = name
        self.lastBeatAt = lastBeatAt
        self.healthy = healthy
        self.detail = detail
    }
}

/// No workers yet: an empty list.
public struct NoHeartbeats: HeartbeatSource {
    public init() {}
    public func heartbeats() async -> [WorkerHeartbeat] { [] }
}
