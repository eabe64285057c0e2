import Foundation
import FoyerCore

/// A Matrix account on any homeserver, through the Client-Server API: `/sync` long polling to ingest,
/// `PUT …/send/m.room.message/{txnId}` to reply and post, redaction and bans to moderate.
///
/// Settings: `homeserverURL` (`https://matrix.example.org`, the client API base, not the server name);
/// `rooms` (optional, comma-separated room ids such as `!abc:example.org` to listen to; every joined room by
/// default; the first is where new posts go). Credentials: `accessToken` and `userID` (`@bot:example.org`) of
/// the account Foyer acts as; its own messages come back as outbound items.
///
/// Thread ids are room ids, or `roomID|rootEventID` for the messages of an `m.thread`; external ids are
/// event ids. Encrypted rooms are not read (their events are `m.room.encrypted`).
public struct MatrixConnector: Connector {
    public let kind = ChannelKind.matrix
    public let capabilities = ConnectorCapabilities(ingest: .poll, reply: true, publish: true, delete: true, ban: true)
    private let http: ConnectorHTTPClient
    /// How long one `/sync` waits on the homeserver for new events before answering empty.
    public let longPollTimeout: Duration

    /// - Parameter longPollTimeout: the `/sync` `timeout`; a poll returns as soon as something happens, or
    ///   empty after this long. Keep it below the ingest worker's own deadline.
    public init(http: ConnectorHTTPClient, longPollTimeout: Duration = .seconds(25)) {
        self.http = http.named("Matrix")
        self.longPollTimeout = longPollTimeout
    }

    public func validate(settings: [String: String], credentials: [String: String]) throws {
        let homeserver = settings["homeserverURL"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !homeserver.isEmpty, let url = URL(string: homeserver), url.host != nil else {
            throw DomainError.invalid(
                field: "homeserverURL", message: "Enter the homeserver’s address, such as https://matrix.example.org.")
        }
        do {
            try http.policy.checkSyntax(url)
        } catch let error as ConnectorError {
            throw DomainError.invalid(field: "homeserverURL", message: error.message)
        }
        if let rooms = settings["rooms"] {
            for room in MatrixThread.roomList(rooms) where !MatrixThread.isRoomID(room) {
                throw DomainError.invalid(
                    field: "rooms",
                    message:
                        "“\(ConnectorError.sanitize(room, limit: 80))” is not a room id; room ids start with ! (Room settings › Advanced in Element)."
                )
            }
        }
        guard let token = credentials["accessToken"]?.trimmingCharacters(in: .whitespaces), !token.isEmpty else {
            throw DomainError.invalid(
                field: "accessToken",
                message:
                    "Paste the access token of the Matrix account Foyer acts as (Settings › Help & About in Element).")
        }
        guard let userID = credentials["userID"]?.trimmingCharacters(in: .whitespaces), MatrixThread.isUserID(userID)
        else {
            throw DomainError.invalid(
                field: "userID", message: "Enter the account’s Matrix id, such as @foyer:example.org.")
        }
    }

    public var poller: (any Poller)? { MatrixPoller(http: http, longPollTimeout: longPollTimeout) }
    public var replier: (any Replier)? { MatrixReplier(http: http) }
    public var publisher: (any Publisher)? { MatrixPublisher(http: http) }
    public var moderator: (any Moderator)? { MatrixModerator(http: http) }

    /// A client for the channel's account, for moderation (``MatrixClient/redact(eventID:roomID:reason:txnID:)``,
    /// ``MatrixClient/ban(userID:roomID:reason:)``).
    /// - Throws: ``ConnectorError`` of kind ``ConnectorError/Kind/configuration`` when a setting is missing.
    public func client(for context: ChannelContext) throws -> MatrixClient {
        try MatrixClient(context: context, http: http)
    }
}
