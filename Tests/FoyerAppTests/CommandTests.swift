import Foundation
import FoyerApp
import FoyerCore
import FoyerSQLite
import FoyerWeb
import Testing

@Suite struct CommandTests {
    let password = "correct horse battery"

    private func passwordFile(in folder: borrowing TemporaryFolder) throws -> String {
        let file = folder.file("password.txt")
        try Data((password + "\n").utf8).write(to: file)
        return file.path
    }

    private func storage(of data: String) throws -> Storage {
        try SQLiteDatabase.open(path: data + "/foyer.sqlite").storage
    }

    @Test func userAdd_withPasswordFile_createsAUserWhoCanSignIn() async throws {
        let folder = try TemporaryFolder()
        let data = folder.path + "/data"
        let console = RecordingConsole()
        try await console.run([
            "user", "add", "--data", data, "--email", "Ada@Example.org", "--name", "Ada", "--password-file",
            try passwordFile(in: folder),
        ])
        #expect(console.output.hasPrefix("Created user ada@example.org"))
        let user = try #require(try await storage(of: data).users.find(email: "ada@example.org"))
        #expect(try await PasswordHasher(cost: 4).verify(password, hash: user.passwordHash))
        let attributes = try FileManager.default.attributesOfItem(atPath: data)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func userAdd_withPasswordOnStandardInput_createsTheUser() async throws {
        let folder = try TemporaryFolder()
        let console = RecordingConsole(input: password + "\n")
        try await console.run([
            "user", "add", "--data", folder.path, "--email", "bo@example.org", "--name", "Bo", "--locale", "fr",
        ])
        let user = try #require(try await storage(of: folder.path).users.find(email: "bo@example.org"))
        #expect(user.preferredLocale == .fr)
        #expect(try await PasswordHasher(cost: 4).verify(password, hash: user.passwordHash))
    }

    @Test func userAdd_withDuplicateEmail_failsWithAClearMessageAndChangesNothing() async throws {
        let folder = try TemporaryFolder()
        let file = try passwordFile(in: folder)
        try await RecordingConsole().run([
            "user", "add", "--data", folder.path, "--email", "a@example.org", "--name", "A", "--password-file", file,
        ])
        let second = RecordingConsole()
        await #expect {
            try await second.run([
                "user", "add", "--data", folder.path, "--email", "A@example.org", "--name", "B", "--password-file",
                file,
            ])
        } throws: { error in
            "\(error)".lowercased().contains("already")
        }
        #expect(second.output.isEmpty)
        #expect(try await storage(of: folder.path).users.count() == 1)
    }

    @Test func userAdd_withShortPasswordOrBadEmail_namesTheProblem() async throws {
        let folder = try TemporaryFolder()
        await #expect(throws: CommandFailure("password: Use at least 10 characters.")) {
            try await RecordingConsole(input: "short\n").run([
                "user", "add", "--data", folder.path, "--email", "c@example.org", "--name", "C",
            ])
        }
        await #expect(throws: CommandFailure("--email: Enter an email address like name@example.org.")) {
            try await RecordingConsole(input: password).run([
                "user", "add", "--data", folder.path, "--email", "not-an-email", "--name", "C",
            ])
        }
        await #expect(
            throws: CommandFailure(
                "No password given: use --password-file FILE or type the password on standard input.")
        ) {
            try await RecordingConsole(input: "").run([
                "user", "add", "--data", folder.path, "--email", "c@example.org", "--name", "C",
            ])
        }
        #expect(try await storage(of: folder.path).users.count() == 0)
    }

    @Test func workspaceAdd_membersAndRoles_areManagedEndToEnd() async throws {
        let folder = try TemporaryFolder()
        let file = try passwordFile(in: folder)
        for email in ["owner@example.org", "mod@example.org"] {
            try await RecordingConsole().run([
                "user", "add", "--data", folder.path, "--email", email, "--name", "N", "--password-file", file,
            ])
        }
        let created = RecordingConsole()
        try await created.run([
            "workspace", "add", "--data", folder.path, "--name", "Café Ménage", "--owner", "owner@example.org",
            "--time-zone", "Europe/Paris", "--locale", "fr",
        ])
        #expect(created.output.contains("slug cafe-menage"))
        let storage = try storage(of: folder.path)
        let workspace = try #require(try await storage.workspaces.find(slug: "cafe-menage"))
        #expect(workspace.timeZone == "Europe/Paris")
        #expect(workspace.defaultLocale == .fr)

        try await RecordingConsole().run([
            "member", "add", "--data", folder.path, "--workspace", "cafe-menage", "--email", "mod@example.org",
            "--role", "moderator",
        ])
        let mod = try #require(try await storage.users.find(email: "mod@example.org"))
        #expect(try await storage.memberships.find(user: mod.id, in: workspace.id)?.role == .moderator)

        try await RecordingConsole().run([
            "role", "set", "--data", folder.path, "--workspace", workspace.id.description, "--email", "mod@example.org",
            "--role", "analyst",
        ])
        #expect(try await storage.memberships.find(user: mod.id, in: workspace.id)?.role == .analyst)

        await #expect(
            throws: CommandFailure("--role: \"boss\" is not a role (owner, admin, manager, moderator, analyst, client)")
        ) {
            try await RecordingConsole().run([
                "role", "set", "--data", folder.path, "--workspace", "cafe-menage", "--email", "mod@example.org",
                "--role", "boss",
            ])
        }
        await #expect(throws: CommandFailure("--workspace: no workspace has the slug or id \"nope\".")) {
            try await RecordingConsole().run([
                "member", "add", "--data", folder.path, "--workspace", "nope", "--email", "mod@example.org", "--role",
                "client",
            ])
        }

        try await RecordingConsole().run([
            "member", "remove", "--data", folder.path, "--workspace", "cafe-menage", "--email", "mod@example.org",
        ])
        #expect(try await storage.memberships.find(user: mod.id, in: workspace.id) == nil)
        await #expect(throws: CommandFailure("mod@example.org is not a member of cafe-menage.")) {
            try await RecordingConsole().run([
                "member", "remove", "--data", folder.path, "--workspace", "cafe-menage", "--email", "mod@example.org",
            ])
        }
    }

    @Test func workspaceAdd_withUnknownOwnerOrTimeZone_failsAndCreatesNothing() async throws {
        let folder = try TemporaryFolder()
        await #expect(
            throws: CommandFailure(
                "--owner: no user has the email ghost@example.org. Create one with `foyer user add`.")
        ) {
            try await RecordingConsole().run([
                "workspace", "add", "--data", folder.path, "--name", "W", "--owner", "ghost@example.org",
            ])
        }
        await #expect(throws: CommandFailure("--time-zone: Choose a time zone such as Europe/Paris.")) {
            try await RecordingConsole().run([
                "workspace", "add", "--data", folder.path, "--name", "W", "--owner", "a@example.org", "--time-zone",
                "Mars/Olympus",
            ])
        }
        #expect(try await storage(of: folder.path).workspaces.find(slug: "w") == nil)
    }

    @Test func tokenAdd_printsATokenOnceThatAuthenticates() async throws {
        let folder = try TemporaryFolder()
        try await RecordingConsole().run([
            "user", "add", "--data", folder.path, "--email", "api@example.org", "--name", "Api", "--password-file",
            try passwordFile(in: folder),
        ])
        let console = RecordingConsole()
        try await console.run([
            "token", "add", "--data", folder.path, "--email", "api@example.org", "--name", "reporting",
        ])
        let token = console.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("foyer_"))
        #expect(!token.contains(" "))
        #expect(!console.error.contains(token))
        let storage = try storage(of: folder.path)
        let stored = try #require(try await storage.apiTokens.findActive(tokenHash: SecretToken.digest(token)))
        #expect(stored.userID == (try await storage.users.find(email: "api@example.org"))?.id)
        #expect(stored.tokenHash != token)
    }

    @Test func backup_writesADatabaseThatOpensWithTheSameData() async throws {
        let folder = try TemporaryFolder()
        try await RecordingConsole().run([
            "user", "add", "--data", folder.path + "/data", "--email", "b@example.org", "--name", "B",
            "--password-file", try passwordFile(in: folder),
        ])
        let backup = folder.file("copy.sqlite").path
        let console = RecordingConsole()
        try await console.run(["backup", "--data", folder.path + "/data", "--to", backup])
        #expect(console.output.contains(backup))
        let copy = try SQLiteDatabase.open(path: backup)
        #expect(try await copy.pendingMigrations().isEmpty)
        #expect(try await copy.storage.users.find(email: "b@example.org") != nil)

        await #expect(throws: (any Error).self) {
            try await RecordingConsole().run(["backup", "--data", folder.path + "/data", "--to", backup])
        }
    }

    @Test func migrate_onAnEmptyFolder_createsTheDatabase_thenSaysItIsCurrent() async throws {
        let folder = try TemporaryFolder()
        let first = RecordingConsole()
        try await first.run(["migrate", "--data", folder.path + "/fresh"])
        #expect(first.output.hasPrefix("Applied"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/fresh/foyer.sqlite"))
        let second = RecordingConsole()
        try await second.run(["migrate", "--data", folder.path + "/fresh"])
        #expect(second.output.contains("is up to date"))
    }

    @Test func help_explainsEveryCommand() {
        let help = FoyerCommand.helpText(for: [])
        for command in [
            "serve", "demo", "migrate", "user", "workspace", "member", "role", "token", "backup", "analyze",
        ] {
            #expect(help.contains(command), "foyer --help does not mention \(command)")
        }
        #expect(help.contains("FOYER_DATA_DIR"))
        #expect(FoyerCommand.helpText(for: ["user", "add"]).contains("--password-file"))
        #expect(FoyerCommand.helpText(for: ["token", "add"]).contains("--data"))
    }
}
