import ArgumentParser

/// `foyer`: the root command. Each subcommand takes `--data`; `foyer <command> --help` explains it.
public struct FoyerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "foyer",
        abstract: "Foyer: a self-hosted community management platform.",
        discussion: """
            Start with `foyer demo` to explore a populated workspace, or `foyer serve` to run your own. \
            Configuration: flags, then FOYER_* environment variables, then defaults:
            \(ConfigurationKey.allCases.map { "  \($0.flag) / \($0.environmentVariable): \($0.summary)" }.joined(separator: "\n"))
            """,
        subcommands: [
            ServeCommand.self, DemoCommand.self, MigrateCommand.self, UserCommand.self, WorkspaceCommand.self,
            MemberCommand.self, RoleCommand.self, TokenCommand.self, BackupCommand.self, AnalyzeCommand.self,
            ImportCommand.self,
        ]
    )

    public init() {}

    /// Parses `arguments` (without the program name) and runs the command, as the binary would, but
    /// throwing instead of exiting: for tests and embedding. Output goes to ``Console/current``.
    public static func invoke(_ arguments: [String]) async throws {
        var command = try parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    /// The `--help` text of a command, e.g. `helpText(for: ["user", "add"])`; the root's for `[]`.
    public static func helpText(for command: [String]) -> String {
        var type: any ParsableCommand.Type = FoyerCommand.self
        for name in command {
            guard
                let next = type.configuration.subcommands.first(where: {
                    ($0.configuration.commandName ?? String(describing: $0).lowercased()) == name
                })
            else { return "" }
            type = next
        }
        return helpMessage(for: type)
    }
}
