import Synchronization

/// A batch handed to ``IngestStore/queue(_:channel:receivedAt:after:)``: queued at once, stored in its turn,
/// its outcome awaited later (by any number of tasks).
public final class QueuedIngest: Sendable {
    private enum State {
        case waiting([CheckedContinuation<IngestOutcome, any Error>])
        case done(Result<IngestOutcome, any Error>)
    }

    private let state = Mutex(State.waiting([]))

    public init() {}

    /// Records how the batch ended and wakes whoever awaits it. Only the first call counts.
    public func complete(_ result: Result<IngestOutcome, any Error>) {
        let waiting = state.withLock { state -> [CheckedContinuation<IngestOutcome, any Error>] in
            guard case .waiting(let waiting) = state else { return [] }
            state = .done(result)
            return waiting
        }
        for continuation in waiting { continuation.resume(with: result) }
    }

    /// Why the batch failed, once it has failed; `nil` while it waits or when it was stored.
    public var failure: (any Error)? {
        state.withLock { state in
            guard case .done(.failure(let error)) = state else { return nil }
            return error
        }
    }

    /// What the batch stored, once it has been stored; throws why it was not.
    public var outcome: IngestOutcome {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let result = state.withLock { state -> Result<IngestOutcome, any Error>? in
                    switch state {
                    case .done(let result): return result
                    case .waiting(let waiting):
                        state = .waiting(waiting + [continuation])
                        return nil
                    }
                }
                if let result { continuation.resume(with: result) }
            }
        }
    }
}
