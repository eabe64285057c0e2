import Foundation
import FoyerCore

/// One of your notifications. Wire type: property names are the JSON keys; absent values are left out.
public struct APINotification: Codable, Sendable, Equatable {
    public var id: Int64
    /// `mention`: an internal note mentions you.
    public var kind: String
    public var conversationId: Int64
    public var noteId: Int64?
    /// Who wrote the note.
    public var actorId: Int64?
    public var createdAt: Date
    /// When you marked it read; absent while unread.
    public var readAt: Date?

    public init(_ notification: InboxNotification) {
        id = notification.id.rawValue
        kind = notification.kind.rawValue
        conversationId = notification.conversationID.rawValue
        noteId = notification.noteID?.rawValue
        actorId = notification.actorID?.rawValue
        createdAt = notification.createdAt
        readAt = notification.readAt
    }
}
