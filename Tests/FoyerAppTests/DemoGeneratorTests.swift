import Foundation
import FoyerApp
import FoyerCore
import FoyerSQLite
import FoyerWeb
import Testing

@Suite struct DemoGeneratorTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let key = Data(repeating: 3, count: 32)

    /// Generates the demo into a fresh in-memory database.
    private func generate(seed: UInt64) async throws -> (Storage, DemoSummary) {
        let database = try SQLiteDatabase.temporary(clock: PinnedClock(Self.now))
        try await database.migrate()
        let summary = try await DemoGenerator(seed: seed, now: Self.now).generate(
            into: database.storage, sealer: try AESGCMCredentialSealer(key: Self.key), analyzer: FoyerTextAnalyzer(),
            passwordHasher: PasswordHasher(cost: 4))
        return (database.storage, summary)
    }

    @Test func generate_sameSeedAndDay_storesIdenticalRows_andAnotherSeedDiffers() async throws {
        let (first, firstSummary) = try await generate(seed: 11)
        let (second, secondSummary) = try await generate(seed: 11)
        #expect(firstSummary == secondSummary)
        let firstDigest = try await StoredDemoDigest.of(first)
        #expect(try await StoredDemoDigest.of(second) == firstDigest)
        let (other, _) = try await generate(seed: 12)
        #expect(try await StoredDemoDigest.of(other) != firstDigest)
    }

    /// The content stock: several markets, every pipeline status, a publication history with a failure,
    /// posts scheduled for the coming days, and cadence goals the stock cannot keep up with.
    @Test func generate_stocksACalendarWithMarketsHistoryAndARunwayWarning() async throws {
        let (storage, _) = try await generate(seed: DemoGenerator.defaultSeed)
        let demo = try #require(try await storage.users.find(email: DemoGenerator.demoEmail))
        let main = try #require(try await storage.workspaces.list(for: demo.id).first { $0.role == .owner }?.workspace)

        let markets = try await storage.planning.markets(in: main.id)
        #expect(Set(markets.map(\.locale)) == ["fr-FR", "fr-CA", "en-GB"])
        let counts = try await storage.content.countByStatus(in: main.id)
        for status in ContentStatus.allCases {
            #expect((counts[status] ?? 0) > 0, "no \(status) item")
        }
        let posts = try await storage.publications.posts(
            in: main.id, from: Self.now.addingTimeInterval(-60 * 86_400), to: Self.now.addingTimeInterval(60 * 86_400))
        #expect(posts.filter { $0.state == .published }.count >= 6)
        #expect(posts.filter { $0.state == .failed }.count == 1)
        #expect(posts.filter { $0.state == .scheduled && $0.dueAt > Self.now }.count >= 4)
        #expect(posts.filter { $0.state == .published }.allSatisfy { $0.remoteURL != nil && $0.externalID != nil })

        let items = try await storage.content.list(in: main.id, filter: ContentFilter(statuses: [.approved]), page: PageRequest(limit: 200))
        var stock: [StockRunway.StockItem] = []
        for item in items.items {
            stock.append(StockRunway.StockItem(item: item, variants: try await storage.content.variants(of: item.id, in: main.id)))
        }
        let runway = StockRunway.compute(
            goals: try await storage.planning.goals(in: main.id), stock: stock,
            scheduled: posts.filter { $0.state == .scheduled }.map { StockRunway.ScheduledPost(channelID: $0.channelID, contentType: nil, dueAt: $0.dueAt) },
            now: Self.now)
        #expect(runway.contains { $0.isLow }, "the demo warns that some channel's stock runs out")
    }

    @Test func generate_storesALivelyBilingualCommunity() async throws {
        let (storage, summary) = try await generate(seed: DemoGenerator.defaultSeed)
        #expect(summary.messages >= 3_000)
        #expect(summary.members >= 300)

        let demo = try #require(try await storage.users.find(email: DemoGenerator.demoEmail))
        #expect(try await PasswordHasher(cost: 4).verify(DemoGenerator.demoPassword, hash: demo.passwordHash))
        let workspaces = try await storage.workspaces.list(for: demo.id)
        #expect(workspaces.count >= 2)
        let main = try #require(workspaces.first { $0.role == .owner }?.workspace)

        let roles = Set(try await storage.memberships.list(in: main.id).map(\.membership.role))
        #expect(roles.isSuperset(of: [.owner, .manager, .moderator, .analyst, .client]))

        let channels = try await storage.channels.list(in: main.id)
        #expect(Set(channels.map(\.kind)).count >= 5)
        let sealer = try AESGCMCredentialSealer(key: Self.key)
        let matrix = try #require(channels.first { $0.kind == .matrix })
        let sealed = try #require(matrix.sealedCredentials)
        #expect(sealed.range(of: Data("demo-matrix".utf8)) == nil)
        #expect(try sealer.openCredentials(sealed)["accessToken"]?.hasPrefix("demo-matrix") == true)
        #expect(channels.contains { $0.health.status == .failing })

        for status in ConversationStatus.allCases {
            #expect(try await storage.conversations.count(in: main.id, status: status) > 0, "no \(status) conversation")
        }
        for language in ["fr", "en", "es"] {
            let page = try await storage.messages.list(
                in: main.id, filter: MessageFilter(language: language), page: PageRequest(limit: 1))
            #expect(!page.items.isEmpty, "no message in \(language)")
        }
        let negative = try await storage.messages.list(
            in: main.id, filter: MessageFilter(sentiment: .negative), page: PageRequest(limit: 1))
        #expect(!negative.items.isEmpty)

        var spam = 0
        var toxic = 0
        var outbound = 0
        var cursor: String?
        repeat {
            let page = try await storage.messages.list(
                in: main.id, filter: MessageFilter(), page: PageRequest(limit: 200, cursor: cursor))
            spam += page.items.filter { $0.analysis.spam == true }.count
            toxic += page.items.filter { $0.analysis.toxic == true }.count
            outbound += page.items.filter { $0.direction == .outbound }.count
            cursor = page.next
        } while cursor != nil
        #expect(spam > 10)
        #expect(toxic > 10)
        #expect(outbound > 100)

        let xss = try await storage.messages.list(
            in: main.id, filter: MessageFilter(text: "alert"), page: PageRequest(limit: 50))
        #expect(xss.items.contains { $0.body.contains("<script>") })
        let closed = try await storage.conversations.list(
            in: main.id, filter: ConversationFilter(status: .closed), page: PageRequest(limit: 20))
        #expect(closed.items.allSatisfy { $0.closedAt != nil })
        let audit = try await storage.audit.list(in: main.id, page: PageRequest(limit: 50))
        #expect(audit.items.contains { $0.action == "channel.connected" })
        #expect(audit.items.allSatisfy { $0.details.values.allSatisfy { !$0.contains("demo-") } })

        var notes = 0
        for conversation in try await storage.conversations.list(
            in: main.id, filter: ConversationFilter(), page: PageRequest(limit: 200)
        ).items {
            notes += try await storage.notes.list(conversation: conversation.id, in: main.id).count
        }
        #expect(notes > 0)
        let snoozed = try await storage.conversations.list(
            in: main.id, filter: ConversationFilter(status: .snoozed), page: PageRequest(limit: 20))
        #expect(snoozed.items.allSatisfy { ($0.snoozedUntil ?? .distantPast) > Self.now })
    }
}

/// A canonical digest of what the demo stored, read back through the repositories.
enum StoredDemoDigest {
    static func of(_ storage: Storage) async throws -> String {
        var text = ""
        guard let demo = try await storage.users.find(email: DemoGenerator.demoEmail) else { return "" }
        for (workspace, role) in try await storage.workspaces.list(for: demo.id) {
            text += "w|\(workspace.slug)|\(workspace.timeZone)|\(role)\n"
            for channel in try await storage.channels.list(in: workspace.id) {
                text += "c|\(channel.kind)|\(channel.name)\n"
            }
            var cursor: String?
            repeat {
                let page = try await storage.conversations.list(
                    in: workspace.id, filter: ConversationFilter(), page: PageRequest(limit: 200, cursor: cursor))
                for conversation in page.items {
                    text += "t|\(conversation.externalThreadID)|\(conversation.status)|\(conversation.tags)"
                    text += "|\(conversation.messageCount)|\(conversation.lastMessageAt.timeIntervalSince1970)\n"
                }
                cursor = page.next
            } while cursor != nil
            repeat {
                let page = try await storage.messages.list(
                    in: workspace.id, filter: MessageFilter(), page: PageRequest(limit: 200, cursor: cursor))
                for message in page.items {
                    text += "x|\(message.externalID)|\(message.sentAt.timeIntervalSince1970)|\(message.authorName)"
                    text += "|\(message.body)|\(message.analysis.language ?? "-")|\(message.analysis.spam ?? false)\n"
                }
                cursor = page.next
            } while cursor != nil
        }
        return SecretToken.digest(text)
    }
}
