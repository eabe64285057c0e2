import Foundation

/// Bulk ingest that overlaps its two halves: while one batch is being stored (one writer, one core), the
/// next is analysed on the other cores and queued behind it, so the writer goes from one batch to the next
/// without waiting. `foyer import` and the benchmarks feed batches through it.
///
/// ```swift
/// var session = IngestSession(pipeline: pipeline, channel: channel)
/// for batch in batches { if let done = try await session.submit(batch) { report(done) } }
/// if let done = try await session.finish() { report(done) }
/// ```
///
/// When a batch fails, the one queued behind it is not stored either, and `submit` or `finish` throws the
/// error.
public struct IngestSession: Sendable {
    public let pipeline: IngestPipeline
    public let channel: Channel
    private var storing: QueuedIngest?

    public init(pipeline: IngestPipeline, channel: Channel) {
        self.pipeline = pipeline
        self.channel = channel
    }

    /// Analyses `items` while the previous batch is stored, queues them behind it, then waits for the previous
    /// batch. Returns the outcome of the previous batch (`nil` for the first one).
    public mutating func submit(_ items: [InboundItem]) async throws -> IngestOutcome? {
        let prepared = await pipeline.analyse(items)
        let previous = storing
        storing = pipeline.storage.ingest.queue(
            prepared, channel: channel, receivedAt: pipeline.clock.now(), after: previous)
        return try await outcome(of: previous)
    }

    /// Waits for the last batch to be stored and returns its outcome.
    public mutating func finish() async throws -> IngestOutcome? {
        defer { storing = nil }
        return try await outcome(of: storing)
    }

    private func outcome(of batch: QueuedIngest?) async throws -> IngestOutcome? {
        guard let batch else { return nil }
        let outcome = try await batch.outcome
        pipeline.publish(outcome, channel: channel)
        return outcome
    }
}
