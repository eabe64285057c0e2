import Foundation
import FoyerCore

/// Generates Foyer's demo: Cime, an invented French outdoor-gear brand with English- and Spanish-speaking
/// customers — a team with every role, a second workspace, channels of several kinds with sealed demo
/// credentials, a few hundred community members and several thousand messages over the last 90 days, with
/// conversations in every status.
///
/// Deterministic: the same `seed` and the same day of `now` give the same plan, byte for byte. Nothing here
/// reads the clock or iterates a dictionary; randomness comes from ``SeededGenerator`` only.
public struct DemoGenerator: Sendable {
    /// The demo team's sign-in email. Printed by `foyer demo`.
    public static let demoEmail = "demo@foyer.example"
    /// The demo team's password (every demo user has it). Printed by `foyer demo`.
    public static let demoPassword = "cime-demo-2024"
    public static let defaultSeed: UInt64 = 20_240_611

    public var seed: UInt64
    /// `now` rounded down to the start of its UTC day: every generated time is before it, except snoozes.
    public var anchor: Date

    public init(seed: UInt64 = DemoGenerator.defaultSeed, now: Date) {
        self.seed = seed
        self.anchor = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// The whole demo as plain data, without touching storage.
    public func plan() -> DemoPlan {
        var rng = SeededGenerator(seed: seed)
        let users = DemoBlueprint.users.map {
            DemoPlan.User(email: $0.email, name: $0.name, password: Self.demoPassword, preferredLocale: $0.locale)
        }
        var workspaces: [DemoPlan.Workspace] = []
        for (index, blueprint) in DemoBlueprint.workspaces.enumerated() {
            var workspaceRNG = SeededGenerator(seed: rng.next() ^ UInt64(index))
            workspaces.append(planWorkspace(blueprint, index: index, rng: &workspaceRNG))
        }
        return DemoPlan(users: users, workspaces: workspaces)
    }

    // MARK: - Workspaces

    private func planWorkspace(
        _ blueprint: DemoBlueprint.WorkspaceBlueprint, index: Int, rng: inout SeededGenerator
    ) -> DemoPlan.Workspace {
        let channels = blueprint.channels.map { channel in
            DemoPlan.Channel(
                kind: channel.kind, name: channel.name, settings: channel.settings, credentials: channel.credentials,
                health: channel.failing.map {
                    ChannelHealth(
                        lastSuccessAt: anchor - 3 * 86_400, lastErrorAt: anchor - 1_800, lastError: $0,
                        tokenExpiresAt: anchor - 2 * 86_400)
                } ?? ChannelHealth(lastSuccessAt: anchor - Double(rng.int(in: 60...900)))
            )
        }
        let memberKinds = channels.map(\.kind).filter(DemoIdentities.personalPlatforms.contains)
        var members = (0..<blueprint.memberCount).map { number in
            DemoIdentities.member(
                number: number, workspace: index, platforms: memberKinds, languages: blueprint.languages, rng: &rng)
        }
        if index == 0, members.count > 7 {
            // Hostile but plausible: a display name that breaks out of an attribute if not escaped.
            members[7].displayName = "\"><img src=x onerror=alert(1)>"
        }

        var builder = DemoConversationBuilder(
            anchor: anchor, blueprint: blueprint, channels: channels, members: members, workspaceIndex: index,
            composer: DemoTextComposer(rng: SeededGenerator(seed: rng.next())))
        var conversations = builder.build(rng: &rng)
        if index == 0 {
            DemoConversationBuilder.addHostileExamples(to: &conversations, channels: channels, anchor: anchor)
        }
        DemoIdentities.updateActivity(of: &members, from: conversations, anchor: anchor, rng: &rng)

        return DemoPlan.Workspace(
            name: blueprint.name, slug: Validation.slug(from: blueprint.name), timeZone: blueprint.timeZone,
            defaultLocale: blueprint.locale, ownerEmail: blueprint.ownerEmail, team: blueprint.team,
            tags: blueprint.tags, channels: channels, members: members, conversations: conversations)
    }
}
