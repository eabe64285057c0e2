import ArgumentParser
import FoyerCore

/// `foyer role set`: changes a member's role in a workspace.
public struct RoleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Change what people may do in a workspace.", subcommands: [Set.self])

    public init() {}

    public struct Set: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change the role of a member of a workspace.")

        @OptionGroup public var target: MembershipTarget
        @Option(help: "owner, admin, manager, moderator, analyst or client.") public var role: String

        public init() {}

        public func run() async throws {
            let console = Console.current
            try await reportingFailures {
                let role = try CommandLookup.role(role)
                let (app, workspace, user) = try await target.resolve(console: console)
                guard let membership = try await app.storage.memberships.find(user: user.id, in: workspace.id) else {
                    throw CommandFailure(
                        "\(user.email) is not a member of \(workspace.slug); add them with `foyer member add`.")
                }
                try await app.storage.memberships.changeRole(user: user.id, in: workspace.id, to: role)
                try await app.storage.audit.record(
                    NewAuditEvent(
                        workspaceID: workspace.id, actorID: nil, action: "member.role_changed",
                        targetType: "user", targetID: user.id.description,
                        details: ["via": "cli", "from": membership.role.rawValue, "to": role.rawValue]))
                console.print("\(user.email) is now \(role.rawValue) in \(workspace.slug).")
            }
        }
    }
}
