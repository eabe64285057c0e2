import Foundation
import FoyerCore
import FoyerSQLite
import FoyerTestSupport
import GRDB
import Testing

/// The webhook lookup is cached; what changes through the repository is seen at once, what another process
/// changes (here: SQL behind the repository's back) after at most the time to live.
@Suite("Channels found by webhook token, cached")
struct ChannelCacheTests {
    static let token = "hk_cache0123456789abcdef0123456789ab"

    struct Setup {
        let database: SQLiteDatabase
        let channels: CachingChannelRepository
        let workspace: WorkspaceID

        static func make(ttl: Duration = .seconds(60)) async throws -> Setup {
            let database = try await makeTestDatabase()
            let cached = try #require(database.storage.channels as? CachingChannelRepository)
            let workspace = try await Seed(database.storage).workspace(named: "Acme", owner: "owner@example.org")
            return Setup(
                database: database, channels: CachingChannelRepository(cached.base, ttl: ttl), workspace: workspace.id)
        }

        /// A change made without the repository, as another process would.
        func renameBehindTheCache(_ id: ChannelID, to name: String) async throws {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE channels SET name = ? WHERE id = ?", arguments: [name, id.rawValue])
            }
        }
    }

    @Test func theStorage_cachesWebhookLookups() async throws {
        let database = try await makeTestDatabase()
        #expect(database.storage.channels is CachingChannelRepository)
    }

    /// Within the time to live the lookup gives the name it read first; past it (a zero time to live), the new one.
    @Test(arguments: [(Duration.seconds(600), "Form"), (Duration.zero, "Renamed")])
    func aLookup_isRemembered_forItsTimeToLive(ttl: Duration, seen: String) async throws {
        let setup = try await Setup.make(ttl: ttl)
        let channel = try await setup.channels.create(
            NewChannel(kind: .webhook, name: "Form", webhookToken: Self.token), in: setup.workspace)
        #expect(try await setup.channels.find(webhookToken: Self.token)?.name == "Form")
        try await setup.renameBehindTheCache(channel.id, to: "Renamed")
        #expect(try await setup.channels.find(webhookToken: Self.token)?.name == seen)
    }

    @Test func changesThroughTheRepository_areSeenAtOnce() async throws {
        let setup = try await Setup.make()
        let channel = try await setup.channels.create(
            NewChannel(kind: .webhook, name: "Form", sealedCredentials: Data("old".utf8), webhookToken: Self.token),
            in: setup.workspace)
        #expect(try await setup.channels.find(webhookToken: Self.token)?.sealedCredentials == Data("old".utf8))
        try await setup.channels.updateSettings(
            channel.id, in: setup.workspace, name: "Form", settings: [:], sealedCredentials: Data("new".utf8))
        #expect(try await setup.channels.find(webhookToken: Self.token)?.sealedCredentials == Data("new".utf8))
        let health = ChannelHealth(lastErrorAt: Seed.defaultStart, lastError: "Signature refused")
        try await setup.channels.updateHealth(channel.id, in: setup.workspace, health: health)
        #expect(try await setup.channels.find(webhookToken: Self.token)?.health.lastError == "Signature refused")
        try await setup.channels.delete(channel.id, in: setup.workspace)
        #expect(try await setup.channels.find(webhookToken: Self.token) == nil)
    }

    @Test func unknownTokens_areNotRemembered() async throws {
        let setup = try await Setup.make()
        #expect(try await setup.channels.find(webhookToken: Self.token) == nil)
        let channel = try await setup.channels.create(
            NewChannel(kind: .webhook, name: "Form", webhookToken: Self.token), in: setup.workspace)
        #expect(try await setup.channels.find(webhookToken: Self.token) == channel)
    }
}
