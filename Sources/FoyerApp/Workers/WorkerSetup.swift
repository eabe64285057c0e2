import Foundation
import FoyerCore
import Logging
import ServiceLifecycle

/// The background workers `foyer serve` runs next to the HTTP server: ingest (stored deliveries to the
/// inbox), publishing (the ledger to the platforms), polling (channels that are polled), streaming (channels
/// whose platform pushes, polled to fill the gaps), and snooze (snoozed conversations reopen when their time
/// comes).
public struct WorkerSetup: Sendable {
    /// Opens channel credentials; without it, channels with credentials cannot be polled or replied to.
    public var sealer: (any CredentialSealer)?
    /// FoyerText unless a test gives another.
    public var analyzer: any MessageAnalyzer
    /// Whether channels are polled (tests of other workers turn it off).
    public var polling: Bool
    /// How long the ingest worker lets deliveries gather once woken, so that a burst of webhooks is stored in
    /// fewer, larger batches (each round costs two write transactions whatever its size). Deliveries are
    /// acknowledged before this; it only delays them reaching the inbox.
    public var ingestGather: Duration

    public init(
        sealer: (any CredentialSealer)? = nil, analyzer: any MessageAnalyzer = FoyerTextAnalyzer(), polling: Bool = true,
        ingestGather: Duration = .milliseconds(25)
    ) {
        self.sealer = sealer
        self.analyzer = analyzer
        self.polling = polling
        self.ingestGather = ingestGather
    }

    /// Events the ingest worker takes per round: a full round means more may be waiting.
    static let ingestBatch = 500

    func services(
        storage: Storage, connectors: ConnectorRegistry, live: LiveEventHub, clock: any WallClock,
        heartbeats: WorkerHeartbeats, ingestSignal: WorkSignal, publishSignal: WorkSignal, media: any MediaStore,
        logger: Logger
    ) -> [any Service] {
        let content = ContentPublishing(storage: storage, connectors: connectors, clock: clock)
        let pipeline = IngestPipeline(
            storage: storage, analyzer: analyzer, connectors: connectors, sealer: sealer, live: live, clock: clock)
        let sender = PublicationSender(
            storage: storage, ledger: storage.publications, connectors: connectors, sealer: sealer, live: live,
            clock: clock, media: media, onPublished: { await content.published($0) })
        var services: [any Service] = [
            BackgroundWorker(
                name: "ingest", heartbeats: heartbeats, signal: ingestSignal, interval: .seconds(2),
                gather: ingestGather, logger: logger,
                round: { try await pipeline.processDue(limit: Self.ingestBatch) == Self.ingestBatch }),
            BackgroundWorker(
                name: "publisher", heartbeats: heartbeats, signal: publishSignal, interval: .seconds(1), logger: logger,
                round: { try await sender.runOnce(limit: 20) > 0 },
                // A post due in 300 ms is claimed then, not at the next second.
                nextWork: {
                    guard let due = try? await storage.publications.nextDueAt() else { return nil }
                    return .milliseconds(Int64(max(0, due.timeIntervalSince(clock.now())) * 1000) + 1)
                }),
            BackgroundWorker(
                name: "snooze", heartbeats: heartbeats, signal: WorkSignal(), interval: .seconds(30), logger: logger,
                round: {
                    for conversation in try await storage.conversations.wakeSnoozed(now: clock.now()) {
                        live.publish(
                            LiveEvent(
                                kind: .conversationChanged, workspaceID: conversation.workspaceID,
                                conversationID: conversation.id, data: ["status": conversation.status.rawValue]))
                    }
                    return false
                }),
        ]
        if polling {
            let poller = PollScheduler(
                storage: storage, connectors: connectors, sealer: sealer, clock: clock, heartbeats: heartbeats,
                ingestSignal: ingestSignal, logger: logger)
            services.append(poller)
            services.append(StreamScheduler(polling: poller))
        }
        return services
    }
}
