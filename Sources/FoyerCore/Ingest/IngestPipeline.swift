import Foundation

/// The inbound pipeline after the durable log: decode, analyse, store, publish.
///
/// Webhook bodies and polled pages are first stored raw in ``InboundEventRepository``; the ingest worker
/// calls ``processDue(limit:)``, which decodes them with the channel's connector, analyses the text with the
/// ``MessageAnalyzer`` (spread over the cores), stores them through ``IngestStore`` (deduplicated, threaded,
/// indexed, rolled up) and publishes a ``LiveEvent`` per touched conversation. `foyer import` calls
/// ``ingest(_:channel:)`` directly with the same analysis and storage.
///
/// Failures are never dropped: an event that cannot be decoded or stored is marked failed with the reason,
/// retried with exponential backoff, and kept as `dead` after ``maxAttempts`` for a person to replay.
/// Processing is idempotent (deduplication on channel and external id), so an event processed again after
/// a crash between storing and marking changes nothing.
public struct IngestPipeline: Sendable {
    public var storage: Storage
    public var analyzer: any MessageAnalyzer
    public var connectors: ConnectorRegistry
    /// Opens channel credentials for connectors that need them to decode (`nil`: no sealed credentials).
    public var sealer: (any CredentialSealer)?
    public var live: any LiveEventPublisher
    public var clock: any WallClock
    /// Attempts before a failing event becomes `dead`.
    public var maxAttempts: Int
    /// Batches of at least this many items are analysed on every core.
    public var parallelAnalysisThreshold: Int

    public init(
        storage: Storage, analyzer: any MessageAnalyzer, connectors: ConnectorRegistry,
        sealer: (any CredentialSealer)?, live: any LiveEventPublisher, clock: any WallClock, maxAttempts: Int = 10,
        parallelAnalysisThreshold: Int = 256
    ) {
        self.storage = storage
        self.analyzer = analyzer
        self.connectors = connectors
        self.sealer = sealer
        self.live = live
        self.clock = clock
        self.maxAttempts = maxAttempts
        self.parallelAnalysisThreshold = parallelAnalysisThreshold
    }

    /// The delay before retrying an event that failed `attempts` times: 10 s, 20 s, 40 s… capped at one hour.
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(3600, 10 * pow(2, Double(min(max(0, attempts - 1), 20))))
    }

    /// Processes up to `limit` due events (pending, or failed and due again), oldest first.
    ///
    /// The default keeps each write transaction short (tens of milliseconds), so webhook deliveries, which
    /// wait for the same write lock to be stored, keep a low latency; call again while it returns `limit`.
    /// Events are grouped by channel; each channel's items are stored in one transaction. When that
    /// transaction fails, the channel's events are stored one by one so that one bad event does not hold
    /// back the others.
    /// - Returns: how many events were taken (processed or marked failed); `0` when nothing was due.
    /// - Throws: only when the inbound log itself cannot be read or updated.
    @discardableResult
    public func processDue(limit: Int = 200) async throws -> Int {
        let now = clock.now()
        let events = try await storage.inboundEvents.due(now: now, limit: limit)
        guard !events.isEmpty else { return 0 }
        var order: [ChannelID] = []
        var byChannel: [ChannelID: [InboundEvent]] = [:]
        for event in events {
            if byChannel[event.channelID] == nil { order.append(event.channelID) }
            byChannel[event.channelID, default: []].append(event)
        }
        for channelID in order {
            try Task.checkCancellation()
            try await process(byChannel[channelID] ?? [], channelID: channelID)
        }
        return events.count
    }

    /// Analyses and stores items for a channel in one transaction, then publishes live events.
    ///
    /// Callers batch their input (about a thousand items per call suits bulk imports).
    /// - Throws: ``DomainError/invalid(field:message:)`` for an item without external id; storage errors.
    public func ingest(_ items: [InboundItem], channel: Channel) async throws -> IngestOutcome {
        let prepared = await analyse(items)
        let outcome = try await storage.ingest.store(prepared, channel: channel, receivedAt: clock.now())
        publish(outcome, channel: channel)
        return outcome
    }

    /// Each item with its analysis, in input order. Large batches are split over the cores.
    public func analyse(_ items: [InboundItem]) async -> [PreparedItem] {
        let analyzer = self.analyzer
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard items.count >= parallelAnalysisThreshold, cores > 1 else {
            return items.map { PreparedItem(item: $0, analysis: analyzer.analyze(Self.analysedText($0))) }
        }
        let chunkSize = (items.count + cores - 1) / cores
        var analyses = [MessageAnalysis](repeating: .none, count: items.count)
        await withTaskGroup(of: (Int, [MessageAnalysis]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let chunk = Array(items[start..<min(start + chunkSize, items.count)])
                group.addTask {
                    (start, chunk.map { analyzer.analyze(Self.analysedText($0)) })
                }
            }
            for await (start, chunk) in group {
                analyses.replaceSubrange(start..<(start + chunk.count), with: chunk)
            }
        }
        return zip(items, analyses).map { PreparedItem(item: $0, analysis: $1) }
    }

    /// The text analysed: the body, cut to the length the store keeps (hostile bodies can be huge).
    static func analysedText(_ item: InboundItem) -> String {
        let limit = 100_000
        guard item.body.utf8.count > limit, item.body.unicodeScalars.count > limit else { return item.body }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: item.body.unicodeScalars.prefix(limit))
        return String(view)
    }

    // MARK: Processing one channel's events

    private func process(_ events: [InboundEvent], channelID: ChannelID) async throws {
        guard !events.isEmpty else { return }
        guard let channel = try await storage.channels.find(channelID) else {
            for event in events { try await fail(event, "The channel of this event no longer exists.") }
            return
        }
        var context: ChannelContext?
        var decoded: [(event: InboundEvent, items: [InboundItem])] = []
        for event in events {
            do {
                if context == nil { context = try openContext(channel, for: event) }
                let items = try decode(event, channel: channel, context: context)
                decoded.append((event, items))
            } catch {
                try await fail(event, Self.describe(error), channel: channel)
            }
        }
        guard !decoded.isEmpty else { return }

        let receivedAt = decoded.map(\.event.receivedAt).min() ?? clock.now()
        do {
            let prepared = await analyse(decoded.flatMap(\.items))
            let outcome = try await storage.ingest.store(prepared, channel: channel, receivedAt: receivedAt)
            try await storage.inboundEvents.markProcessed(decoded.map(\.event.id), at: clock.now())
            publish(outcome, channel: channel)
            try await recordSuccess(channel)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            guard decoded.count > 1 else {
                try await fail(decoded[0].event, Self.describe(error), channel: channel)
                return
            }
            // Find the bad event(s): store each on its own.
            for (event, items) in decoded {
                do {
                    let prepared = await analyse(items)
                    let outcome = try await storage.ingest.store(
                        prepared, channel: channel, receivedAt: event.receivedAt)
                    try await storage.inboundEvents.markProcessed([event.id], at: clock.now())
                    publish(outcome, channel: channel)
                } catch {
                    try await fail(event, Self.describe(error), channel: channel)
                }
            }
        }
    }

    /// Credentials are opened only for webhook payloads: polled items are already decoded.
    private func openContext(_ channel: Channel, for event: InboundEvent) throws -> ChannelContext? {
        guard event.source == .webhook else { return nil }
        guard let sealed = channel.sealedCredentials else { return ChannelContext(channel: channel, credentials: [:]) }
        guard let sealer else {
            throw IngestFailure("The channel's credentials are sealed but no secret key is configured to open them.")
        }
        do {
            return ChannelContext(channel: channel, credentials: try sealer.openCredentials(sealed))
        } catch {
            throw IngestFailure(
                "The channel's credentials could not be opened (was the secret key changed?): reconnect the channel.")
        }
    }

    private func decode(_ event: InboundEvent, channel: Channel, context: ChannelContext?) throws -> [InboundItem] {
        switch event.source {
        case .poll:
            do {
                return try InboundItem.decodeBatch(event.payload)
            } catch {
                throw IngestFailure("The stored poll page is not a list of items: \(error)")
            }
        case .webhook:
            guard let receiver = connectors[channel.kind]?.webhook else {
                throw IngestFailure("This build has no webhook decoder for \(channel.kind.displayName) channels.")
            }
            return try receiver.decode(
                event.payload, for: context ?? ChannelContext(channel: channel, credentials: [:]))
        }
    }

    private func fail(_ event: InboundEvent, _ message: String, channel: Channel? = nil) async throws {
        let now = clock.now()
        let retryAt = now.addingTimeInterval(Self.retryDelay(afterAttempts: event.attempts + 1))
        try await storage.inboundEvents.markFailed(event.id, error: message, retryAt: retryAt, maxAttempts: maxAttempts)
        guard let channel else { return }
        var health = channel.health
        health.lastErrorAt = now
        health.lastError = message
        try? await storage.channels.updateHealth(channel.id, in: channel.workspaceID, health: health)
    }

    /// Clears a failing status once events go through again (a healthy channel is not written to).
    private func recordSuccess(_ channel: Channel) async throws {
        guard channel.health.status == .failing else { return }
        var health = channel.health
        health.lastSuccessAt = clock.now()
        try? await storage.channels.updateHealth(channel.id, in: channel.workspaceID, health: health)
    }

    func publish(_ outcome: IngestOutcome, channel: Channel) {
        var seen = Set<ConversationID>()
        for message in outcome.messages where seen.insert(message.conversationID).inserted {
            live.publish(
                LiveEvent(
                    kind: .conversationUpdated, workspaceID: channel.workspaceID,
                    conversationID: message.conversationID, data: ["channel": String(channel.id.rawValue)]))
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let failure as IngestFailure: failure.message
        case let error as ConnectorError: error.message
        case let error as WebhookRejection: "The payload was refused: \(error)"
        case let error as DomainError:
            switch error {
            case .invalid(_, let message), .notFound(let message), .conflict(let message), .forbidden(let message):
                message
            }
        case let error as DecodingError: "The payload could not be decoded: \(error)"
        default: String(describing: error)
        }
    }
}

/// Why an inbound event could not be processed, in words for the channel's health page.
public struct IngestFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
