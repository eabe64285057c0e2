import Foundation
import FoyerCore
import Logging
import ServiceLifecycle

/// Keeps the stream of every channel whose connector streams (Mastodon's notification stream) open, each in
/// its own task, with the channel's poller as gap filler and fallback.
///
/// Each time a stream opens, the channel is first polled from its stored cursor until caught up, so what
/// arrived while it was down is fetched once; then pushed items are stored with their cursor in one
/// transaction, as poll pages are (``PollScheduler/store(_:channel:previousCursor:)``). A stream that ends is
/// reopened after a second; one that fails is retried with backoff (honouring the platform's retry time),
/// polling at each try, so a server whose stream is unavailable is still read.
struct StreamScheduler: Service {
    /// Opens credentials, stores pages and records failures the way polling does.
    let polling: PollScheduler
    /// How often the list of channels is read again (new or deleted channels).
    var refreshInterval: Duration = .seconds(10)
    /// The longest wait between two tries after failures.
    var maxBackoff: TimeInterval = 60

    static let workerName = "stream"

    private var storage: Storage { polling.storage }
    private var connectors: ConnectorRegistry { polling.connectors }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var running: [ChannelID: Task<Void, Never>] = [:]
            defer { for task in running.values { task.cancel() } }
            while !Task.isCancelled {
                do {
                    let channels = try await storage.channels.listAll().filter {
                        connectors[$0.kind]?.streamer != nil && connectors[$0.kind]?.poller != nil && !$0.isPaused
                    }
                    let wanted = Set(channels.map(\.id))
                    for (id, task) in running where !wanted.contains(id) {
                        task.cancel()
                        running[id] = nil
                    }
                    for channel in channels where running[channel.id] == nil {
                        running[channel.id] = Task { await streamLoop(channel.id, workspace: channel.workspaceID) }
                    }
                    polling.heartbeats.beat(Self.workerName)
                } catch {
                    polling.heartbeats.beat(Self.workerName, problem: "cannot list channels: \(error)")
                }
                try? await Task.sleep(for: refreshInterval)
            }
        }
    }

    /// Streams one channel until cancelled (or the channel disappears).
    func streamLoop(_ id: ChannelID, workspace: WorkspaceID) async {
        var failures = 0
        while !Task.isCancelled {
            var wait: TimeInterval = 1
            do {
                guard let channel = try await storage.channels.find(id, in: workspace),
                    let connector = connectors[channel.kind], let streamer = connector.streamer,
                    let poller = connector.poller
                else { return }
                let context = try polling.context(for: channel)
                try await streamer.stream(
                    context,
                    onOpen: {
                        try await catchUp(channel, poller: poller)
                        return try await storage.channelCursors.cursor(for: channel.id, in: channel.workspaceID)
                    },
                    onPush: { result in
                        let cursor = try await storage.channelCursors.cursor(for: channel.id, in: channel.workspaceID)
                        try await polling.store(result, channel: channel, previousCursor: cursor)
                    })
                failures = 0
            } catch {
                if Task.isCancelled { return }
                failures += 1
                let retryAt = (error as? ConnectorError)?.retryAfter
                let backoff = min(maxBackoff, 5 * pow(2, Double(min(failures, 6) - 1)))
                wait = max(backoff, retryAt.map { $0.timeIntervalSince(polling.clock.now()) } ?? 0)
                await polling.recordFailure(id, workspace: workspace, error: error)
                // The stream is down: poll so that messages keep arriving while it is retried.
                if let channel = try? await storage.channels.find(id, in: workspace),
                    let poller = connectors[channel.kind]?.poller, retryAt == nil
                {
                    try? await catchUp(channel, poller: poller)
                }
            }
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
        }
    }

    /// Polls from the stored cursor until the poller has nothing more right away (at most 20 pages).
    private func catchUp(_ channel: Channel, poller: any Poller) async throws {
        for _ in 0..<20 {
            guard try await polling.pollOnce(channel, poller: poller).hasMore else { return }
        }
    }
}
