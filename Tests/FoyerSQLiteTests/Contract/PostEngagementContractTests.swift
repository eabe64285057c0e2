import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Post engagement (contract)")
struct PostEngagementContractTests {
    @Test(arguments: StorageFactory.all)
    func inboundMessageCounts_countInboundRepliesPerPost_inTheChannelAndWorkspaceOnly(factory: StorageFactory)
        async throws
    {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let mastodon = try await fixture.seed.channel(in: acme.id, kind: .mastodon, name: "Mastodon")
        let matrix = try await fixture.seed.channel(in: acme.id, name: "Room")
        let popular = try await fixture.seed.conversation(in: acme.id, channel: mastodon.id, thread: "post-1")
        _ = try await fixture.seed.messages(["Great", "Love it", "When?"], in: popular)
        _ = try await fixture.seed.messages(["Soon!"], in: popular, direction: .outbound)
        _ = try await fixture.seed.conversation(in: acme.id, channel: mastodon.id, thread: "post-2")
        // The same thread id on another channel is another post.
        let elsewhere = try await fixture.seed.conversation(in: acme.id, channel: matrix.id, thread: "post-3")
        _ = try await fixture.seed.messages(["Hi"], in: elsewhere)
        let other = try await fixture.seed.workspace(named: "Other", owner: "other@example.org")
        let theirs = try await fixture.seed.channel(in: other.id, kind: .mastodon)
        let theirThread = try await fixture.seed.conversation(in: other.id, channel: theirs.id, thread: "post-1")
        _ = try await fixture.seed.messages(["Not yours"], in: theirThread)

        let counts = try await fixture.storage.engagement.inboundMessageCounts(
            forPosts: ["post-1", "post-2", "post-3", "never-answered", ""], channel: mastodon.id, in: acme.id)
        #expect(counts == ["post-1": 3, "post-2": 0])
        let foreign = try await fixture.storage.engagement.inboundMessageCounts(
            forPosts: ["post-1"], channel: theirs.id, in: acme.id)
        #expect(foreign.isEmpty)
        #expect(try await fixture.storage.engagement.inboundMessageCounts(forPosts: [], channel: mastodon.id, in: acme.id).isEmpty)
    }
}
