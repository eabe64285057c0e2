import Foundation
import FoyerCore
import GRDB

/// Counts the replies to posts from the inbox tables, through the `(channel_id, external_thread_id)` unique
/// index of conversations.
struct PostEngagementSQLiteRepository: PostEngagementRepository {
    let writer: any DatabaseWriter

    /// Ids per query, well under SQLite's limit on bound parameters.
    static let batchSize = 500

    func inboundMessageCounts(forPosts externalIDs: [String], channel: ChannelID, in workspace: WorkspaceID) async throws
        -> [String: Int]
    {
        let ids = Array(Set(externalIDs.filter { !$0.isEmpty }))
        guard !ids.isEmpty else { return [:] }
        return try await writer.read { db in
            var counts: [String: Int] = [:]
            for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
                let batch = Array(ids[start..<min(ids.count, start + Self.batchSize)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                var values: [(any DatabaseValueConvertible)?] = [workspace.rawValue, channel.rawValue]
                values += batch.map { $0 }
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.external_thread_id AS thread, COUNT(m.id) AS replies
                        FROM conversations c
                        LEFT JOIN messages m ON m.conversation_id = c.id AND m.direction = 'inbound'
                        WHERE c.workspace_id = ? AND c.channel_id = ? AND c.external_thread_id IN (\(marks))
                        GROUP BY c.external_thread_id
                        """,
                    arguments: StatementArguments(values))
                for row in rows { counts[row["thread"]] = row["replies"] }
            }
            return counts
        }
    }
}
