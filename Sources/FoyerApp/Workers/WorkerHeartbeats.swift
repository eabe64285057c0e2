import Foundation
import FoyerCore
import FoyerWeb

/// Where the background workers report each round, read by `/health`.
///
/// A worker is unhealthy when its last round failed, or when it has not beaten for `staleAfter` (it is
/// stuck or dead), so a silent stop shows on `/health` instead of being missed.
public final class WorkerHeartbeats: HeartbeatSource, @unchecked Sendable {
    private let lock = NSLock()
    private var beats: [String: WorkerHeartbeat] = [:]
    private let clock: any WallClock
    private let staleAfter: TimeInterval

    public init(clock: any WallClock, staleAfter: TimeInterval = 120) {
        self.clock = clock
        self.staleAfter = staleAfter
    }

    /// Records a round of `worker`; `problem` is a short, non-secret description when it failed.
    public func beat(_ worker: String, problem: String? = nil) {
        let beat = WorkerHeartbeat(name: worker, lastBeatAt: clock.now(), healthy: problem == nil, detail: problem)
        lock.withLock { beats[worker] = beat }
    }

    public func heartbeats() async -> [WorkerHeartbeat] {
        let now = clock.now()
        let current = lock.withLock { Array(beats.values) }
        return current.sorted { $0.name < $1.name }.map { beat in
            guard now.timeIntervalSince(beat.lastBeatAt) > staleAfter else { return beat }
            var stale = beat
            stale.healthy = false
            stale.detail = "no heartbeat for \(Int(now.timeIntervalSince(beat.lastBeatAt))) s"
            return stale
        }
    }
}
