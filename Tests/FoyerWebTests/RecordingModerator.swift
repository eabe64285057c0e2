import FoyerCore

/// A test double at the connector port: records the moderation requests it gets, with the credentials the
/// app opened for them; told to, it throws a ``ConnectorError`` instead, as a platform that refuses.
actor RecordingModerator: Moderator {
    private(set) var requests: [ModerationRequest] = []
    private(set) var credentials: [[String: String]] = []
    private var failure: ConnectorError?

    func fail(with error: ConnectorError?) { failure = error }

    func perform(_ request: ModerationRequest, context: ChannelContext) async throws {
        if let failure { throw failure }
        requests.append(request)
        credentials.append(context.credentials)
    }
}

/// A connector whose only working facet is moderation, with the capabilities a test gives it.
struct ModeratingConnector: Connector {
    let kind: ChannelKind
    let capabilities: ConnectorCapabilities
    let recorder: RecordingModerator

    var moderator: (any Moderator)? { recorder }
}
