import Foundation
import FoyerCore
import Logging
import ServiceLifecycle

/// Polls every channel whose connector polls (Matrix `/sync`, feeds), each in its own task, from its stored
/// cursor. Channels whose connector streams (Mastodon) are left to the ``StreamScheduler``, which polls them
/// to fill the gaps of their stream.
///
/// A page's items are stored raw together with the new cursor in one transaction
/// (``InboundEventRepository/appendPoll(_:cursor:in:)``), then the ingest worker is woken: a crash between
/// polls never loses or repeats a page. Errors go to the channel's health and back off (honouring the
/// platform's retry time); they never stop the other channels.
struct PollScheduler: Service {
    let storage: Storage
    let connectors: ConnectorRegistry
    let sealer: (any CredentialSealer)?
    let clock: any WallClock
    let heartbeats: WorkerHeartbeats
    let ingestSignal: WorkSignal
    let logger: Logger
    /// How often the list of channels is read again (new or deleted channels).
    var refreshInterval: Duration = .seconds(10)

    static let workerName = "poller"

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var running: [ChannelID: Task<Void, Never>] = [:]
            defer { for task in running.values { task.cancel() } }
            while !Task.isCancelled {
                do {
                    let channels = try await storage.channels.listAll().filter {
                        connectors[$0.kind]?.poller != nil && connectors[$0.kind]?.streamer == nil && !$0.isPaused
                    }
                    let wanted = Set(channels.map(\.id))
                    for (id, task) in running where !wanted.contains(id) {
                        task.cancel()
                        running[id] = nil
                    }
                    for channel in channels where running[channel.id] == nil {
                        running[channel.id] = Task { await pollLoop(channel.id, workspace: channel.workspaceID) }
                    }
                    heartbeats.beat(Self.workerName)
                } catch {
                    heartbeats.beat(Self.workerName, problem: "cannot list channels: \(error)")
                }
                try? await Task.sleep(for: refreshInterval)
            }
        }
    }

    /// Polls one channel until cancelled (or the channel disappears).
    func pollLoop(_ id: ChannelID, workspace: WorkspaceID) async {
        var failures = 0
        while !Task.isCancelled {
            let wait: TimeInterval
            do {
                guard let channel = try await storage.channels.find(id, in: workspace),
                    let poller = connectors[channel.kind]?.poller
                else { return }
                let result = try await pollOnce(channel, poller: poller)
                failures = 0
                if result.hasMore {
                    wait = 0
                } else {
                    let notBefore = result.notBefore ?? clock.now()
                    wait = max(1, notBefore.timeIntervalSince(clock.now()))
                }
            } catch {
                failures += 1
                let retryAt = (error as? ConnectorError)?.retryAfter
                let backoff = min(300, 5 * pow(2, Double(min(failures, 6) - 1)))
                wait = max(backoff, retryAt.map { $0.timeIntervalSince(clock.now()) } ?? 0)
                await recordFailure(id, workspace: workspace, error: error)
            }
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        }
    }

    /// One poll: fetch from the stored cursor, store items and cursor atomically, wake ingest.
    func pollOnce(_ channel: Channel, poller: any Poller) async throws -> PollResult {
        let context = try context(for: channel)
        let cursor = try await storage.channelCursors.cursor(for: channel.id, in: channel.workspaceID)
        let result = try await poller.poll(context, cursor: cursor, now: clock.now())
        try await store(result, channel: channel, previousCursor: cursor)
        return result
    }

    /// The channel with its credentials opened, once its settings pass the connector's validation.
    func context(for channel: Channel) throws -> ChannelContext {
        let credentials = try channel.sealedCredentials.map { sealed -> [String: String] in
            guard let sealer else {
                throw ConnectorError(.configuration, "No secret key is configured to open the channel's credentials.")
            }
            return try sealer.openCredentials(sealed)
        } ?? [:]
        do {
            try connectors[channel.kind]?.validate(settings: channel.settings, credentials: credentials)
        } catch let error as DomainError {
            throw ConnectorError(.configuration, "Not polled, the channel's settings need attention: \(error)")
        }
        return ChannelContext(channel: channel, credentials: credentials)
    }

    /// Stores a page's items with its cursor in one transaction and wakes ingest (or moves the cursor alone),
    /// then notes the success on the channel.
    func store(_ result: PollResult, channel: Channel, previousCursor cursor: String?) async throws {
        if !result.items.isEmpty {
            let event = NewInboundEvent(
                channelID: channel.id, source: .poll, deliveryID: nil, payload: try InboundItem.encodeBatch(result.items),
                receivedAt: clock.now())
            _ = try await storage.inboundEvents.appendPoll(event, cursor: result.cursor ?? cursor, in: channel.workspaceID)
            ingestSignal.notify()
        } else if let next = result.cursor, next != cursor {
            try await storage.channelCursors.setCursor(next, for: channel.id, in: channel.workspaceID)
        }
        var health = channel.health
        health.lastSuccessAt = clock.now()
        try await storage.channels.updateHealth(channel.id, in: channel.workspaceID, health: health)
    }

    func recordFailure(_ id: ChannelID, workspace: WorkspaceID, error: any Error) async {
        let message = (error as? ConnectorError)?.message ?? "Polling failed: \(error)"
        logger.warning("Poll failed", metadata: ["channel": "\(id)", "error": "\(message)"])
        guard let channel = try? await storage.channels.find(id, in: workspace) else { return }
        var health = channel.health
        health.lastErrorAt = clock.now()
        health.lastError = String(message.prefix(2000))
        try? await storage.channels.updateHealth(id, in: workspace, health: health)
    }
}
