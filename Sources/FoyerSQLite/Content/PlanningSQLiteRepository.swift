import Foundation
import FoyerCore
import GRDB

/// Markets, content types, cadence goals and the calendar feed's secret in SQLite.
struct PlanningSQLiteRepository: PlanningRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    static let marketMessages = ConstraintMessages(
        unique: "A market with this name already exists.", missingReference: "Workspace not found.", field: "name")
    static let goalMessages = ConstraintMessages(
        unique: "This channel already has a goal for this content type and period.",
        missingReference: "The channel was not found in this workspace.", field: "channelId")

    func createMarket(_ market: NewMarket, in workspace: WorkspaceID) async throws -> Market {
        let market = try market.validated()
        let now = clock.now()
        return try await writer.write(mapping: Self.marketMessages) { db in
            let row = try Row.fetchOne(
                db,
                sql: "INSERT INTO markets (workspace_id, name, locale, time_zone, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *",
                arguments: [workspace.rawValue, market.name, market.locale, market.timeZone, now])
            guard let row else { throw DomainError.notFound("The market could not be created.") }
            return Self.market(row)
        }
    }

    func markets(in workspace: WorkspaceID) async throws -> [Market] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM markets WHERE workspace_id = ? ORDER BY name", arguments: [workspace.rawValue])
                .map(Self.market)
        }
    }

    func findMarket(_ id: MarketID, in workspace: WorkspaceID) async throws -> Market? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM markets WHERE id = ? AND workspace_id = ?", arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.market)
        }
    }

    func deleteMarket(_ id: MarketID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM markets WHERE id = ? AND workspace_id = ?", arguments: [id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Market not found.") }
        }
    }

    func contentTypes(in workspace: WorkspaceID) async throws -> [ContentTypeDefinition] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, name FROM content_types WHERE workspace_id = ? ORDER BY position", arguments: [workspace.rawValue])
            return rows.isEmpty ? ContentTypeDefinition.defaults : rows.map { ContentTypeDefinition(key: $0["key"], name: $0["name"]) }
        }
    }

    func setContentTypes(_ types: [ContentTypeDefinition], in workspace: WorkspaceID) async throws {
        let types = try ContentTypeDefinition.validatedList(types)
        try await writer.write(mapping: Self.marketMessages) { db in
            let used = try String.fetchAll(
                db, sql: "SELECT DISTINCT content_type FROM content_items WHERE workspace_id = ?", arguments: [workspace.rawValue])
            let kept = Set(types.map(\.key))
            if let missing = used.first(where: { !kept.contains($0) }) {
                throw DomainError.invalid(
                    field: "contentTypes", message: "Items still use the type \(missing). Change them before removing it.")
            }
            try db.execute(sql: "DELETE FROM content_types WHERE workspace_id = ?", arguments: [workspace.rawValue])
            for (position, type) in types.enumerated() {
                try db.execute(
                    sql: "INSERT INTO content_types (workspace_id, key, name, position) VALUES (?, ?, ?, ?)",
                    arguments: [workspace.rawValue, type.key, type.name, position])
            }
        }
    }

    func createGoal(_ goal: NewCadenceGoal, in workspace: WorkspaceID) async throws -> CadenceGoal {
        let types = try await contentTypes(in: workspace)
        let goal = try goal.validated(types: types)
        let now = clock.now()
        return try await writer.write(mapping: Self.goalMessages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO cadence_goals (workspace_id, channel_id, content_type, count, period, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [workspace.rawValue, goal.channelID.rawValue, goal.contentType, goal.count, goal.period.rawValue, now])
            guard let row else { throw DomainError.notFound("The goal could not be created.") }
            return try Self.goal(row)
        }
    }

    func goals(in workspace: WorkspaceID) async throws -> [CadenceGoal] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM cadence_goals WHERE workspace_id = ? ORDER BY channel_id, id", arguments: [workspace.rawValue]
            ).map(Self.goal)
        }
    }

    func deleteGoal(_ id: CadenceGoalID, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM cadence_goals WHERE id = ? AND workspace_id = ?", arguments: [id.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Goal not found.") }
        }
    }

    func setCalendarFeedTokenHash(_ hash: String, in workspace: WorkspaceID) async throws {
        let now = clock.now()
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO calendar_feeds (workspace_id, token_hash, created_at) VALUES (?, ?, ?)
                    ON CONFLICT (workspace_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
                    """,
                arguments: [workspace.rawValue, hash, now])
        }
    }

    func workspace(calendarFeedTokenHash hash: String) async throws -> WorkspaceID? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT workspace_id FROM calendar_feeds WHERE token_hash = ?", arguments: [hash])
                .map(WorkspaceID.init)
        }
    }

    func hasCalendarFeed(_ workspace: WorkspaceID) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM calendar_feeds WHERE workspace_id = ?", arguments: [workspace.rawValue]) ?? false
        }
    }

    static func market(_ row: Row) -> Market {
        Market(id: row.id("id"), workspaceID: row.id("workspace_id"), name: row["name"], locale: row["locale"], timeZone: row["time_zone"])
    }

    static func goal(_ row: Row) throws -> CadenceGoal {
        CadenceGoal(
            id: row.id("id"), workspaceID: row.id("workspace_id"), channelID: row.id("channel_id"), contentType: row["content_type"],
            count: row["count"], period: try row.decode(CadencePeriod.self, "period"))
    }
}
