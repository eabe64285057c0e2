import Foundation
import FoyerApp
import FoyerCore
import FoyerWeb
import Testing

@Suite struct DemoPlanTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func plan_withSameSeedAndDay_isIdentical() {
        let first = DemoGenerator(seed: 42, now: Self.now).plan()
        let second = DemoGenerator(seed: 42, now: Self.now + 3_600).plan()
        #expect(first == second)
        #expect(DemoPlanDigest.of(first) == DemoPlanDigest.of(second))
    }

    @Test func plan_withAnotherSeed_differs() {
        let first = DemoGenerator(seed: 42, now: Self.now).plan()
        let other = DemoGenerator(seed: 43, now: Self.now).plan()
        #expect(DemoPlanDigest.of(first) != DemoPlanDigest.of(other))
    }

    @Test func plan_hasTheShapeOfALivelyCommunity() throws {
        let plan = DemoGenerator(seed: DemoGenerator.defaultSeed, now: Self.now).plan()
        #expect(plan.workspaces.count >= 2)
        #expect(Set(plan.users.map(\.email)).contains(DemoGenerator.demoEmail))
        let main = try #require(plan.workspaces.first)
        let roles = Set(main.team.map(\.role) + [.owner])
        #expect(roles.isSuperset(of: [.owner, .manager, .moderator, .analyst, .client]))
        #expect(Set(main.channels.map(\.kind)).count >= 5)
        #expect(main.members.count >= 300)
        #expect(main.members.filter { $0.identities.count >= 2 }.count >= 30)
        let messages = main.conversations.flatMap(\.messages)
        #expect(messages.count >= 3_000)
        #expect(Set(main.conversations.map(\.status)) == Set(ConversationStatus.allCases))
        #expect(Set(main.members.map(\.language)) == ["fr", "en", "es"])
        #expect(messages.contains { $0.direction == .outbound })
        #expect(messages.contains { $0.kind == .directMessage })
        #expect(messages.contains { $0.body.contains("<script>alert('xss')</script>") })
        #expect(main.members.contains { $0.displayName == "\"><img src=x onerror=alert(1)>" })
        #expect(messages.contains { $0.body.contains("<a href=") })
        #expect(main.conversations.contains { $0.assigneeEmail != nil })
        #expect(main.conversations.contains { !$0.tags.isEmpty })
        #expect(main.conversations.filter { !$0.notes.isEmpty }.count >= 10)
    }

    @Test func plan_putsEveryMessageInTheLast90Days_andSnoozesInTheFuture() throws {
        let generator = DemoGenerator(seed: 7, now: Self.now)
        let plan = generator.plan()
        for workspace in plan.workspaces {
            for conversation in workspace.conversations {
                for message in conversation.messages {
                    #expect(message.sentAt < generator.anchor)
                    #expect(message.sentAt >= generator.anchor - 91 * 86_400)
                }
                if conversation.status == .snoozed {
                    #expect((conversation.snoozedUntil ?? .distantPast) > generator.anchor)
                }
            }
        }
    }

    @Test func plan_isBusierInRecentWeeks() throws {
        let generator = DemoGenerator(seed: 7, now: Self.now)
        let messages = try #require(generator.plan().workspaces.first).conversations.flatMap(\.messages)
        let recent = messages.filter { $0.sentAt >= generator.anchor - 30 * 86_400 }.count
        let old = messages.filter { $0.sentAt < generator.anchor - 60 * 86_400 }.count
        #expect(recent > old)
    }

    @Test func plan_hasUniqueExternalIDsPerChannel() throws {
        let plan = DemoGenerator(seed: 7, now: Self.now).plan()
        for workspace in plan.workspaces {
            var seen = Set<String>()
            for conversation in workspace.conversations {
                for message in conversation.messages {
                    #expect(seen.insert("\(conversation.channelIndex)|\(message.externalID)").inserted)
                }
            }
            #expect(
                Set(workspace.conversations.map { "\($0.channelIndex)|\($0.externalThreadID)" }).count
                    == workspace.conversations.count)
        }
    }
}

/// A canonical SHA-256 of a demo plan: every field in a fixed order.
enum DemoPlanDigest {
    static func of(_ plan: DemoPlan) -> String {
        var text = ""
        for user in plan.users { text += "u|\(user.email)|\(user.name)|\(user.preferredLocale?.rawValue ?? "-")\n" }
        for workspace in plan.workspaces {
            text += "w|\(workspace.name)|\(workspace.slug)|\(workspace.timeZone)\n"
            for channel in workspace.channels {
                text += "c|\(channel.kind)|\(channel.name)|\(channel.settings.sorted { $0.key < $1.key })\n"
            }
            for member in workspace.members {
                text += "m|\(member.displayName)|\(member.firstSeenAt.timeIntervalSince1970)|\(member.score)"
                text += "|\(member.identities.map(\.externalID))\n"
            }
            for conversation in workspace.conversations {
                text += "t|\(conversation.externalThreadID)|\(conversation.status)|\(conversation.tags)"
                text += "|\(conversation.notes.map(\.body))\n"
                for message in conversation.messages {
                    text += "x|\(message.externalID)|\(message.sentAt.timeIntervalSince1970)|\(message.body)\n"
                }
            }
        }
        return SecretToken.digest(text)
    }
}
