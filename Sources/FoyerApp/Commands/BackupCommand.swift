import ArgumentParser
import Foundation
import FoyerSQLite

/// `foyer backup --to FILE`: an online copy of the SQLite database.
public struct BackupCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a file while Foyer keeps running.",
        discussion: """
            Uses SQLite's online backup: safe while `foyer serve` is running. The file must not exist yet. \
            Keep the key file (<data>/secret.key) or FOYER_SECRET_KEY with the backup: channel credentials \
            cannot be read without it.
            """)

    @OptionGroup public var dataOptions: DataOptions
    @Option(help: ArgumentHelp("The new backup file.", valueName: "file")) public var to: String

    public init() {}

    public func run() async throws {
        let console = Console.current
        try await reportingFailures {
            let destination = URL(fileURLWithPath: to).standardizedFileURL
            var isDirectory: ObjCBool = false
            let parent = destination.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw CommandFailure("--to: the folder \(parent.path) does not exist.")
            }
            let app = try await AppEnvironment.open(
                flags: ConfigurationInput(data: dataOptions), environment: console.environment)
            guard destination.path != app.configuration.databaseURL.path else {
                throw CommandFailure("--to: choose a file other than the database itself.")
            }
            try await app.database.backup(to: destination.path)
            console.print("Backed up \(app.configuration.databaseURL.path) to \(destination.path).")
        }
    }
}
