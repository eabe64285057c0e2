import Foundation
import FoyerCore
import FoyerWeb

/// What ``DemoGenerator/generate(into:sealer:analyzer:passwordHasher:)`` created.
public struct DemoSummary: Sendable, Equatable {
    public var users: Int
    public var workspaces: Int
    public var channels: Int
    public var members: Int
    public var conversations: Int
    public var messages: Int
}

extension DemoGenerator {
    /// How many messages go into one `storage.messages.insert` call (one transaction).
    public static let batchSize = 1_000

    /// Writes the ``plan()`` into `storage`: users (all with ``demoPassword``), workspaces and memberships,
    /// tags, channels with credentials sealed by `sealer`, members with their identities, conversations, and
    /// messages analysed by `analyzer`, inserted in batches of ``batchSize`` (one transaction each).
    ///
    /// Meant for an empty database: on one that already holds the demo users it fails with
    /// ``DomainError/conflict(_:)`` before writing anything else.
    public func generate(
        into storage: Storage, sealer: any CredentialSealer, analyzer: any MessageAnalyzer,
        passwordHasher: PasswordHasher
    ) async throws -> DemoSummary {
        let plan = plan()
        // One bcrypt for everyone: every demo user has the same documented password.
        let hash = try await passwordHasher.hash(Self.demoPassword)
        var userIDs: [String: UserID] = [:]
        for user in plan.users {
            let created = try await storage.users.create(
                email: user.email, name: user.name, passwordHash: hash, preferredLocale: user.preferredLocale)
            userIDs[user.email] = created.id
        }

        var summary = DemoSummary(
            users: plan.users.count, workspaces: 0, channels: 0, members: 0, conversations: 0, messages: 0)
        for workspace in plan.workspaces {
            try await write(
                workspace, userIDs: userIDs, storage: storage, sealer: sealer, analyzer: analyzer, summary: &summary)
        }
        return summary
    }

    private func write(
        _ workspace: DemoPlan.Workspace, userIDs: [String: UserID], storage: Storage, sealer: any CredentialSealer,
        analyzer: any MessageAnalyzer, summary: inout DemoSummary
    ) async throws {
        guard let owner = userIDs[workspace.ownerEmail] else {
            throw DomainError.notFound("The demo owner \(workspace.ownerEmail) is missing.")
        }
        let created = try await storage.workspaces.create(
            NewWorkspace(
                name: workspace.name, slug: workspace.slug, timeZone: workspace.timeZone,
                defaultLocale: workspace.defaultLocale),
            owner: owner)
        let workspaceID = created.id
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: workspaceID, actorID: owner, action: "workspace.created", targetType: "workspace",
                targetID: workspaceID.description, details: ["via": "demo"]))
        for (email, role) in workspace.team {
            guard let user = userIDs[email] else { continue }
            _ = try await storage.memberships.add(user: user, to: workspaceID, role: role)
            try await storage.audit.record(
                NewAuditEvent(
                    workspaceID: workspaceID, actorID: owner, action: "member.added", targetType: "user",
                    targetID: user.description, details: ["role": role.rawValue, "via": "demo"]))
        }
        for tag in workspace.tags {
            _ = try await storage.tags.create(name: tag.name, color: tag.color, in: workspaceID)
        }

        var channelIDs: [ChannelID] = []
        for channel in workspace.channels {
            let sealed = channel.credentials.isEmpty ? nil : try sealer.seal(credentials: channel.credentials)
            let stored = try await storage.channels.create(
                NewChannel(
                    kind: channel.kind, name: channel.name,
                    // Demo channels point at invented servers: never poll them.
                    settings: channel.settings.merging([Channel.pausedSetting: "true"]) { _, paused in paused },
                    sealedCredentials: sealed),
                in: workspaceID)
            try await storage.channels.updateHealth(stored.id, in: workspaceID, health: channel.health)
            try await storage.audit.record(
                NewAuditEvent(
                    workspaceID: workspaceID, actorID: owner, action: "channel.connected",
                    targetType: "channel", targetID: stored.id.description,
                    details: ["kind": channel.kind.rawValue, "via": "demo"]))
            channelIDs.append(stored.id)
        }

        var memberIDs: [MemberID] = []
        memberIDs.reserveCapacity(workspace.members.count)
        for member in workspace.members {
            let stored = try await storage.members.create(
                NewMember(
                    displayName: member.displayName, memberType: member.memberType, score: member.score,
                    firstSeenAt: member.firstSeenAt, lastSeenAt: member.lastSeenAt),
                identities: member.identities, in: workspaceID)
            memberIDs.append(stored.id)
        }

        var pending: [NewMessage] = []
        var closures: [(ConversationID, Date)] = []
        for conversation in workspace.conversations {
            guard let first = conversation.messages.first else { continue }
            let stored = try await storage.conversations.create(
                NewConversation(
                    channelID: channelIDs[conversation.channelIndex], externalThreadID: conversation.externalThreadID,
                    subject: conversation.subject,
                    // Closed ones are closed after their messages, so that `closed_at` is the real time.
                    status: conversation.status == .closed ? .open : conversation.status,
                    priority: conversation.priority, assigneeID: conversation.assigneeEmail.flatMap { userIDs[$0] },
                    memberID: conversation.memberIndex.map { memberIDs[$0] }, snoozedUntil: conversation.snoozedUntil,
                    startedAt: first.sentAt),
                in: workspaceID)
            if let closedAt = conversation.closedAt { closures.append((stored.id, closedAt)) }
            for tag in conversation.tags {
                try await storage.conversations.addTag(tag, to: stored.id, in: workspaceID)
            }
            for note in conversation.notes {
                guard let author = userIDs[note.authorEmail] else { continue }
                _ = try await storage.notes.add(
                    body: note.body, author: author, conversation: stored.id, member: nil, in: workspaceID)
            }
            for message in conversation.messages {
                pending.append(
                    NewMessage(
                        channelID: channelIDs[conversation.channelIndex], conversationID: stored.id,
                        memberID: message.memberIndex.map { memberIDs[$0] }, externalID: message.externalID,
                        kind: message.kind, direction: message.direction, authorName: message.authorName,
                        body: message.body, sentAt: message.sentAt,
                        receivedAt: message.sentAt + Double(message.externalID.hashValueStable % 50 + 1),
                        url: message.url, analysis: analyzer.analyze(message.body), likeCount: message.likeCount,
                        shareCount: message.shareCount))
            }
            if pending.count >= Self.batchSize {
                summary.messages += try await storage.messages.insert(pending, in: workspaceID).count
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty {
            summary.messages += try await storage.messages.insert(pending, in: workspaceID).count
        }
        for (id, closedAt) in closures {
            try await storage.conversations.updateStatus(
                id, in: workspaceID, status: .closed, snoozedUntil: nil, at: closedAt)
        }

        if workspace.name == DemoBlueprint.workspaces.first?.name {
            var byKind: [ChannelKind: ChannelID] = [:]
            for (channel, id) in zip(workspace.channels, channelIDs) where byKind[channel.kind] == nil { byKind[channel.kind] = id }
            try await DemoContent.write(
                into: storage, workspace: workspaceID, channels: byKind, owner: owner,
                reviewer: workspace.team.first { $0.role == .manager }.flatMap { userIDs[$0.email] }, anchor: anchor)
        }

        summary.workspaces += 1
        summary.channels += channelIDs.count
        summary.members += memberIDs.count
        summary.conversations += workspace.conversations.count
    }
}
