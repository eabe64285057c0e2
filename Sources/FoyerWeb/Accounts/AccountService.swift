import Foundation
import FoyerCore

/// Accounts, sessions, API tokens and invitations: the rules shared by the web pages, the JSON API and the CLI.
///
/// Secrets (session cookies, API tokens, invitation links) are random ``SecretToken``s; only their SHA-256
/// reaches the database. Passwords are hashed with bcrypt off the cooperative pool by ``PasswordHasher``.
public struct AccountService: Sendable {
    public let storage: Storage
    public let clock: any WallClock
    public let hasher: PasswordHasher
    public let settings: WebSettings

    public init(storage: Storage, clock: any WallClock, settings: WebSettings) {
        self.storage = storage
        self.clock = clock
        self.settings = settings
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
    }

    public init(_ dependencies: WebDependencies) {
        self.init(storage: dependencies.storage, clock: dependencies.clock, settings: dependencies.settings)
    }

    // MARK: Users

    /// Creates a user after validating every field with FoyerCore ``Validation``.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` naming the field (`email`, `name`, `password`);
    ///   ``DomainError/conflict(_:)`` when the email is taken.
    public func createUser(email: String, name: String, password: String, preferredLocale: AppLocale?) async throws
        -> User
    {
        let email = try Validation.email(email)
        let name = try Validation.name(name)
        let password = try Validation.password(password)
        let hash = try await hasher.hash(password)
        return try await storage.users.create(
            email: email, name: name, passwordHash: hash, preferredLocale: preferredLocale)
    }

    /// The user with this email and password, or `nil`. Unknown emails cost as much as wrong passwords, so
    /// timing does not tell which accounts exist.
    public func authenticate(email: String, password: String) async throws -> User? {
        let normalized = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !normalized.isEmpty, !password.isEmpty, password.count <= Validation.maxPasswordLength,
            normalized.count <= Validation.maxEmailLength
        else { return nil }
        guard let user = try await storage.users.find(email: normalized) else {
            _ = try await hasher.hash(password)
            return nil
        }
        return try await hasher.verify(password, hash: user.passwordHash) ? user : nil
    }

    /// Changes a password after checking the current one, then signs the user out of every other session.
    ///
    /// - Parameter keepingSession: the hash of the session to keep signed in (the one making the change).
    /// - Throws: ``DomainError/invalid(field:message:)`` for `currentPassword` or `newPassword`.
    public func changePassword(
        for userID: UserID, current: String, new: String, keepingSession: String? = nil
    ) async throws {
        guard let user = try await storage.users.find(userID) else {
            throw DomainError.notFound("This account no longer exists.")
        }
        guard try await hasher.verify(current, hash: user.passwordHash) else {
            throw DomainError.invalid(field: "currentPassword", message: "The current password is not correct.")
        }
        let password = try Validation.password(new, field: "newPassword")
        let hash = try await hasher.hash(password)
        try await storage.users.updatePasswordHash(userID, passwordHash: hash)
        try await storage.sessions.deleteAll(for: userID, except: keepingSession)
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: nil, actorID: userID, action: "user.password_changed", targetType: "user",
                targetID: userID.description))
    }

    // MARK: Sessions

    /// Starts a browser session: returns the cookie token (kept by the browser only) and the stored session.
    public func startSession(for userID: UserID) async throws -> (token: String, session: Session) {
        let token = SecretToken.generate()
        let now = clock.now()
        let session = Session(
            tokenHash: SecretToken.digest(token), userID: userID, csrfToken: SecretToken.generate(),
            createdAt: now, expiresAt: now.addingTimeInterval(settings.sessionLifetime))
        try await storage.sessions.create(session)
        return (token, session)
    }

    /// The signed-in user and session for a cookie token, or `nil` when unknown or expired.
    public func session(forToken token: String) async throws -> (user: User, session: Session)? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        guard let session = try await storage.sessions.find(tokenHash: SecretToken.digest(token), now: clock.now()),
            let user = try await storage.users.find(session.userID)
        else { return nil }
        return (user, session)
    }

    /// Ends the session of this cookie token.
    public func endSession(token: String) async throws {
        try await storage.sessions.delete(tokenHash: SecretToken.digest(token))
    }

    // MARK: API tokens

    /// Issues a personal API token. The token is returned once; the database keeps its SHA-256 and its
    /// first 12 characters (the prefix people use to tell tokens apart).
    public func issueAPIToken(for userID: UserID, name: String) async throws -> (token: String, record: APIToken) {
        let name = try Validation.name(name)
        let token = SecretToken.generate(prefix: "foyer_")
        let record = try await storage.apiTokens.create(
            user: userID, name: name, tokenHash: SecretToken.digest(token), prefix: String(token.prefix(12)))
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: nil, actorID: userID, action: "api_token.created", targetType: "api_token",
                targetID: record.id.description, details: ["name": name, "prefix": record.prefix]))
        return (token, record)
    }

    /// The user behind a bearer token, or `nil` for an unknown or revoked token. Records the use.
    public func user(forAPIToken token: String) async throws -> (user: User, token: APIToken)? {
        guard token.hasPrefix("foyer_"), token.count <= 128 else { return nil }
        guard let record = try await storage.apiTokens.findActive(tokenHash: SecretToken.digest(token)),
            let user = try await storage.users.find(record.userID)
        else { return nil }
        try await storage.apiTokens.touch(record.id, at: clock.now())
        return (user, record)
    }

    /// Revokes one of the user's tokens.
    public func revokeAPIToken(_ id: APITokenID, for userID: UserID) async throws {
        try await storage.apiTokens.revoke(id, for: userID, at: clock.now())
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: nil, actorID: userID, action: "api_token.revoked", targetType: "api_token",
                targetID: id.description))
    }

    // MARK: Invitations

    /// Creates an invitation link. The inviter must manage members and may not give a role above their own.
    ///
    /// - Returns: the token for the link (shown once) and the stored invitation.
    /// - Throws: ``DomainError/forbidden(_:)`` or ``DomainError/invalid(field:message:)`` (`email`, `role`).
    public func invite(
        email: String, role: Role, to workspaceID: WorkspaceID, by inviter: UserID, inviterRole: Role
    ) async throws -> (token: String, invitation: Invitation) {
        guard inviterRole.canManageMembers else {
            throw DomainError.forbidden("Only owners and admins can invite people.")
        }
        let email = try Validation.email(email)
        guard inviterRole.canAssign(role) else {
            throw DomainError.invalid(field: "role", message: "You cannot give a role above your own.")
        }
        let token = SecretToken.generate()
        let invitation = try await storage.invitations.create(
            workspace: workspaceID, email: email, role: role, tokenHash: SecretToken.digest(token),
            invitedBy: inviter, expiresAt: clock.now().addingTimeInterval(settings.invitationLifetime))
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: workspaceID, actorID: inviter, action: "invitation.created",
                targetType: "invitation", targetID: invitation.id.description,
                details: ["email": email, "role": role.rawValue]))
        return (token, invitation)
    }

    /// What an invitation link leads to.
    public enum InvitationLookup: Sendable, Equatable {
        case valid(Invitation)
        case expired
        /// Unknown or already used.
        case unavailable
    }

    /// Looks up the invitation behind a link token.
    public func lookUpInvitation(token: String) async throws -> InvitationLookup {
        guard !token.isEmpty, token.count <= 128 else { return .unavailable }
        guard let invitation = try await storage.invitations.findPending(tokenHash: SecretToken.digest(token)) else {
            return .unavailable
        }
        return invitation.expiresAt <= clock.now() ? .expired : .valid(invitation)
    }

    /// Makes `userID` a member with the invitation's role and uses the invitation up, exactly once.
    ///
    /// - Throws: ``DomainError/notFound(_:)`` when the link was used meanwhile; ``DomainError/conflict(_:)``
    ///   when the user already belongs to the workspace.
    public func accept(_ invitation: Invitation, as userID: UserID) async throws {
        // Mark first: a second, concurrent acceptance fails here instead of adding a member twice.
        try await storage.invitations.markAccepted(invitation.id, at: clock.now())
        _ = try await storage.memberships.add(user: userID, to: invitation.workspaceID, role: invitation.role)
        try await storage.audit.record(
            NewAuditEvent(
                workspaceID: invitation.workspaceID, actorID: userID, action: "invitation.accepted",
                targetType: "invitation", targetID: invitation.id.description,
                details: ["role": invitation.role.rawValue]))
    }
}
