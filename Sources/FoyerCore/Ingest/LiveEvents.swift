import Foundation

/// Something that happened in a workspace that open pages should show at once (Server-Sent Events).
public struct LiveEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A conversation got new messages or was created.
        case conversationUpdated = "conversation.updated"
        /// Status, assignee, tags or notes of a conversation changed.
        case conversationChanged = "conversation.changed"
        /// Who is viewing or writing in a conversation changed.
        case presence
        /// A reply or post changed state in the publish ledger.
        case publication
        /// A user of the workspace got a notification; `data["user"]` is their id (nothing else is sent).
        case notification
    }

    public var kind: Kind
    public var workspaceID: WorkspaceID
    public var conversationID: ConversationID?
    /// A small JSON-able payload (ids, names); never message bodies of other workspaces.
    public var data: [String: String]

    public init(kind: Kind, workspaceID: WorkspaceID, conversationID: ConversationID? = nil, data: [String: String] = [:]) {
        self.kind = kind
        self.workspaceID = workspaceID
        self.conversationID = conversationID
        self.data = data
    }
}

/// Fans live events out to the subscribers of a workspace. In one process; with PostgreSQL a
/// LISTEN/NOTIFY adapter can implement the same protocol.
public protocol LiveEventPublisher: Sendable {
    func publish(_ event: LiveEvent)
}

/// The in-process event hub: each subscriber gets its own buffered stream, dropped when it ends.
public final class LiveEventHub: LiveEventPublisher, @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [WorkspaceID: [UUID: AsyncStream<LiveEvent>.Continuation]] = [:]
    private var closed = false

    public init() {}

    public func publish(_ event: LiveEvent) {
        let targets = lock.withLock { subscribers[event.workspaceID].map { Array($0.values) } ?? [] }
        for continuation in targets { continuation.yield(event) }
    }

    /// A stream of the workspace's events; keeps the newest 256 when the reader is slow.
    public func subscribe(to workspace: WorkspaceID) -> AsyncStream<LiveEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<LiveEvent>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let open = lock.withLock { () -> Bool in
            guard !closed else { return false }
            subscribers[workspace, default: [:]][id] = continuation
            return true
        }
        guard open else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.withLock {
                self.subscribers[workspace]?[id] = nil
                if self.subscribers[workspace]?.isEmpty == true { self.subscribers[workspace] = nil }
            }
        }
        return stream
    }

    /// Ends every stream and every future subscription: at shutdown, so long-lived responses (SSE) finish and
    /// the server can stop.
    public func close() {
        let all = lock.withLock { () -> [AsyncStream<LiveEvent>.Continuation] in
            closed = true
            defer { subscribers.removeAll() }
            return subscribers.values.flatMap(\.values)
        }
        for continuation in all { continuation.finish() }
    }

    public func subscriberCount(in workspace: WorkspaceID) -> Int {
        lock.withLock { subscribers[workspace]?.count ?? 0 }
    }
}
