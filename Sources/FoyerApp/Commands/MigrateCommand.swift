import ArgumentParser
import Foundation
import FoyerSQLite

/// `foyer migrate`: applies pending database migrations (serve and demo also do it at start).
public struct MigrateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database in the data folder.")

    @OptionGroup public var dataOptions: DataOptions

    public init() {}

    public func run() async throws {
        let console = Console.current
        try await reportingFailures {
            let configuration = try FoyerConfiguration.resolve(
                flags: ConfigurationInput(data: dataOptions), environment: console.environment)
            try AppEnvironment.createDataDirectory(configuration.dataDirectory)
            let database = try SQLiteDatabase.open(path: configuration.databaseURL.path)
            let pending = try await database.pendingMigrations()
            try await database.migrate()
            if pending.isEmpty {
                console.print("The database \(configuration.databaseURL.path) is up to date.")
            } else {
                console.print(
                    "Applied \(pending.count) migration(s) to \(configuration.databaseURL.path): \(pending.joined(separator: ", "))."
                )
            }
        }
    }
}
