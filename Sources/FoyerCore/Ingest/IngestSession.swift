import Foundation

/// Bulk ingest that overlaps its two halves: while one batch is being stored (one writer, one core), the
/// next is analysed on the other cores. `foyer import` and the benchmarks feed batches through it.
///
/// ```swift
/// var session = IngestSession(pipeline: pipeline, channel: channel)
/// for batch in batches { if let done = try await session.submit(batch) { report(done) } }
/// if let done = try await session.finish() { report(done) }
/// ```
public struct IngestSession: Sendable {
    public let pipeline: IngestPipeline
    public let channel: Channel
    private var storing: Task<IngestOutcome, any Error>?

    public init(pipeline: IngestPipeline, channel: Channel) {
        self.pipeline = pipeline
        self.channel = channel
    }

    /// Analyses `items` while the previous batch is stored, then starts storing them. Returns the outcome of
    /// the previous batch (`nil` for the first one).
    public mutating func submit(_ items: [InboundItem]) async throws -> IngestOutcome? {
        let prepared = await pipeline.analyse(items)
        let previous = try await storing?.value
        let pipeline = self.pipeline
        let channel = self.channel
        storing = Task {
            let outcome = try await pipeline.storage.ingest.store(
                prepared, channel: channel, receivedAt: pipeline.clock.now())
            pipeline.publish(outcome, channel: channel)
            return outcome
        }
        return previous
    }

    /// Waits for the last batch to be stored and returns its outcome.
    public mutating func finish() async throws -> IngestOutcome? {
        defer { storing = nil }
        return try await storing?.value
    }
}
