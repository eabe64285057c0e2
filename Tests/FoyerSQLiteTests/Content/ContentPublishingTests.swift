import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Media bytes kept in memory, by digest (the web layer's folder store is tested with the pages).
actor MemoryMediaStore: MediaStore {
    private var files: [String: Data] = [:]
    func put(_ data: Data) async throws -> String {
        let digest = String(format: "%064x", data.hashValue.magnitude)
        files[digest] = data
        return digest
    }
    func get(_ sha256: String) async throws -> Data {
        guard let data = files[sha256] else { throw DomainError.notFound("File not found.") }
        return data
    }
}

/// Content from the stock to the platform: the checks before a post is queued, the post as the platform
/// gets it, and what the item becomes afterwards (published, or its next evergreen run).
@Suite struct ContentPublishingTests {
    struct Setup {
        let storage: Storage
        let clock: PinnedClock
        let platform: FakePlatform
        let media: MemoryMediaStore
        let publishing: ContentPublishing
        let sender: PublicationSender
        let workspace: WorkspaceID
        let channel: Channel

        static func make() async throws -> Setup {
            let clock = PinnedClock(Seed.defaultStart.addingTimeInterval(3600))
            let storage = try await makeTestStorage(clock: clock)
            let seeded = try await Seed(storage).workspace(named: "Cime", owner: "owner@example.org")
            let channel = try await Seed(storage).channel(in: seeded.workspace.id, kind: .matrix, name: "Community room")
            let platform = FakePlatform()
            let connectors = ConnectorRegistry([FakeConnector(platform: platform)])
            let media = MemoryMediaStore()
            let publishing = ContentPublishing(storage: storage, connectors: connectors, clock: clock)
            let sender = PublicationSender(
                storage: storage, ledger: storage.publications, connectors: connectors, sealer: nil, live: LiveEventHub(),
                clock: clock, lease: 60, jitter: { 0.5 }, media: media, onPublished: { await publishing.published($0) })
            return Setup(
                storage: storage, clock: clock, platform: platform, media: media, publishing: publishing, sender: sender,
                workspace: seeded.workspace.id, channel: channel)
        }

        /// An item with a variant for the channel, approved as it stands.
        func approvedItem(_ draft: ContentDraft = ContentDraft(title: "Winter boots", body: "Master text")) async throws -> ContentItem {
            let item = try await storage.content.create(draft, createdBy: nil, in: workspace)
            try await approve(item.id)
            return try #require(try await storage.content.find(item.id, in: workspace))
        }

        func approve(_ id: ContentItemID) async throws {
            let item = try #require(try await storage.content.find(id, in: workspace))
            let fingerprint = ContentFingerprint.of(
                item, variants: try await storage.content.variants(of: id, in: workspace),
                media: try await storage.content.media(of: id, in: workspace))
            _ = try await storage.content.addReview(
                NewContentReview(decision: .approved, reviewerID: nil, reviewerName: "Client", viaLink: true, comment: "", fingerprint: fingerprint),
                to: id, in: workspace)
        }
    }

    @Test func anApprovedItemIsPublishedOnceWithItsVariantFollowUpsAndFile() async throws {
        let setup = try await Setup.make()
        let item = try await setup.storage.content.create(ContentDraft(title: "Winter boots", body: "Master"), createdBy: nil, in: setup.workspace)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let digest = try await setup.media.put(png)
        let file = try await setup.storage.content.addMedia(
            to: item.id, filename: "boots.png", mimeType: "image/png", byteCount: png.count, sha256: digest, altText: "Red boots",
            in: setup.workspace)
        _ = try await setup.storage.content.saveVariant(
            VariantDraft(channelID: setup.channel.id, marketID: nil, body: "Cold feet? ❄️", followUps: ["Tip 1", "Tip 2"], mediaIDs: [file.id]),
            of: item.id, in: setup.workspace)
        try await setup.approve(item.id)

        let queued = try await setup.publishing.schedule(
            PostRequest(contentID: item.id, channelID: setup.channel.id), in: setup.workspace, by: nil)
        #expect(try await setup.storage.content.find(item.id, in: setup.workspace)?.status == .scheduled)
        #expect(try await setup.sender.runOnce() == 1)
        #expect(try await setup.sender.runOnce() == 0)

        let posts = await setup.platform.posts
        let post = try #require(posts[queued.idempotencyKey])
        #expect(posts.count == 1)
        #expect(post.body == "Cold feet? ❄️")
        #expect(post.followUps == ["Tip 1", "Tip 2"])
        #expect(post.title == "Winter boots")
        #expect(post.media == [OutboundMedia(filename: "boots.png", mimeType: "image/png", data: png, altText: "Red boots")])
        let published = try #require(try await setup.storage.publications.find(queued.id, in: setup.workspace))
        #expect(published.state == .published)
        #expect(published.remoteURL?.hasPrefix("https://social.example/") == true)
        #expect(try await setup.storage.content.find(item.id, in: setup.workspace)?.status == .published)
    }

    @Test func badRequestsCreateNothing() async throws {
        let setup = try await Setup.make()
        let draft = try await setup.storage.content.create(ContentDraft(title: "Not approved", body: "x"), createdBy: nil, in: setup.workspace)
        let approved = try await setup.approvedItem()
        let feed = try await Seed(setup.storage).channel(in: setup.workspace, kind: .feed, name: "Blog")
        let now = setup.clock.now()
        let refusals: [(PostRequest, String)] = [
            (PostRequest(contentID: draft.id, channelID: setup.channel.id), "not approved"),
            (PostRequest(contentID: approved.id, channelID: setup.channel.id, scheduledAt: now.addingTimeInterval(-61)), "past"),
            (PostRequest(contentID: approved.id, channelID: feed.id), "cannot publish"),
            (PostRequest(contentID: approved.id, channelID: setup.channel.id, variantID: ContentVariantID(999)), "no variant"),
            (PostRequest(contentID: approved.id, channelID: setup.channel.id, marketID: MarketID(999)), "no market"),
        ]
        for (request, why) in refusals {
            await #expect(throws: DomainError.self, "\(why)") {
                try await setup.publishing.schedule(request, in: setup.workspace, by: nil)
            }
        }
        // A schedule a few seconds late (a slow form) is fine.
        _ = try await setup.publishing.schedule(
            PostRequest(contentID: approved.id, channelID: setup.channel.id, scheduledAt: now.addingTimeInterval(-30)),
            in: setup.workspace, by: nil)
        #expect(try await setup.storage.publications.list(in: setup.workspace, state: nil, purpose: nil, limit: 10).count == 1)
    }

    @Test func aTextChangedAfterApprovalNeedsApprovalAgain() async throws {
        let setup = try await Setup.make()
        let item = try await setup.approvedItem()
        #expect(item.status == .approved)
        _ = try await setup.storage.content.saveVariant(
            VariantDraft(channelID: setup.channel.id, marketID: nil, body: "A new text"), of: item.id, in: setup.workspace)
        let changed = try #require(try await setup.storage.content.find(item.id, in: setup.workspace))
        #expect(changed.status == .inReview)
        #expect(changed.approvedFingerprint == nil)
        await #expect(throws: DomainError.self) {
            try await setup.publishing.schedule(PostRequest(contentID: item.id, channelID: setup.channel.id), in: setup.workspace, by: nil)
        }
        // Notes and tags are not the text: they keep the approval.
        try await setup.approve(item.id)
        var draft = ContentDraft(title: changed.title, body: changed.body, contentType: changed.contentType)
        draft.notes = "Check the photo rights"
        draft.tags = ["winter"]
        let annotated = try await setup.storage.content.update(item.id, with: draft, in: setup.workspace)
        #expect(annotated.status == .approved)
    }

    @Test func anEvergreenItemComesBackAtItsIntervalUntilItsCap() async throws {
        let setup = try await Setup.make()
        let item = try await setup.approvedItem(
            ContentDraft(title: "Size guide", body: "How to choose your size", evergreen: EvergreenPolicy(intervalDays: 30, cap: 2)))
        let first = try await setup.publishing.schedule(
            PostRequest(contentID: item.id, channelID: setup.channel.id), in: setup.workspace, by: nil)
        try await setup.sender.runOnce()
        let history = try await setup.storage.publications.list(content: item.id, in: setup.workspace)
        #expect(history.count == 2)
        let next = try #require(history.first { $0.id != first.id })
        #expect(next.state == .scheduled)
        #expect(next.dueAt == setup.clock.now().addingTimeInterval(30 * 86_400))
        #expect(next.body == first.body)
        let tally = try await setup.storage.publications.tally(content: item.id, in: setup.workspace)
        #expect(tally == PostTally([setup.channel.id: [.published: 1, .scheduled: 1]]))
        #expect(tally.hasWaiting)
        #expect(tally.count(.published) == 1 && tally.count(.published, on: ChannelID(999)) == 0)

        setup.clock.advance(by: 30 * 86_400)
        try await setup.sender.runOnce()
        let after = try await setup.storage.publications.list(content: item.id, in: setup.workspace)
        #expect(after.count == 2, "the cap of 2 is reached")
        #expect(after.allSatisfy { $0.state == .published })
        #expect(try await setup.storage.content.find(item.id, in: setup.workspace)?.status == .published)
        #expect(await setup.platform.posts.count == 2)
    }

    @Test func onlyAWaitingPostMovesOrIsCancelled_andAnItemWithOneCannotBeDeleted() async throws {
        let setup = try await Setup.make()
        let item = try await setup.approvedItem()
        let later = setup.clock.now().addingTimeInterval(3600)
        let waiting = try await setup.publishing.schedule(
            PostRequest(contentID: item.id, channelID: setup.channel.id, scheduledAt: later), in: setup.workspace, by: nil)
        await #expect(throws: DomainError.self) { try await setup.storage.content.delete(item.id, in: setup.workspace) }
        let moved = try await setup.storage.publications.reschedule(
            waiting.id, to: later.addingTimeInterval(600), in: setup.workspace, now: setup.clock.now())
        #expect(moved.dueAt == later.addingTimeInterval(600))

        let now = try await setup.publishing.schedule(PostRequest(contentID: item.id, channelID: setup.channel.id), in: setup.workspace, by: nil)
        try await setup.sender.runOnce()
        await #expect(throws: DomainError.conflict("This publication is published and was already tried; it can no longer be moved or cancelled.")) {
            try await setup.storage.publications.cancel(now.id, in: setup.workspace)
        }
        try await setup.storage.publications.cancel(waiting.id, in: setup.workspace)
        try await setup.storage.content.delete(item.id, in: setup.workspace)
        #expect(try await setup.storage.content.find(item.id, in: setup.workspace) == nil)
        let kept = try await setup.storage.publications.find(now.id, in: setup.workspace)
        #expect(kept?.state == .published, "the ledger keeps what went out")
        #expect(kept?.post == nil)
    }

    @Test func variantsAreOnePerTarget_andAFileInUseStays() async throws {
        let setup = try await Setup.make()
        let market = try await setup.storage.planning.createMarket(
            NewMarket(name: "Québec", locale: "fr_ca", timeZone: "America/Toronto"), in: setup.workspace)
        #expect(market.locale == "fr-CA")
        let item = try await setup.storage.content.create(ContentDraft(title: "Launch"), createdBy: nil, in: setup.workspace)
        let file = try await setup.storage.content.addMedia(
            to: item.id, filename: "a.png", mimeType: "image/png", byteCount: 3, sha256: String(repeating: "a", count: 64), altText: nil,
            in: setup.workspace)
        let first = try await setup.storage.content.saveVariant(
            VariantDraft(channelID: setup.channel.id, marketID: market.id, body: "Bonjour", mediaIDs: [file.id], translation: .needed),
            of: item.id, in: setup.workspace)
        let replaced = try await setup.storage.content.saveVariant(
            VariantDraft(channelID: setup.channel.id, marketID: market.id, body: "Allô", translation: .done), of: item.id,
            in: setup.workspace)
        let channelOnly = try await setup.storage.content.saveVariant(
            VariantDraft(channelID: setup.channel.id, marketID: nil, body: "Hello", mediaIDs: [file.id]), of: item.id, in: setup.workspace)
        #expect(replaced.id == first.id)
        let variants = try await setup.storage.content.variants(of: item.id, in: setup.workspace)
        #expect(variants.map(\.body) == ["Allô", "Hello"])
        #expect(ContentVariant.best(in: variants, channel: setup.channel.id, market: market.id)?.body == "Allô")
        #expect(ContentVariant.best(in: variants, channel: setup.channel.id, market: nil)?.id == channelOnly.id)
        await #expect(throws: DomainError.self) {
            try await setup.storage.content.deleteMedia(file.id, of: item.id, in: setup.workspace)
        }
        await #expect(throws: DomainError.self, "a file of another item") {
            let other = try await setup.storage.content.create(ContentDraft(title: "Other"), createdBy: nil, in: setup.workspace)
            _ = try await setup.storage.content.saveVariant(
                VariantDraft(channelID: setup.channel.id, marketID: nil, body: "x", mediaIDs: [file.id]), of: other.id, in: setup.workspace)
        }
    }
}
