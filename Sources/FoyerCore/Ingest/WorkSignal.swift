import Foundation
import Synchronization

/// Wakes a background worker early (a webhook was stored, a reply was queued) instead of waiting for its
/// next tick. Signals coalesce: many `notify()` calls while the worker is busy wake it once.
///
/// A notification with nobody waiting is kept for the next ``wait(timeout:)``, which then returns at once.
/// Each wait ends on a notification, on its timeout, or when its task is cancelled, and never before.
/// (An `AsyncStream` served here before; cancelling its pending `next()` at each timeout finished the stream,
/// after which every wait returned at once and the workers of an idle server spun on a core.)
public final class WorkSignal: Sendable {
    /// Why a wait ended.
    public enum Wake: Sendable, Equatable {
        case notified
        case timedOut
        case cancelled
    }

    private enum Wait {
        /// Started; its continuation is not registered yet.
        case starting
        case waiting(CheckedContinuation<Wake, Never>)
        /// Ended (before it registered, or resumed), for this reason; the wait cleans it up.
        case ended(Wake)
    }

    private struct State {
        var pending = false
        var nextID = 0
        var waits: [Int: Wait] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func notify() {
        let waiting = state.withLock { state -> [CheckedContinuation<Wake, Never>] in
            guard !state.waits.isEmpty else {
                state.pending = true
                return []
            }
            var resumed: [CheckedContinuation<Wake, Never>] = []
            for (id, wait) in state.waits {
                switch wait {
                case .starting: state.waits[id] = .ended(.notified)
                case .waiting(let continuation):
                    resumed.append(continuation)
                    state.waits[id] = .ended(.notified)
                case .ended: break
                }
            }
            return resumed
        }
        for waiter in waiting { waiter.resume(returning: .notified) }
    }

    /// Returns when notified (or already notified since the last wait), after `timeout`, or when the task is
    /// cancelled, whichever comes first, and says which.
    @discardableResult
    public func wait(timeout: Duration) async -> Wake {
        let id = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.nextID += 1
            state.waits[state.nextID] = .starting
            return state.nextID
        }
        guard let id else { return .notified }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { self?.end(id, .timedOut) }
        }
        let wake = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early = state.withLock { state -> Wake? in
                    switch state.waits[id] {
                    case .starting:
                        state.waits[id] = .waiting(continuation)
                        return nil
                    case .ended(let wake): return wake
                    case .waiting, nil: return .notified
                    }
                }
                // Notified, timed out or cancelled before it could register.
                if let early { continuation.resume(returning: early) }
            }
        } onCancel: {
            end(id, .cancelled)
        }
        timer.cancel()
        state.withLock { state in state.waits[id] = nil }
        return wake
    }

    /// Ends the wait `id` for `wake` if it has not ended yet.
    private func end(_ id: Int, _ wake: Wake) {
        let waiter = state.withLock { state -> CheckedContinuation<Wake, Never>? in
            switch state.waits[id] {
            case .starting:
                state.waits[id] = .ended(wake)
                return nil
            case .waiting(let continuation):
                state.waits[id] = .ended(wake)
                return continuation
            case .ended, nil:
                return nil
            }
        }
        waiter?.resume(returning: wake)
    }
}
