import Foundation

/// Hands due ledger entries to their connector, exactly once.
///
/// Each round claims due entries under a lease, reconciles any entry that was tried before (the platform
/// may have it already), sends the others, and stores the transition the state machine decides. A reply
/// that went out is also stored as an outbound message of its conversation, which sets the conversation's
/// first-response time.
public struct PublicationSender: Sendable {
    public var storage: Storage
    /// The ledger (`storage.publications` in production).
    public var ledger: any PublicationRepository
    public var connectors: ConnectorRegistry
    public var sealer: (any CredentialSealer)?
    public var live: any LiveEventPublisher
    public var clock: any WallClock
    /// How long a claim holds; a worker that dies mid-send lets it lapse and the entry is reconciled.
    public var lease: TimeInterval
    /// 0…1, for the retry jitter; injectable so tests are deterministic.
    public var jitter: @Sendable () -> Double
    /// Where a post's files are read from.
    public var media: (any MediaStore)?
    /// Called once a post is published (content status, evergreen recycling).
    public var onPublished: (@Sendable (Publication) async -> Void)?

    public init(
        storage: Storage, ledger: any PublicationRepository, connectors: ConnectorRegistry, sealer: (any CredentialSealer)?,
        live: any LiveEventPublisher, clock: any WallClock, lease: TimeInterval = 120,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }, media: (any MediaStore)? = nil,
        onPublished: (@Sendable (Publication) async -> Void)? = nil
    ) {
        self.media = media
        self.onPublished = onPublished
        self.storage = storage
        self.ledger = ledger
        self.connectors = connectors
        self.sealer = sealer
        self.live = live
        self.clock = clock
        self.lease = lease
        self.jitter = jitter
    }

    /// Claims and handles up to `limit` due entries; returns how many were handled.
    @discardableResult
    public func runOnce(limit: Int = 20) async throws -> Int {
        let now = clock.now()
        let claimed = try await ledger.claimDue(now: now, leaseUntil: now.addingTimeInterval(lease), limit: limit)
        await withTaskGroup(of: Void.self) { group in
            for publication in claimed {
                group.addTask { await handle(publication) }
            }
        }
        return claimed.count
    }

    /// Sends (or reconciles) one claimed entry and stores the outcome. Never throws: every failure becomes a
    /// transition, and a failure to store one is left to the lease (the entry will be reconciled).
    func handle(_ publication: Publication) async {
        let outcome = await attempt(publication)
        let now = clock.now()
        let event: PublicationEvent
        switch outcome {
        case .success(let receipt):
            event = .confirmed(receipt, at: now)
        case .failure(let error):
            let message = error.message
            switch error.kind {
            case .rateLimited:
                event = .retryableFailure(message: message, retryAt: error.retryAfter ?? backoff(publication, now), at: now)
            case .unavailable, .protocolError:
                // The request may have reached the platform: reconcile before any new send.
                event = .noAnswer(message: message, retryAt: error.retryAfter ?? backoff(publication, now), at: now)
            case .unauthorized, .forbidden, .notFound, .rejected, .configuration:
                event = .permanentFailure(message: message, at: now)
            }
        }
        guard let next = try? publication.applying(event) else { return }
        do {
            try await ledger.save(next, expecting: .sending)
        } catch {
            return
        }
        if next.state == .published, let externalID = next.externalID {
            if next.purpose == .reply {
                await recordOutboundMessage(next, externalID: externalID)
            } else {
                await onPublished?(next)
            }
        }
        live.publish(
            LiveEvent(
                kind: .publication, workspaceID: next.workspaceID, conversationID: next.conversationID,
                data: ["publication": next.id.description, "state": next.state.rawValue]))
    }

    private func backoff(_ publication: Publication, _ now: Date) -> Date {
        now.addingTimeInterval(publicationBackoff(attempt: publication.attempts, jitter: jitter()))
    }

    private func attempt(_ publication: Publication) async -> Result<OutboundReceipt, ConnectorError> {
        do {
            guard let channel = try await storage.channels.find(publication.channelID, in: publication.workspaceID) else {
                return .failure(ConnectorError(.notFound, "The channel of this reply was deleted."))
            }
            let credentials: [String: String]
            if let sealed = channel.sealedCredentials {
                guard let sealer else {
                    return .failure(ConnectorError(.configuration, "No secret key is configured to open the channel's credentials."))
                }
                credentials = try sealer.openCredentials(sealed)
            } else {
                credentials = [:]
            }
            let context = ChannelContext(channel: channel, credentials: credentials)
            if publication.purpose == .post {
                return .success(try await publish(publication, context: context))
            }
            guard let replier = connectors[channel.kind]?.replier else {
                return .failure(
                    ConnectorError(.configuration, "\(channel.kind.displayName) channels cannot send replies from Foyer."))
            }
            let request = publication.outboundRequest
            if publication.needsReconciliation, let receipt = try await replier.reconcile(request, context: context) {
                return .success(receipt)
            }
            return .success(try await replier.send(request, context: context))
        } catch let error as ConnectorError {
            return .failure(error)
        } catch let error as DomainError {
            return .failure(ConnectorError(.configuration, String(describing: error)))
        } catch {
            return .failure(ConnectorError(.unavailable, "Sending failed: \(error)"))
        }
    }

    /// Publishes a post with its files, after asking the platform when an earlier attempt may have gone through.
    private func publish(_ publication: Publication, context: ChannelContext) async throws -> OutboundReceipt {
        guard let publisher = connectors[context.channel.kind]?.publisher else {
            throw ConnectorError(.configuration, "\(context.channel.kind.displayName) channels cannot publish posts from Foyer.")
        }
        var files: [OutboundMedia] = []
        for id in publication.post?.mediaIDs ?? [] {
            guard let file = try await storage.content.findMedia(id, in: publication.workspaceID) else {
                throw ConnectorError(.rejected, "A file of this post was deleted. Attach it again and reschedule the post.")
            }
            guard let media else { throw ConnectorError(.configuration, "No media folder is configured to read the post's files.") }
            let data: Data
            do {
                data = try await media.get(file.sha256)
            } catch {
                throw ConnectorError(.rejected, "The file \(file.filename) is missing from the media folder. Attach it again.")
            }
            files.append(OutboundMedia(filename: file.filename, mimeType: file.mimeType, data: data, altText: file.altText))
        }
        let post = publication.outboundPost(media: files)
        if publication.needsReconciliation, let receipt = try await publisher.reconcile(post, context: context) {
            return receipt
        }
        return try await publisher.publish(post, context: context)
    }

    /// Stores the sent reply in its conversation; the platform's echo of it (a sync, a webhook) is then a
    /// duplicate of the same external id and is skipped.
    private func recordOutboundMessage(_ publication: Publication, externalID: String) async {
        guard let conversationID = publication.conversationID else { return }
        let now = clock.now()
        var authorName = "Foyer"
        if let userID = publication.createdBy, let user = try? await storage.users.find(userID) {
            authorName = user.name
        }
        let message = NewMessage(
            channelID: publication.channelID, conversationID: conversationID, memberID: nil, externalID: externalID,
            kind: .reply, direction: .outbound, authorName: authorName, body: publication.body, sentAt: now,
            receivedAt: now, url: publication.remoteURL)
        _ = try? await storage.messages.insert([message], in: publication.workspaceID)
        live.publish(LiveEvent(kind: .conversationUpdated, workspaceID: publication.workspaceID, conversationID: conversationID))
    }
}
