import Foundation

/// How the community answered published posts, read from the inbox: the replies a post drew are the inbound
/// messages of the conversations whose thread is the post on its channel.
public protocol PostEngagementRepository: Sendable {
    /// The number of inbound messages in the conversations of `channel` whose thread id is one of
    /// `externalIDs` (the posts' ids on the platform), by id. Ids without a conversation are absent; ids of
    /// another workspace or channel are never counted.
    func inboundMessageCounts(forPosts externalIDs: [String], channel: ChannelID, in workspace: WorkspaceID) async throws
        -> [String: Int]
}
