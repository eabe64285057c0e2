import FoyerCore
import Testing

/// A queued batch's outcome reaches every task that awaits it, before or after it is known, and only the
/// first completion counts.
@Suite struct QueuedIngestTests {
    @Test func everyAwaiterGetsTheFirstOutcome() async throws {
        let queued = QueuedIngest()
        #expect(queued.failure == nil)
        let early = (0..<3).map { _ in Task { try await queued.outcome.duplicates } }
        await Task.yield()
        queued.complete(.success(IngestOutcome(duplicates: 7)))
        queued.complete(.failure(DomainError.conflict("too late")))
        for task in early { #expect(try await task.value == 7) }
        #expect(try await queued.outcome.duplicates == 7)
        #expect(queued.failure == nil)
    }

    @Test func aFailureIsThrownToEveryAwaiter_andReadable() async throws {
        let queued = QueuedIngest()
        let early = Task { try await queued.outcome }
        queued.complete(.failure(DomainError.notFound("The channel was not found in its workspace.")))
        await #expect(throws: DomainError.self) { try await early.value }
        await #expect(throws: DomainError.self) { try await queued.outcome }
        #expect(queued.failure is DomainError)
    }
}
