import Foundation
import FoyerCore

/// Creates test data in a line or two, through the repositories (so it works on any backend).
///
/// ```swift
/// let acme = try await Seed(storage).workspace(named: "Acme", owner: "owner@example.org")
/// let inbox = try await Seed(storage).inbox(named: "Acme", owner: "owner@example.org", messages: ["Bonjour", "Hello"])
/// ```
/// Password hashes are placeholders (`seed-password-hash`); tests that sign in store a real bcrypt hash.
public struct Seed: Sendable {
    public let storage: Storage
    /// The time of the first seeded message; later ones follow a minute apart.
    public let start: Date

    /// A fixed instant (2026-01-15 10:00:00 UTC), so that seeded dates are predictable.
    public static let defaultStart = Date(timeIntervalSince1970: 1_768_471_200)

    public init(_ storage: Storage, start: Date = Seed.defaultStart) {
        self.storage = storage
        self.start = start
    }

    /// The user with this email, created when missing.
    public func user(
        _ email: String, name: String? = nil, passwordHash: String = "seed-password-hash", locale: AppLocale? = nil
    ) async throws -> User {
        if let existing = try await storage.users.find(email: email) { return existing }
        let name = name ?? String(email.prefix(while: { $0 != "@" })).capitalized
        return try await storage.users.create(
            email: email, name: name.isEmpty ? "User" : name, passwordHash: passwordHash, preferredLocale: locale)
    }

    /// A workspace owned by the user with email `owner` (created when missing).
    public func workspace(
        named name: String, owner: String, timeZone: String = "Europe/Paris", locale: AppLocale = .en
    ) async throws -> SeededWorkspace {
        let user = try await user(owner)
        let workspace = try await storage.workspaces.create(
            NewWorkspace(name: name, timeZone: timeZone, defaultLocale: locale), owner: user.id)
        return SeededWorkspace(workspace: workspace, owner: user)
    }

    /// Adds the user with this email (created when missing) to the workspace with `role`.
    @discardableResult
    public func member(_ email: String, role: Role, of workspace: WorkspaceID) async throws -> User {
        let user = try await user(email)
        _ = try await storage.memberships.add(user: user.id, to: workspace, role: role)
        return user
    }

    public func channel(
        in workspace: WorkspaceID, kind: ChannelKind = .matrix, name: String = "Community room",
        settings: [String: String] = [:], sealedCredentials: Data? = nil
    ) async throws -> Channel {
        try await storage.channels.create(
            NewChannel(kind: kind, name: name, settings: settings, sealedCredentials: sealedCredentials), in: workspace)
    }

    /// A community member with one identity on `platform`.
    public func communityMember(
        in workspace: WorkspaceID, name: String = "Alice Martin", platform: ChannelKind = .matrix,
        externalID: String? = nil, handle: String? = nil, type: MemberType = .customer
    ) async throws -> Member {
        let slug = Validation.slug(from: name)
        return try await storage.members.create(
            NewMember(displayName: name, memberType: type, score: 10, firstSeenAt: start, lastSeenAt: start),
            identities: [
                NewIdentity(
                    platform: platform, externalID: externalID ?? "@\(slug):example.org", handle: handle ?? "@\(slug)",
                    displayName: name)
            ],
            in: workspace)
    }

    public func conversation(
        in workspace: WorkspaceID, channel: ChannelID, thread: String = "thread-1", subject: String = "A question",
        status: ConversationStatus = .open, member: MemberID? = nil, snoozedUntil: Date? = nil
    ) async throws -> Conversation {
        try await storage.conversations.create(
            NewConversation(
                channelID: channel, externalThreadID: thread, subject: subject, status: status, memberID: member,
                snoozedUntil: snoozedUntil ?? (status == .snoozed ? start.addingTimeInterval(86_400) : nil),
                startedAt: start),
            in: workspace)
    }

    /// Inbound messages with these bodies in `conversation`, a minute apart from ``start`` (or `from`).
    ///
    /// Each call makes new platform ids, so calling it twice stores both batches (no deduplication).
    public func messages(
        _ bodies: [String], in conversation: Conversation, member: MemberID? = nil, from: Date? = nil,
        direction: MessageDirection = .inbound, analysis: MessageAnalysis = .none, author: String = "Alice Martin"
    ) async throws -> [Message] {
        let first = from ?? start
        let batch = UUID().uuidString.prefix(8)
        let new = bodies.enumerated().map { index, body in
            NewMessage(
                channelID: conversation.channelID, conversationID: conversation.id, memberID: member,
                externalID:
                    "\(conversation.externalThreadID)-\(direction.rawValue)-\(batch)-\(index)",
                kind: .comment, direction: direction, authorName: author, body: body,
                sentAt: first.addingTimeInterval(Double(index) * 60),
                receivedAt: first.addingTimeInterval(Double(index) * 60 + 1),
                analysis: analysis)
        }
        return try await storage.messages.insert(new, in: conversation.workspaceID)
    }

    /// A workspace with one channel, one member, one open conversation and inbound messages with these bodies.
    public func inbox(
        named name: String, owner: String, messages bodies: [String] = ["Hello, how do I reset my password?"]
    ) async throws -> SeededInbox {
        let seeded = try await workspace(named: name, owner: owner)
        let channel = try await channel(in: seeded.id)
        let member = try await communityMember(in: seeded.id)
        let conversation = try await conversation(
            in: seeded.id, channel: channel.id, subject: bodies.first.map { String($0.prefix(80)) } ?? "A conversation",
            member: member.id)
        let messages = try await messages(bodies, in: conversation, member: member.id)
        let updated = try await storage.conversations.find(conversation.id, in: seeded.id) ?? conversation
        return SeededInbox(
            workspace: seeded.workspace, owner: seeded.owner, channel: channel, member: member, conversation: updated,
            messages: messages)
    }
}
