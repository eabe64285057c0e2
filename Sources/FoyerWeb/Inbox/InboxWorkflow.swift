import Foundation
import FoyerCore

/// The inbox's changes, shared by the pages and the API so both do the same thing: validate, write, record
/// an audit event and tell the workspace's open pages (``LiveEvent``).
struct InboxWorkflow: Sendable {
    let dependencies: WebDependencies

    var storage: Storage { dependencies.storage }

    /// The longest reply or note body accepted.
    static let maximumReplyLength = 10_000

    func conversation(_ id: ConversationID, in workspace: WorkspaceID) async throws -> Conversation {
        guard let conversation = try await storage.conversations.find(id, in: workspace) else {
            throw DomainError.notFound("Conversation not found.")
        }
        return conversation
    }

    func changeStatus(
        _ id: ConversationID, in workspace: WorkspaceID, to status: ConversationStatus, snoozedUntil: Date?,
        by user: User
    ) async throws {
        let now = dependencies.clock.now()
        if status == .snoozed, let until = snoozedUntil, until <= now {
            throw DomainError.invalid(field: "snoozedUntil", message: "Choose a time in the future to snooze until.")
        }
        try await storage.conversations.updateStatus(
            id, in: workspace, status: status, snoozedUntil: snoozedUntil, at: now)
        var details = ["status": status.rawValue]
        if status == .snoozed, let until = snoozedUntil {
            details["snoozedUntil"] = ISO8601DateFormatter().string(from: until)
        }
        try await changed(id, in: workspace, by: user, action: "conversation.status_changed", details: details)
    }

    func assign(_ id: ConversationID, in workspace: WorkspaceID, to assignee: UserID?, by user: User) async throws {
        try await storage.conversations.assign(id, in: workspace, to: assignee)
        try await changed(
            id, in: workspace, by: user, action: "conversation.assigned",
            details: ["assignee": assignee?.description ?? ""])
    }

    func setPriority(_ id: ConversationID, in workspace: WorkspaceID, to priority: ConversationPriority, by user: User)
        async throws
    {
        try await storage.conversations.setPriority(id, in: workspace, priority: priority)
        try await changed(
            id, in: workspace, by: user, action: "conversation.priority_changed",
            details: ["priority": priority.rawValue])
    }

    func addTag(_ name: String, to id: ConversationID, in workspace: WorkspaceID, by user: User) async throws {
        try await storage.conversations.addTag(name, to: id, in: workspace)
        try await changed(id, in: workspace, by: user, action: "conversation.tagged", details: ["tag": name])
    }

    func removeTag(_ name: String, from id: ConversationID, in workspace: WorkspaceID, by user: User) async throws {
        try await storage.conversations.removeTag(name, from: id, in: workspace)
        try await changed(id, in: workspace, by: user, action: "conversation.untagged", details: ["tag": name])
    }

    /// Adds an internal note; `@handle` or `@name` of workspace users are mentions (named in the audit event),
    /// and each mentioned user who reads the inbox, other than the author, gets a notification.
    func addNote(_ body: String, to id: ConversationID, in workspace: WorkspaceID, by user: User) async throws -> Note {
        _ = try await conversation(id, in: workspace)
        let note = try await storage.notes.add(
            body: body, author: user.id, conversation: id, member: nil, in: workspace)
        let members = try await storage.memberships.list(in: workspace)
        let mentioned = Mentions.mentioned(in: note.body, names: Mentions.names(of: members))
        let recipients = Mentions.users(mentioned, among: members).filter {
            $0.user.id != user.id && $0.membership.role.canReadInbox
        }
        try await storage.notifications.create(
            recipients.map {
                NewInboxNotification(
                    userID: $0.user.id, kind: .mention, conversationID: id, noteID: note.id, actorID: user.id)
            }, in: workspace)
        for recipient in recipients {
            dependencies.liveEvents.publish(
                LiveEvent(
                    kind: .notification, workspaceID: workspace, conversationID: id,
                    data: ["user": recipient.user.id.description]))
        }
        try await changed(
            id, in: workspace, by: user, action: "conversation.noted",
            details: mentioned.isEmpty ? [:] : ["mentions": mentioned.joined(separator: ", ")])
        return note
    }

    /// Queues a reply in the publish ledger, in the conversation's thread, and wakes the publishing worker.
    /// The connector sends it once (the ledger's idempotency key). A `requestKey` already used in the workspace
    /// returns the reply it queued: a retried request never queues a second one.
    func reply(
        _ body: String, to id: ConversationID, in workspace: WorkspaceID, by user: User, requestKey: String? = nil
    ) async throws -> Publication {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw DomainError.invalid(field: "body", message: "Write the reply first.") }
        guard text.count <= Self.maximumReplyLength else {
            throw DomainError.invalid(field: "body", message: "Use at most \(Self.maximumReplyLength) characters.")
        }
        let conversation = try await conversation(id, in: workspace)
        guard try await canReply(on: conversation.channelID, in: workspace) else {
            throw DomainError.invalid(
                field: "body", message: "This channel cannot send replies from Foyer; answer on the platform.")
        }
        let thread = try await storage.messages.thread(id, in: workspace)
        let lastInbound = thread.last { $0.direction == .inbound }
        let now = dependencies.clock.now()
        let publication = try await storage.publications.create(
            NewPublication(
                channelID: conversation.channelID, purpose: .reply, conversationID: id, body: text,
                threadID: conversation.externalThreadID, inReplyToExternalID: lastInbound?.externalID, dueAt: now,
                createdBy: user.id, requestKey: requestKey),
            in: workspace, now: now)
        dependencies.publishSignal.notify()
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: workspace, actorID: user.id, action: "conversation.replied", targetType: "conversation",
                targetID: id.description, details: ["publication": publication.id.description]))
        dependencies.liveEvents.publish(
            LiveEvent(
                kind: .publication, workspaceID: workspace, conversationID: id,
                data: ["publication": publication.id.description, "state": publication.state.rawValue]))
        return publication
    }

    /// Whether replies can go out through this channel: `false` only when its connector says it cannot reply
    /// (a kind without a connector in this build is left to the publish ledger, which reports the failure).
    func canReply(on channel: ChannelID, in workspace: WorkspaceID) async throws -> Bool {
        guard let channel = try await storage.channels.find(channel, in: workspace),
            let connector = dependencies.connectors[channel.kind]
        else { return true }
        return connector.capabilities.reply
    }

    /// Applies a bulk action (the repository records the audit events) and tells open pages once.
    func bulk(_ action: ConversationBulkAction, to ids: [ConversationID], in workspace: WorkspaceID, by user: User)
        async throws -> Int
    {
        let count = try await storage.conversations.apply(
            action, to: ids, in: workspace, by: user.id, at: dependencies.clock.now())
        for id in ids.prefix(50) {
            dependencies.liveEvents.publish(
                LiveEvent(
                    kind: .conversationChanged, workspaceID: workspace, conversationID: id,
                    data: ["by": user.name, "action": action.auditAction]))
        }
        return count
    }

    private func changed(
        _ id: ConversationID, in workspace: WorkspaceID, by user: User, action: String, details: [String: String]
    ) async throws {
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: workspace, actorID: user.id, action: action, targetType: "conversation",
                targetID: id.description, details: details))
        dependencies.liveEvents.publish(
            LiveEvent(
                kind: .conversationChanged, workspaceID: workspace, conversationID: id,
                data: ["by": user.name, "action": action]))
    }
}

/// `@handle` mentions of workspace users in a note. A user's handle is their name without spaces
/// (`@AliceMartin` for Alice Martin); the name as written (`@Alice Martin`) works too. Both match ignoring case.
enum Mentions {
    /// A user's handle: their name without whitespace.
    static func handle(of name: String) -> String { name.filter { !$0.isWhitespace } }

    /// What can follow `@` in this workspace: each user's name and handle.
    static func names(of members: [MembershipWithUser]) -> [String] {
        var names: [String] = []
        for member in members {
            for name in [member.user.name, handle(of: member.user.name)] where !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    /// The members named by `mentioned` (names or handles, from ``mentioned(in:names:)``), each once.
    static func users(_ mentioned: [String], among members: [MembershipWithUser]) -> [MembershipWithUser] {
        members.filter { member in
            mentioned.contains { text in
                text.caseInsensitiveCompare(member.user.name) == .orderedSame
                    || text.caseInsensitiveCompare(handle(of: member.user.name)) == .orderedSame
            }
        }
    }

    /// A piece of a note: plain text or a mention, for templates (`{{text}}`, `{{#mention}}`).
    struct Segment: Sendable, Equatable {
        let text: String
        let mention: Bool
    }

    /// The note cut into plain text and mentions; the longest user name wins, matched ignoring case.
    static func segments(_ body: String, names: [String]) -> [Segment] {
        let candidates = names.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var segments: [Segment] = []
        var plain = ""
        var index = body.startIndex
        while index < body.endIndex {
            if body[index] == "@" {
                let after = body.index(after: index)
                if let name = candidates.first(where: { name in
                    guard let end = body.index(after, offsetBy: name.count, limitedBy: body.endIndex) else {
                        return false
                    }
                    guard body[after..<end].compare(name, options: .caseInsensitive) == .orderedSame else {
                        return false
                    }
                    return end == body.endIndex || !(body[end].isLetter || body[end].isNumber)
                }) {
                    if !plain.isEmpty { segments.append(Segment(text: plain, mention: false)) }
                    plain = ""
                    let end = body.index(after, offsetBy: name.count)
                    segments.append(Segment(text: String(body[index..<end]), mention: true))
                    index = end
                    continue
                }
            }
            plain.append(body[index])
            index = body.index(after: index)
        }
        if !plain.isEmpty { segments.append(Segment(text: plain, mention: false)) }
        return segments
    }

    /// The names mentioned, without the `@`, each once.
    static func mentioned(in body: String, names: [String]) -> [String] {
        var seen: [String] = []
        for segment in segments(body, names: names) where segment.mention {
            let name = String(segment.text.dropFirst())
            if !seen.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { seen.append(name) }
        }
        return seen
    }
}
