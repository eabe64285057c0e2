import ArgumentParser
import FoyerCore
import FoyerWeb

/// `foyer token add`: issues a personal API token.
public struct TokenCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage personal tokens for the JSON API.", subcommands: [Add.self])

    public init() {}

    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Issue an API token for a user and print it once.",
            discussion: """
                The token is printed once, alone on standard output, so it can be captured:
                  TOKEN=$(foyer token add --email me@example.org --name ci)
                Only its SHA-256 is stored: keep it somewhere safe. Send it as `Authorization: Bearer <token>`.
                """)

        @OptionGroup public var dataOptions: DataOptions
        @Option(help: "Email of the user the token acts as.") public var email: String
        @Option(help: "A name to tell the token apart, e.g. \"reporting script\".") public var name: String

        public init() {}

        public func run() async throws {
            let console = Console.current
            try await reportingFailures(flags: ["name": "--name"]) {
                let app = try await AppEnvironment.open(
                    flags: ConfigurationInput(data: dataOptions), environment: console.environment)
                let user = try await CommandLookup.user(email: email, flag: "--email", in: app.storage)
                let accounts = AccountService(
                    storage: app.storage, clock: SystemClock(), settings: app.configuration.webSettings)
                let issued = try await accounts.issueAPIToken(for: user.id, name: name)
                console.print(issued.token)
                console.printError(
                    "Issued token \"\(issued.record.name)\" (\(issued.record.prefix)…) for \(user.email). It will not be shown again."
                )
            }
        }
    }
}
