import ArgumentParser

/// `foyer`: the root command. Each subcommand takes `--data`; `foyer <command> --help` explains it.
public struct FoyerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "foyer",
        abstract: "Foyer: a self-hosted community management platform.",
        discussion: """
            Start with `foyer demo` to explore a populated workspace, or `foyer serve` to run your own.
            Configuration: flags, then FOYER_* environment variables, then defaults.
            """,
        subcommands: []
    )

    public init() {}
}
