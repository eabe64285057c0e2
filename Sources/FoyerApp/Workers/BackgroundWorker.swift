import Foundation
import FoyerCore
import Logging
import ServiceLifecycle

/// A loop run by `foyer serve` next to the HTTP server: does a round of work, beats its heartbeat, then
/// waits for its signal or its interval. Stops at graceful shutdown, after the round in progress.
struct BackgroundWorker: Service {
    let name: String
    let heartbeats: WorkerHeartbeats
    let signal: WorkSignal
    /// The longest wait between rounds when nothing signals.
    let interval: Duration
    /// How long to let work gather after a wait before the next round (zero: start at once).
    var gather: Duration = .zero
    let logger: Logger
    /// One round; returns true when there may be more work right away.
    let round: @Sendable () async throws -> Bool
    /// When known, how long until the next work falls due; the worker waits no longer than that.
    var nextWork: (@Sendable () async -> Duration?)? = nil

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var more = false
                do {
                    more = try await round()
                    heartbeats.beat(name)
                } catch is CancellationError {
                    return
                } catch {
                    if Task.isCancelled { return }
                    heartbeats.beat(name, problem: String(describing: error).prefix(200).description)
                    logger.error("Worker round failed", metadata: ["worker": "\(name)", "error": "\(error)"])
                }
                if !more {
                    var wait = interval
                    if let next = await nextWork?() { wait = max(.milliseconds(10), min(wait, next)) }
                    await signal.wait(timeout: wait)
                    if gather > .zero { try? await Task.sleep(for: gather) }
                }
            }
        }
    }
}

/// Ends the live-event streams (Server-Sent Events) when the graceful shutdown starts.
struct LiveEventsShutdown: Service {
    let hub: LiveEventHub

    func run() async throws {
        try? await gracefulShutdown()
        hub.close()
    }
}
