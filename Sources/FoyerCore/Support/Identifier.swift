/// A typed database identifier: `Identifier<Workspace>` and `Identifier<User>` cannot be mixed up.
///
/// Encodes as a bare integer in JSON, and is what every repository takes and returns.
public struct Identifier<Entity>: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// Parses a path or query component; `nil` for anything that is not a positive integer.
    public init?(_ text: some StringProtocol) {
        guard let value = Int64(text), value > 0 else { return nil }
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

public typealias WorkspaceID = Identifier<Workspace>
public typealias UserID = Identifier<User>
public typealias ChannelID = Identifier<Channel>
public typealias MemberID = Identifier<Member>
public typealias IdentityID = Identifier<Identity>
public typealias MessageID = Identifier<Message>
public typealias ConversationID = Identifier<Conversation>
public typealias NoteID = Identifier<Note>
public typealias TagID = Identifier<Tag>
public typealias AuditEventID = Identifier<AuditEvent>
public typealias InvitationID = Identifier<Invitation>
public typealias APITokenID = Identifier<APIToken>
