import Foundation
import FoyerCore
import GRDB

/// Daily rollups in SQLite, written by ``IngestSQLiteStore`` in the same transaction as the messages.
struct RollupSQLiteRepository: RollupRepository {
    let writer: any DatabaseWriter

    func daily(in workspace: WorkspaceID, from: String, through: String) async throws -> [DailyRollup] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM daily_rollups WHERE workspace_id = ? AND day BETWEEN ? AND ?
                    ORDER BY day, channel_id
                    """,
                arguments: [workspace.rawValue, from, through]
            ).map(Self.rollup)
        }
    }

    /// Adds `counts` to the rollup of (channel, day), creating it when missing, in the caller's transaction.
    static func add(_ counts: DailyRollup, workspace: WorkspaceID, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO daily_rollups (
                    workspace_id, channel_id, day, inbound, outbound, negative, positive, toxic, spam, new_members,
                    new_conversations)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel_id, day) DO UPDATE SET
                    inbound = inbound + excluded.inbound,
                    outbound = outbound + excluded.outbound,
                    negative = negative + excluded.negative,
                    positive = positive + excluded.positive,
                    toxic = toxic + excluded.toxic,
                    spam = spam + excluded.spam,
                    new_members = new_members + excluded.new_members,
                    new_conversations = new_conversations + excluded.new_conversations
                """)
        try statement.execute(arguments: [
            workspace.rawValue, counts.channelID.rawValue, counts.day, counts.inbound, counts.outbound,
            counts.negative, counts.positive, counts.toxic, counts.spam, counts.newMembers, counts.newConversations,
        ])
    }

    static func rollup(_ row: Row) -> DailyRollup {
        DailyRollup(
            channelID: row.id("channel_id"), day: row["day"], inbound: row["inbound"], outbound: row["outbound"],
            negative: row["negative"], positive: row["positive"], toxic: row["toxic"], spam: row["spam"],
            newMembers: row["new_members"], newConversations: row["new_conversations"])
    }
}

/// The UTC calendar day of a date as `yyyy-MM-dd`, computed without `Calendar` (ingest needs one per message).
enum UTCDay {
    static func string(_ date: Date) -> String {
        let days = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = StoredDateText.civil(days: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(max(0, value))
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
