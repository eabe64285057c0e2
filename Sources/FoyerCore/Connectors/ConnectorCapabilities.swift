/// How a connector learns about new messages.
public enum IngestMode: String, Codable, Sendable, CaseIterable {
    /// The platform posts to Foyer's per-channel URL.
    case webhook
    /// Foyer asks the platform on a schedule, from a stored cursor.
    case poll
    /// Foyer keeps a connection open (long poll, SSE or WebSocket).
    case stream
    /// Messages only arrive by import.
    case none
}

/// What a connector can do; the interface offers exactly that.
public struct ConnectorCapabilities: Sendable, Equatable {
    public var ingest: IngestMode
    public var reply: Bool
    public var publish: Bool
    public var hide: Bool
    public var delete: Bool
    public var ban: Bool

    public init(ingest: IngestMode, reply: Bool = false, publish: Bool = false, hide: Bool = false, delete: Bool = false, ban: Bool = false) {
        self.ingest = ingest
        self.reply = reply
        self.publish = publish
        self.hide = hide
        self.delete = delete
        self.ban = ban
    }
}
