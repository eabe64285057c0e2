import Foundation
import FoyerCore

/// The platform refused a moderation action, or could not be reached: nothing was changed in Foyer.
struct ModerationRefused: Error, Sendable, Equatable {
    let action: ModerationAction
    /// The connector's message, in English, saying what to do.
    let message: String
}

extension InboxWorkflow {
    /// The longest reason accepted with a moderation action.
    static let maximumReasonLength = 500

    /// What a moderator may do to a message: what the channel's connector can do (it must have a moderator),
    /// on inbound messages only; hide and delete not after a delete, hide not twice; ban when the author's
    /// account on the channel's platform is known and not banned yet.
    static func moderationActions(
        for message: Message, connector: (any Connector)?, author: Identity?
    ) -> [ModerationAction] {
        guard let connector, connector.moderator != nil, message.direction == .inbound else { return [] }
        let capabilities = connector.capabilities
        let state = message.moderation?.state
        var actions: [ModerationAction] = []
        if capabilities.hide, state == nil { actions.append(.hide) }
        if capabilities.delete, state != .deleted { actions.append(.delete) }
        if capabilities.ban, let author, author.bannedAt == nil { actions.append(.ban) }
        return actions
    }

    /// The author's account on the message's platform: the member's first identity there.
    func author(of message: Message, on platform: ChannelKind, in workspace: WorkspaceID) async throws -> Identity? {
        guard let member = message.memberID else { return nil }
        return try await storage.members.identities(of: member, in: workspace).first { $0.platform == platform }
    }

    /// Hides or deletes a message, or bans its author, on the platform through the channel's connector, then
    /// stores the outcome and records it in the audit log with the reason and the platform's answer.
    ///
    /// The caller checks the role. A platform refusal is audited too, changes nothing else, and is thrown as
    /// ``ModerationRefused``.
    /// - Throws: ``DomainError/notFound(_:)`` for a message of another workspace; ``DomainError/invalid(field:message:)``
    ///   when the channel cannot do this action to this message.
    @discardableResult
    func moderate(
        _ messageID: MessageID, action: ModerationAction, reason: String?, in workspace: WorkspaceID, by user: User
    ) async throws -> Message {
        guard let message = try await storage.messages.find(messageID, in: workspace),
            let channel = try await storage.channels.find(message.channelID, in: workspace),
            let conversation = try await storage.conversations.find(message.conversationID, in: workspace)
        else { throw DomainError.notFound("Message not found.") }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        if let reason, reason.count > Self.maximumReasonLength {
            throw DomainError.invalid(field: "reason", message: "Use at most \(Self.maximumReasonLength) characters.")
        }
        let connector = dependencies.connectors[channel.kind]
        let author = try await author(of: message, on: channel.kind, in: workspace)
        guard let moderator = connector?.moderator,
            Self.moderationActions(for: message, connector: connector, author: author).contains(action)
        else {
            throw DomainError.invalid(field: "action", message: "This channel cannot do this to this message.")
        }

        var details = [
            "action": action.rawValue, "message": message.id.description, "channel": channel.id.description,
            "reason": reason ?? "",
        ]
        if action == .ban, let author { details["identity"] = author.id.description }
        do {
            let request = ModerationRequest(
                action: action, externalMessageID: message.externalID, threadID: conversation.externalThreadID,
                externalAuthorID: action == .ban ? author?.externalID : nil, reason: reason,
                idempotencyKey: "foyer-moderation-\(message.id)-\(action.rawValue)")
            try await moderator.perform(request, context: try openContext(channel))
        } catch {
            let refusal = Self.refusal(action, error)
            details["outcome"] = "refused"
            details["platformAnswer"] = refusal.message
            try await recordModeration(message, action: "message.moderation_refused", by: user, details: details)
            throw refusal
        }

        let now = dependencies.clock.now()
        switch action {
        case .hide:
            try await storage.messages.setModeration(
                MessageModeration(state: .hidden, at: now, by: user.id), of: message.id, in: workspace)
        case .delete:
            try await storage.messages.setModeration(
                MessageModeration(state: .deleted, at: now, by: user.id), of: message.id, in: workspace)
        case .ban:
            if let author { try await storage.members.markBanned(author.id, at: now, by: user.id, in: workspace) }
        }
        details["outcome"] = "done"
        details["platformAnswer"] = "accepted"
        try await recordModeration(message, action: "message.moderated", by: user, details: details)
        dependencies.liveEvents.publish(
            LiveEvent(
                kind: .conversationChanged, workspaceID: workspace, conversationID: message.conversationID,
                data: ["by": user.name, "action": "message.moderated"]))
        return try await storage.messages.find(message.id, in: workspace) ?? message
    }

    /// The channel with its credentials opened, as the publishing worker builds it.
    private func openContext(_ channel: Channel) throws -> ChannelContext {
        guard let sealed = channel.sealedCredentials else { return ChannelContext(channel: channel, credentials: [:]) }
        guard let sealer = dependencies.sealer else {
            throw ConnectorError(.configuration, "No secret key is configured to open the channel's credentials.")
        }
        return ChannelContext(channel: channel, credentials: try sealer.openCredentials(sealed))
    }

    private static func refusal(_ action: ModerationAction, _ error: any Error) -> ModerationRefused {
        switch error {
        case let error as ConnectorError:
            ModerationRefused(action: action, message: error.message)
        case is CancellationError:
            ModerationRefused(action: action, message: "The request was cancelled before the platform answered.")
        default:
            ModerationRefused(
                action: action,
                message: "The action failed before the platform answered; check the channel's connection and try again.")
        }
    }

    private func recordModeration(_ message: Message, action: String, by user: User, details: [String: String])
        async throws
    {
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: message.workspaceID, actorID: user.id, action: action, targetType: "message",
                targetID: message.id.description, details: details))
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
