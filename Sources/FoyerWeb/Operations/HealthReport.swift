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

    /// `ok` or `unhealthy`.
    public var status: String
    public var database: Database
    public var migrations: Migrations
    public var workers: [WorkerHeartbeat]

    public var isHealthy: Bool { status == "ok" }

    /// Asks the database and the workers. Failures are logged, never shown: the report says only what failed.
    public static func check(storage: any StorageHealth, heartbeats: any HeartbeatSource, logger: Logger) async
        -> HealthReport
    {
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
        let current = reachable && migrationsKnown && pending.isEmpty
        let healthy = current && workers.allSatisfy(\.healthy)
        return HealthReport(
            status: healthy ? "ok" : "unhealthy", database: Database(reachable: reachable),
            migrations: Migrations(current: current, pending: pending), workers: workers)
    }
}
