import ArgumentParser
import FoyerCore

/// `foyer member add|remove`: who belongs to a workspace.
public struct MemberCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Add people to a workspace or remove them.",
        subcommands: [Add.self, Remove.self])

    public init() {}

    public struct Add: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Give an existing user a role in a workspace.")

        @OptionGroup public var target: MembershipTarget
        @Option(help: "owner, admin, manager, moderator, analyst or client.") public var role: String

        public init() {}

        public func run() async throws {
            let console = Console.current
            try await reportingFailures {
                let role = try CommandLookup.role(role)
                let (app, workspace, user) = try await target.resolve(console: console)
                _ = try await app.storage.memberships.add(user: user.id, to: workspace.id, role: role)
                try await app.storage.audit.record(
                    NewAuditEvent(
                        workspaceID: workspace.id, actorID: nil, action: "member.added", targetType: "user",
                        targetID: user.id.description, details: ["via": "cli", "role": role.rawValue]))
                console.print("Added \(user.email) to \(workspace.slug) as \(role.rawValue).")
            }
        }
    }

    public struct Remove: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Remove a user from a workspace.")

        @OptionGroup public var target: MembershipTarget

        public init() {}

        public func run() async throws {
            let console = Console.current
            try await reportingFailures {
                let (app, workspace, user) = try await target.resolve(console: console)
                guard try await app.storage.memberships.find(user: user.id, in: workspace.id) != nil else {
                    throw CommandFailure("\(user.email) is not a member of \(workspace.slug).")
                }
                try await app.storage.memberships.remove(user: user.id, from: workspace.id)
                try await app.storage.audit.record(
                    NewAuditEvent(
                        workspaceID: workspace.id, actorID: nil, action: "member.removed", targetType: "user",
                        targetID: user.id.description, details: ["via": "cli"]))
                console.print("Removed \(user.email) from \(workspace.slug).")
            }
        }
    }
}
