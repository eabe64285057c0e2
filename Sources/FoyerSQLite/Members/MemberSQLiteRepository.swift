import Foundation
import FoyerCore
import GRDB

/// Community members and their identities in SQLite.
struct MemberSQLiteRepository: MemberRepository {
    let writer: any DatabaseWriter
    let clock: any WallClock

    func create(_ member: NewMember, identities: [NewIdentity], in workspace: WorkspaceID) async throws -> Member {
        let now = clock.now()
        let messages = ConstraintMessages(
            unique: "This platform account already belongs to a member.", missingReference: "Workspace not found.",
            field: "displayName")
        return try await writer.write(mapping: messages) { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO members (workspace_id, display_name, member_type, score, first_seen_at, last_seen_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
                    """,
                arguments: [
                    workspace.rawValue, member.displayName, member.memberType.rawValue, member.score,
                    member.firstSeenAt, member.lastSeenAt, now,
                ])
            guard let row else { throw DomainError.notFound("The member could not be created.") }
            let created = try Self.member(row)
            for identity in identities {
                try db.execute(
                    sql: """
                        INSERT INTO identities (workspace_id, member_id, platform, external_id, handle, display_name, profile_url)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        workspace.rawValue, created.id.rawValue, identity.platform.rawValue, identity.externalID,
                        identity.handle, identity.displayName, identity.profileURL,
                    ])
            }
            return created
        }
    }

    func find(_ id: MemberID, in workspace: WorkspaceID) async throws -> Member? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM members WHERE id = ? AND workspace_id = ?",
                arguments: [id.rawValue, workspace.rawValue]
            ).map(Self.member)
        }
    }

    func identities(of member: MemberID, in workspace: WorkspaceID) async throws -> [Identity] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM identities WHERE member_id = ? AND workspace_id = ? ORDER BY platform, id",
                arguments: [member.rawValue, workspace.rawValue]
            ).map(Self.identity)
        }
    }

    func find(platform: ChannelKind, externalID: String, in workspace: WorkspaceID) async throws -> Member? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT m.* FROM identities i JOIN members m ON m.id = i.member_id
                    WHERE i.workspace_id = ? AND i.platform = ? AND i.external_id = ?
                    """,
                arguments: [workspace.rawValue, platform.rawValue, externalID]
            ).map(Self.member)
        }
    }

    func list(in workspace: WorkspaceID, query: String?, page: PageRequest) async throws -> Page<Member> {
        let cursor = try KeysetCursor.decode(page.cursor)
        var sql = "SELECT m.* FROM members m WHERE m.workspace_id = ?"
        var arguments: StatementArguments = [workspace.rawValue]
        if let query = query?.trimmingCharacters(in: .whitespacesAndNewlines), !query.isEmpty {
            let pattern = LikePattern.contains(String(query.prefix(200)))
            sql += """
                 AND (m.display_name LIKE ? ESCAPE '\\' OR EXISTS (
                    SELECT 1 FROM identities i WHERE i.member_id = m.id
                    AND (i.handle LIKE ? ESCAPE '\\' OR i.display_name LIKE ? ESCAPE '\\')))
                """
            arguments += [pattern, pattern, pattern]
        }
        if let cursor {
            sql += " AND (m.last_seen_at, m.id) < (?, ?)"
            arguments += [cursor.key, cursor.id]
        }
        sql += " ORDER BY m.last_seen_at DESC, m.id DESC LIMIT ?"
        arguments += [page.limit + 1]
        return try await writer.read { [sql, arguments] db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let members = try rows.prefix(page.limit).map(Self.member)
            return Page(items: members, next: KeysetCursor.next(after: rows, limit: page.limit, column: "last_seen_at"))
        }
    }

    func markBanned(_ identity: IdentityID, at: Date, by user: UserID?, in workspace: WorkspaceID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE identities SET banned_at = coalesce(banned_at, ?), banned_by = coalesce(banned_by, ?)
                    WHERE id = ? AND workspace_id = ?
                    """,
                arguments: [at, user?.rawValue, identity.rawValue, workspace.rawValue])
            guard db.changesCount > 0 else { throw DomainError.notFound("Identity not found.") }
        }
    }

    static func member(_ row: Row) throws -> Member {
        Member(
            id: row.id("id"), workspaceID: row.id("workspace_id"), displayName: row["display_name"],
            memberType: try row.decode(MemberType.self, "member_type"), score: row["score"],
            firstSeenAt: row["first_seen_at"], lastSeenAt: row["last_seen_at"], createdAt: row["created_at"])
    }

    static func identity(_ row: Row) throws -> Identity {
        Identity(
            id: row.id("id"), workspaceID: row.id("workspace_id"), memberID: row.id("member_id"),
            platform: try row.decode(ChannelKind.self, "platform"), externalID: row["external_id"],
            handle: row["handle"], displayName: row["display_name"], profileURL: row["profile_url"],
            bannedAt: row["banned_at"], bannedBy: row.optionalID("banned_by"))
    }
}
