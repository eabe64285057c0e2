import Foundation
import FoyerCore

/// Who is viewing or writing in which conversation, in memory, forgotten after ``lifetime`` without news.
///
/// Pages report every few seconds; a closed tab simply stops reporting (or says `left`).
actor InboxPresence {
    enum State: String, Sendable, CaseIterable {
        case viewing, typing, left
    }

    struct Entry: Sendable, Equatable {
        let userID: UserID
        let name: String
        let state: State
        let expiresAt: Date
    }

    struct Key: Hashable {
        let workspace: WorkspaceID
        let conversation: ConversationID
    }

    static let lifetime: TimeInterval = 45

    private var entries: [Key: [UserID: Entry]] = [:]

    /// Records a report and returns who is present now (the reporter included unless they left).
    func report(
        _ state: State, user: User, conversation: ConversationID, in workspace: WorkspaceID, now: Date
    ) -> [Entry] {
        let key = Key(workspace: workspace, conversation: conversation)
        var current = (entries[key] ?? [:]).filter { $0.value.expiresAt > now }
        if state == .left {
            current[user.id] = nil
        } else {
            current[user.id] = Entry(
                userID: user.id, name: user.name, state: state, expiresAt: now.addingTimeInterval(Self.lifetime))
        }
        entries[key] = current.isEmpty ? nil : current
        // Forget conversations nobody reported on recently, so the table does not grow.
        if entries.count > 1000 { entries = entries.filter { $0.value.values.contains { $0.expiresAt > now } } }
        return Self.sorted(current)
    }

    func present(in conversation: ConversationID, of workspace: WorkspaceID, now: Date) -> [Entry] {
        Self.sorted(
            (entries[Key(workspace: workspace, conversation: conversation)] ?? [:]).filter { $0.value.expiresAt > now })
    }

    private static func sorted(_ entries: [UserID: Entry]) -> [Entry] {
        entries.values.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }
}

/// Remembers the `replyKey` of each reply form sent, so a double submit queues one reply, not two.
actor ReplySubmissions {
    struct Key: Hashable {
        let workspace: WorkspaceID
        let replyKey: String
    }

    private var seen: [Key: (publication: PublicationID?, at: Date)] = [:]
    static let lifetime: TimeInterval = 24 * 3600

    /// `true` the first time a key is claimed; `false` when it was already used.
    func claim(_ replyKey: String, in workspace: WorkspaceID, now: Date) -> Bool {
        if seen.count > 10_000 { seen = seen.filter { now.timeIntervalSince($0.value.at) < Self.lifetime } }
        let key = Key(workspace: workspace, replyKey: replyKey)
        if let previous = seen[key], now.timeIntervalSince(previous.at) < Self.lifetime { return false }
        seen[key] = (nil, now)
        return true
    }

    /// Frees a key whose reply could not be queued, so the person can send the form again.
    func release(_ replyKey: String, in workspace: WorkspaceID) {
        seen[Key(workspace: workspace, replyKey: replyKey)] = nil
    }
}
