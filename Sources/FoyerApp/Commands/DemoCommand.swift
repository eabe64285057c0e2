import ArgumentParser
import Foundation
import FoyerCore
import FoyerWeb
import Logging

/// `foyer demo`: fills an empty data folder with the demo, then serves it.
public struct DemoCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo workspace in an empty data folder, then serve it.",
        discussion: """
            On an empty data folder, generates Cime Outdoor — an invented French outdoor-gear brand — with a \
            team in every role, channels of several kinds, a few hundred community members and several thousand \
            messages over the last 90 days in French, English and Spanish; then serves it like `foyer serve`. \
            On a folder that already has data, it only serves. Sign in with \(DemoGenerator.demoEmail) and the \
            password \(DemoGenerator.demoPassword) (printed at start).
            """)

    @OptionGroup public var dataOptions: DataOptions
    @OptionGroup public var serverOptions: ServerOptions

    @Option(help: "Seed of the generator: the same seed on the same day gives the same demo.")
    public var seed: UInt64 = DemoGenerator.defaultSeed

    public init() {}

    public func run() async throws {
        let console = Console.current
        try await ServeCommand.serve(
            flags: ConfigurationInput(data: dataOptions, server: serverOptions), console: console
        ) { configuration, app, sealer in
            if try await app.storage.users.count() == 0 {
                let started = ContinuousClock.now
                let summary = try await DemoGenerator(seed: seed, now: Date()).generate(
                    into: app.storage, sealer: sealer, analyzer: FoyerTextAnalyzer(),
                    passwordHasher: PasswordHasher(cost: configuration.webSettings.bcryptCost))
                let seconds = (ContinuousClock.now - started).components.seconds
                console.print(
                    "Created the demo in \(seconds) s: \(summary.workspaces) workspaces, \(summary.channels) channels, "
                        + "\(summary.members) members, \(summary.conversations) conversations, \(summary.messages) messages."
                )
            } else {
                console.print("\(configuration.dataDirectory.path) already has data: serving it as it is.")
            }
            let hasDemoUser = try await app.storage.users.find(email: DemoGenerator.demoEmail) != nil
            return hasDemoUser
                ? ["Sign in with \(DemoGenerator.demoEmail) and the password \(DemoGenerator.demoPassword)"] : []
        }
    }
}
