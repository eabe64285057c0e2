import ArgumentParser
import Foundation
import FoyerCore
import FoyerWeb

/// `foyer user add`: creates a user who can sign in.
public struct UserCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the people who sign in to Foyer.", subcommands: [Add.self])

    public init() {}

    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Create a user.",
            discussion: """
                The password is read from --password-file, or from standard input when no file is given \
                (one line; a trailing newline is ignored). It is never taken on the command line, where other \
                users of the machine could see it.
                """)

        @OptionGroup public var dataOptions: DataOptions

        @Option(help: "Sign-in email address.")
        public var email: String

        @Option(help: "The name shown to teammates.")
        public var name: String

        @Option(name: .customLong("password-file"), help: ArgumentHelp("File holding the password.", valueName: "file"))
        public var passwordFile: String?

        @Option(help: "Interface language: en or fr (default: follow the browser).")
        public var locale: String?

        public init() {}

        public func run() async throws {
            let console = Console.current
            try await reportingFailures(flags: ["email": "--email", "name": "--name", "password": "password"]) {
                var preferredLocale: AppLocale?
                if let locale {
                    guard let parsed = AppLocale(rawValue: locale.lowercased()) else {
                        throw CommandFailure("--locale: \"\(locale)\" is not a supported language (en, fr)")
                    }
                    preferredLocale = parsed
                }
                let password = try readPassword(console: console)
                let app = try await AppEnvironment.open(
                    flags: ConfigurationInput(data: dataOptions), environment: console.environment)
                let accounts = AccountService(
                    storage: app.storage, clock: SystemClock(), settings: app.configuration.webSettings)
                let user = try await accounts.createUser(
                    email: email, name: name, password: password, preferredLocale: preferredLocale)
                try await app.storage.audit.record(
                    NewAuditEvent(
                        workspaceID: nil, actorID: nil, action: "user.created", targetType: "user",
                        targetID: user.id.description, details: ["via": "cli"]))
                console.print("Created user \(user.email) (id \(user.id)).")
            }
        }

        private func readPassword(console: Console) throws -> String {
            let data: Data
            if let passwordFile {
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: passwordFile))
                } catch {
                    throw CommandFailure("--password-file: cannot read \(passwordFile): \(error.localizedDescription)")
                }
            } else {
                data = console.readInput()
            }
            var text = String(decoding: data, as: UTF8.self)
            if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
            guard !text.isEmpty else {
                throw CommandFailure(
                    "No password given: use --password-file FILE or type the password on standard input.")
            }
            guard !text.contains("\n") else {
                throw CommandFailure("The password must be on one line.")
            }
            return text
        }
    }
}
