import Foundation
import FoyerCore
import GRDB

/// Group commit for webhook deliveries: appends that arrive while a write transaction is running wait for
/// it, then share the next one. Each caller still returns only after its row is committed (durable before
/// the 2xx), but concurrent deliveries cost one commit instead of one each.
///
/// Every delivery runs in its own savepoint, so one refused row (its channel was just deleted) fails alone.
final class InboundAppendQueue: @unchecked Sendable {
    private typealias Waiter = (
        event: NewInboundEvent, workspace: WorkspaceID,
        continuation: CheckedContinuation<InboundAppendResult, any Error>
    )

    private let writer: any DatabaseWriter
    private let messages: ConstraintMessages
    private let lock = NSLock()
    private var waiting: [Waiter] = []
    private var draining = false

    init(writer: any DatabaseWriter, messages: ConstraintMessages) {
        self.writer = writer
        self.messages = messages
    }

    func append(_ event: NewInboundEvent, in workspace: WorkspaceID) async throws -> InboundAppendResult {
        try await withCheckedThrowingContinuation { continuation in
            let startDraining = lock.withLock { () -> Bool in
                waiting.append((event, workspace, continuation))
                guard !draining else { return false }
                draining = true
                return true
            }
            if startDraining { Task { await drain() } }
        }
    }

    /// Commits what is waiting, one transaction per round, until nothing is left.
    private func drain() async {
        while true {
            let batch = lock.withLock { () -> [Waiter] in
                let batch = waiting
                waiting.removeAll(keepingCapacity: true)
                if batch.isEmpty { draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let requests = batch.map { ($0.event, $0.workspace) }
            let messages = self.messages
            do {
                let results = try await writer.write { db in
                    try requests.map { event, workspace -> Result<InboundAppendResult, any Error> in
                        var result: Result<InboundAppendResult, any Error> = .failure(CancellationError())
                        do {
                            try db.inSavepoint {
                                result = .success(try InboundEventSQLiteRepository.append(event, in: workspace, db))
                                return .commit
                            }
                        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                            result = .failure(messages.map(error))
                        } catch let error as DomainError {
                            result = .failure(error)
                        }
                        return result
                    }
                }
                for (waiter, result) in zip(batch, results) { waiter.continuation.resume(with: result) }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: messages.map(error)) }
            }
        }
    }
}
