import Foundation

/// What it takes to queue a post of a content item on a channel.
public struct PostRequest: Sendable, Equatable {
    public var contentID: ContentItemID
    public var channelID: ChannelID
    /// A variant of the item; `nil` picks the best one for the channel and market, else the master text.
    public var variantID: ContentVariantID?
    public var marketID: MarketID?
    /// `nil` means as soon as possible.
    public var scheduledAt: Date?
    /// The client's key (the API's `Idempotency-Key`): the same request twice queues one post.
    public var requestKey: String?

    public init(
        contentID: ContentItemID, channelID: ChannelID, variantID: ContentVariantID? = nil, marketID: MarketID? = nil,
        scheduledAt: Date? = nil, requestKey: String? = nil
    ) {
        self.contentID = contentID
        self.channelID = channelID
        self.variantID = variantID
        self.marketID = marketID
        self.scheduledAt = scheduledAt
        self.requestKey = requestKey
    }
}

/// Schedules approved content on channels through the publish ledger, and keeps items in step with it.
public struct ContentPublishing: Sendable {
    public var storage: Storage
    public var connectors: ConnectorRegistry
    public var clock: any WallClock

    /// How far in the past a schedule may be (a form submitted a few seconds late is fine).
    public static let pastTolerance: TimeInterval = 60

    public init(storage: Storage, connectors: ConnectorRegistry, clock: any WallClock) {
        self.storage = storage
        self.connectors = connectors
        self.clock = clock
    }

    /// - Throws: ``DomainError/invalid(field:message:)`` on `scheduledAt` for a time more than
    ///   ``pastTolerance`` ago.
    public static func requireNotPast(_ date: Date, now: Date) throws {
        guard date >= now.addingTimeInterval(-pastTolerance) else {
            throw DomainError.invalid(field: "scheduledAt", message: "This time is in the past. Choose a time from now on.")
        }
    }

    /// Checks everything and queues the post; nothing is created when a check fails.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` for a schedule in the past, a channel that cannot
    ///   publish, a text over the network's limit, a missing file; ``DomainError/notFound(_:)`` for an item,
    ///   channel, variant or market of another workspace; ``DomainError/conflict(_:)`` for an item that is not
    ///   approved (or changed since).
    public func schedule(_ request: PostRequest, in workspace: WorkspaceID, by user: UserID?) async throws -> Publication {
        let now = clock.now()
        let dueAt = request.scheduledAt ?? now
        try Self.requireNotPast(dueAt, now: now)
        guard let item = try await storage.content.find(request.contentID, in: workspace) else {
            throw DomainError.notFound("Content item not found.")
        }
        guard let channel = try await storage.channels.find(request.channelID, in: workspace) else {
            throw DomainError.notFound("Channel not found.")
        }
        guard let connector = connectors[channel.kind], connector.capabilities.publish, connector.publisher != nil else {
            throw DomainError.invalid(
                field: "channelId", message: "\(channel.kind.displayName) channels cannot publish posts from Foyer. Choose another channel.")
        }
        let variants = try await storage.content.variants(of: item.id, in: workspace)
        let media = try await storage.content.media(of: item.id, in: workspace)
        guard let approved = item.approvedFingerprint, [.approved, .scheduled, .published].contains(item.status) else {
            throw DomainError.conflict("“\(item.title)” is not approved yet. Approve it (or ask for a review) before scheduling it.")
        }
        guard approved == ContentFingerprint.of(item, variants: variants, media: media) else {
            throw DomainError.conflict("“\(item.title)” changed since it was approved. It needs approval again.")
        }
        var market: Market?
        if let marketID = request.marketID {
            guard let found = try await storage.planning.findMarket(marketID, in: workspace) else {
                throw DomainError.notFound("Market not found.")
            }
            market = found
        }
        let variant: ContentVariant?
        if let variantID = request.variantID {
            guard let chosen = variants.first(where: { $0.id == variantID }) else {
                throw DomainError.notFound("This item has no such variant.")
            }
            if let target = chosen.channelID, target != channel.id {
                throw DomainError.invalid(field: "variantId", message: "This variant is written for another channel.")
            }
            variant = chosen
        } else {
            variant = ContentVariant.best(in: variants, channel: channel.id, market: market?.id)
        }
        let body = variant?.body ?? item.body
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalid(field: "body", message: "“\(item.title)” has no text to publish. Write the master text or a variant.")
        }
        let files = (variant?.mediaIDs ?? []).compactMap { id in media.first { $0.id == id } }
        guard files.count == (variant?.mediaIDs.count ?? 0) else {
            throw DomainError.invalid(field: "mediaIds", message: "A file of this variant is missing. Attach it again.")
        }
        let followUps = variant?.followUps ?? []
        try VariantRules.check(
            body: body, followUps: followUps, title: variant?.title ?? item.title, media: files, kind: channel.kind,
            settings: channel.settings
        ).requirePublishable()
        let publication = try await storage.publications.create(
            NewPublication(
                channelID: channel.id, purpose: .post, conversationID: nil, body: body, threadID: nil, inReplyToExternalID: nil,
                dueAt: dueAt, createdBy: user, requestKey: request.requestKey,
                post: PostDetails(
                    contentID: item.id, variantID: variant?.id, marketID: market?.id, title: variant?.title ?? item.title,
                    followUps: followUps, mediaIDs: files.map(\.id), language: market?.language)),
            in: workspace, now: now)
        if item.status == .approved {
            try await storage.content.setStatus(item.id, to: .scheduled, in: workspace)
        }
        _ = try? await storage.audit.record(
            NewAuditEvent(
                workspaceID: workspace, actorID: user, action: "content.scheduled", targetType: "content",
                targetID: item.id.description,
                details: [
                    "channel": channel.name, "publication": publication.id.description,
                    "scheduledAt": ISO8601DateFormatter().string(from: publication.dueAt),
                ]))
        return publication
    }

    /// After the ledger published a post: the item becomes `published` when nothing else of it is waiting,
    /// and an evergreen item gets its next publication.
    public func published(_ publication: Publication) async {
        guard publication.purpose == .post, publication.state == .published, let post = publication.post else { return }
        let workspace = publication.workspaceID
        guard let item = try? await storage.content.find(post.contentID, in: workspace) else { return }
        // A count, not the posts: an evergreen item can have been published hundreds of times.
        guard let tally = try? await storage.publications.tally(content: item.id, in: workspace) else { return }
        if let policy = item.evergreen {
            let sent = tally.count(.published, on: publication.channelID)
            if let next = policy.next(after: publication.updatedAt, published: sent) {
                // The key makes this step happen once even if two workers report the same publication.
                _ = try? await storage.publications.create(
                    NewPublication(
                        channelID: publication.channelID, purpose: .post, conversationID: nil, body: publication.body,
                        threadID: nil, inReplyToExternalID: nil, dueAt: next, createdBy: publication.createdBy,
                        requestKey: "evergreen-\(item.id)-\(publication.channelID)-\(sent + 1)", post: post),
                    in: workspace, now: clock.now())
                return
            }
        }
        try? await settleStatus(of: item, tally: tally)
    }

    /// A scheduled item with no post waiting any more becomes published (when one went out) or approved
    /// again (when the others were cancelled).
    public func settleStatus(of item: ContentItem, tally: PostTally) async throws {
        guard item.status == .scheduled, !tally.hasWaiting else { return }
        let status: ContentStatus = tally.count(.published) > 0 ? .published : .approved
        try await storage.content.setStatus(item.id, to: status, in: item.workspaceID)
    }
}
