import GRDB

/// Migration `0008_inbox_moderation`: what moderators did from Foyer and the platform accepted.
///
/// - `messages.moderation_state` (`hidden` or `deleted`), `moderated_at`, `moderated_by`: set only after the
///   platform confirmed the action; the body stays as evidence.
/// - `identities.banned_at`, `banned_by`: the account was banned on its platform.
///
/// Who asked, why, and what the platform answered (including refusals) is in the audit log.
enum InboxModerationSchema {
    static func migrate(_ db: Database) throws {
        for statement in statements { try db.execute(sql: statement) }
    }

    static let statements: [String] = [
        "ALTER TABLE messages ADD COLUMN moderation_state TEXT CHECK (moderation_state IN ('hidden', 'deleted'))",
        "ALTER TABLE messages ADD COLUMN moderated_at TEXT",
        "ALTER TABLE messages ADD COLUMN moderated_by INTEGER REFERENCES users(id) ON DELETE SET NULL",
        "ALTER TABLE identities ADD COLUMN banned_at TEXT",
        "ALTER TABLE identities ADD COLUMN banned_by INTEGER REFERENCES users(id) ON DELETE SET NULL",
    ]
}
