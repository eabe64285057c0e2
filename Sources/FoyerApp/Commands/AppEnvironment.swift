import Foundation
import FoyerCore
import FoyerSQLite
import FoyerWeb

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What every command needs: the resolved configuration and the migrated database of the data folder.
public struct AppEnvironment: Sendable {
    public let configuration: FoyerConfiguration
    public let database: SQLiteDatabase
    public var storage: Storage { database.storage }

    /// Resolves the configuration (flags, then `environment`, then defaults), creates the data folder (0700)
    /// if needed, opens `<data>/foyer.sqlite` and applies pending migrations.
    public static func open(
        flags: ConfigurationInput, environment: [String: String], clock: any WallClock = SystemClock()
    ) async throws -> AppEnvironment {
        let configuration = try FoyerConfiguration.resolve(flags: flags, environment: environment)
        return try await open(configuration, clock: clock)
    }

    /// Opens and migrates the database of an already resolved configuration.
    public static func open(_ configuration: FoyerConfiguration, clock: any WallClock = SystemClock()) async throws
        -> AppEnvironment
    {
        try createDataDirectory(configuration.dataDirectory)
        let database: SQLiteDatabase
        do {
            database = try SQLiteDatabase.open(path: configuration.databaseURL.path, clock: clock)
        } catch {
            throw CommandFailure("Cannot open the database \(configuration.databaseURL.path): \(error)")
        }
        try await database.migrate()
        return AppEnvironment(configuration: configuration, database: database)
    }

    /// The credential sealer under the configured key, or the key file of the data folder (created if needed).
    public func sealer() throws -> AESGCMCredentialSealer {
        try AESGCMCredentialSealer(key: configuration.loadSecretKey())
    }

    /// Creates the data folder with mode 0700 (only the owner may read the database and the key).
    static func createDataDirectory(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CommandFailure("The data folder \(url.path) is a file; choose a folder with --data.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure(
                "Cannot create the data folder \(url.path): \(error.localizedDescription). Choose another with --data.")
        }
    }
}
