import Foundation

/// Keeps a connection to the platform open and hands over what it pushes (Mastodon's streaming API), next to
/// the channel's ``Poller``, which fills the gaps: what happened while the stream was down is polled from the
/// stored cursor each time the stream opens.
public protocol Streamer: Sendable {
    /// Opens the stream and hands over its items until the platform ends it (returns) or it fails (throws);
    /// cancelling the task closes it.
    /// - Parameters:
    ///   - onOpen: called once the platform accepted the stream, before anything it pushes is handed over:
    ///     the moment to poll what was missed. Returns the stored cursor after that poll.
    ///   - onPush: items the platform pushed, with the cursor to store with them (the poller's kind of
    ///     cursor; `nil` keeps the stored one). A cursor never moves back.
    func stream(
        _ context: ChannelContext, onOpen: @Sendable () async throws -> String?,
        onPush: @Sendable (PollResult) async throws -> Void
    ) async throws
}
