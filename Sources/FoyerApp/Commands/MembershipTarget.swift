import ArgumentParser
import FoyerCore

/// The options that name one person in one workspace (`--data`, `--workspace`, `--email`), shared by
/// `member add`, `member remove` and `role set`, and the lookups they all start with.
public struct MembershipTarget: ParsableArguments {
    @OptionGroup public var dataOptions: DataOptions
    @Option(help: "Workspace slug or id.") public var workspace: String
    @Option(help: "Email of the user.") public var email: String

    public init() {}

    /// Opens the data folder and finds the workspace and the user, with errors that name the flag.
    func resolve(console: Console) async throws -> (app: AppEnvironment, workspace: Workspace, user: User) {
        let app = try await AppEnvironment.open(
            flags: ConfigurationInput(data: dataOptions), environment: console.environment)
        let workspace = try await CommandLookup.workspace(workspace, in: app.storage)
        let user = try await CommandLookup.user(email: email, flag: "--email", in: app.storage)
        return (app, workspace, user)
    }
}
