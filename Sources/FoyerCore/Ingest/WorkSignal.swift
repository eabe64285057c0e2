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
    private enum Wait {
        /// Started; its continuation is not registered yet.
        case starting
        case waiting(CheckedContinuation<Void, Never>)
        /// Ended early (before it registered) or resumed; the wait cleans it up.
        case ended
    }

    private struct State {
        var pending = false
        var nextID = 0
        var waits: [Int: Wait] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func notify() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waits.isEmpty else {
                state.pending = true
                return []
            }
            var resumed: [CheckedContinuation<Void, Never>] = []
            for (id, wait) in state.waits {
                switch wait {
                case .waiting(let continuation): resumed.append(continuation)
                case .starting, .ended: break
                }
                state.waits[id] = .ended
            }
            return resumed
        }
        for waiter in waiting { waiter.resume() }
    }

    /// Returns when notified (or already notified since the last wait), after `timeout`, or when the task is
    /// cancelled, whichever comes first.
    public func wait(timeout: Duration) async {
        let id = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.nextID += 1
            state.waits[state.nextID] = .starting
            return state.nextID
        }
        guard let id else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.end(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let registered = state.withLock { state -> Bool in
                    guard case .starting = state.waits[id] else { return false }
                    state.waits[id] = .waiting(continuation)
                    return true
                }
                // Notified, timed out or cancelled before it could register.
                if !registered { continuation.resume() }
            }
        } onCancel: {
            end(id)
        }
        timer.cancel()
        state.withLock { state in state.waits[id] = nil }
    }

    /// Ends the wait `id` (timeout or cancellation) if it has not ended yet.
    private func end(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let wait = state.waits[id] else { return nil }
            state.waits[id] = .ended
            if case .waiting(let continuation) = wait { return continuation }
            return nil
        }
        waiter?.resume()
    }
}
