import Foundation
import FoyerCore
import Hummingbird
import Logging

/// The body of `GET /health`. Wire type: property names are the JSON keys.
public struct HealthReport: Codable, Sendable, Equatable {
    public struct Database: Codable, Sendable, Equatable {
        public var reachable: Bool
    }

    public struct Migrations: Codable, Sendable, Equatable {
        /// `false` when migrations are pending, or when the database cannot be asked.
        public var current: Bool
        public var pending: [String]
    }

    /// The missed-post detector: posts and replies that should have gone out and have not.
    public struct Publishing: Codable, Sendable, Equatable {
        /// Due more than ``Publication/lateAfter`` ago and still waiting: the publisher is stopped or behind.
        public var late: Int
        /// The due time of the oldest late entry.
        public var oldestLateDueAt: Date?
        /// Failed in the last ``Publication/failureWindow`` (shown in the interface with what to do; not a fault of the server).
        public var failedLastWeek: Int
    }

    /// `ok` or `unhealthy`.
    public var status: String
    public var database: Database
    public var migrations: Migrations
    public var workers: [WorkerHeartbeat]
    public var publishing: Publishing

    public var isHealthy: Bool { status == "ok" }

    /// Asks the database and the workers. Failures are logged, never shown: the report says only what failed.
    public static func check(
        storage: any StorageHealth, publications: any PublicationRepository, heartbeats: any HeartbeatSource, now: Date,
        logger: Logger
    ) async -> HealthReport {
        var reachable = true
        var pending: [String] = []
        var migrationsKnown = true
        do {
            try await storage.ping()
        } catch {
            reachable = false
            logger.error("Health check: database unreachable", metadata: ["error": "\(String(reflecting: error))"])
        }
        if reachable {
            do {
                pending = try await storage.pendingMigrations()
            } catch {
                migrationsKnown = false
                logger.error(
                    "Health check: cannot read migrations", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        let workers = await heartbeats.heartbeats()
        var publishing = Publishing(late: 0, oldestLateDueAt: nil, failedLastWeek: 0)
        if reachable {
            do {
                let attention = try await publications.needingAttention(
                    in: nil, dueBefore: now.addingTimeInterval(-Publication.lateAfter),
                    failedSince: now.addingTimeInterval(-Publication.failureWindow),
                    limit: 1000)
                let late = attention.filter { $0.state != .failed }
                publishing = Publishing(
                    late: late.count, oldestLateDueAt: late.map(\.dueAt).min(),
                    failedLastWeek: attention.count - late.count)
            } catch {
                logger.error("Health check: cannot read the publish ledger", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        let current = reachable && migrationsKnown && pending.isEmpty
        let healthy = current && workers.allSatisfy(\.healthy) && publishing.late == 0
        return HealthReport(
            status: healthy ? "ok" : "unhealthy", database: Database(reachable: reachable),
            migrations: Migrations(current: current, pending: pending), workers: workers, publishing: publishing)
    }
}
