import ArgumentParser
import FoyerCore

/// `foyer workspace add`: creates a workspace with its owner.
public struct WorkspaceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Manage workspaces (a brand, an association, a client).",
        subcommands: [Add.self])

    public init() {}

    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Create a workspace owned by an existing user.")

        @OptionGroup public var dataOptions: DataOptions

        @Option(help: "The workspace's name.")
        public var name: String

        @Option(help: "Email of the user who will own it.")
        public var owner: String

        @Option(name: .customLong("time-zone"), help: "IANA time zone for dates, e.g. Europe/Paris (default UTC).")
        public var timeZone: String = "UTC"

        @Option(help: "Default language of the workspace: en or fr (default en).")
        public var locale: String = "en"

        public init() {}

        public func run() async throws {
            let console = Console.current
            try await reportingFailures(flags: ["name": "--name", "timeZone": "--time-zone", "email": "--owner"]) {
                let name = try Validation.name(name)
                let timeZone = try Validation.timeZone(timeZone)
                guard let locale = AppLocale(rawValue: locale.lowercased()) else {
                    throw CommandFailure("--locale: \"\(locale)\" is not a supported language (en, fr)")
                }
                let app = try await AppEnvironment.open(
                    flags: ConfigurationInput(data: dataOptions), environment: console.environment)
                let owner = try await CommandLookup.user(email: owner, flag: "--owner", in: app.storage)
                let workspace = try await app.storage.workspaces.create(
                    NewWorkspace(name: name, timeZone: timeZone, defaultLocale: locale), owner: owner.id)
                try await app.storage.audit.record(
                    NewAuditEvent(
                        workspaceID: workspace.id, actorID: nil, action: "workspace.created",
                        targetType: "workspace", targetID: workspace.id.description,
                        details: ["via": "cli", "owner": owner.email]))
                console.print(
                    "Created workspace \"\(workspace.name)\" (slug \(workspace.slug), id \(workspace.id)), owned by \(owner.email)."
                )
            }
        }
    }
}
