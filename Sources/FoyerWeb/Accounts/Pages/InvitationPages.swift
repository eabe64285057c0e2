import Foundation
import FoyerCore
import Hummingbird

/// `/invitations/:token`: a new person creates an account, or a signed-in person joins the workspace.
struct InvitationPages: Sendable {
    let kit: PageKit

    struct InvitationView: Sendable {
        let available: Bool
        let expired: Bool
        let workspaceName: String
        let role: String
        let email: String
        let signedInAs: String?
        let name: String
        let error: String?
        let action: String
        let signInURL: String
    }

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await page(request, context, name: "", error: nil)
    }

    func accept(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard case .valid(let invitation) = try await kit.accounts.lookUpInvitation(token: token) else {
            return try await page(request, context, name: "", error: nil)
        }
        let rawName = context.form["name"] ?? ""
        do {
            if let user = context.identity {
                // Already a member: say so without using the link up.
                if try await kit.storage.memberships.find(user: user.id, in: invitation.workspaceID) != nil {
                    throw DomainError.conflict("Already a member.")
                }
                try await kit.accounts.accept(invitation, as: user.id)
                return .seeOther(path: SiteURL.workspace(invitation.workspaceID, .home).path + "?notice=joined")
            }
            let user = try await kit.accounts.createUser(
                email: invitation.email, name: rawName, password: context.form["password"] ?? "",
                preferredLocale: context.locale)
            try await kit.accounts.accept(invitation, as: user.id)
            let (sessionToken, _) = try await kit.accounts.startSession(for: user.id)
            var response = Response.seeOther(
                path: SiteURL.workspace(invitation.workspaceID, .home).path + "?notice=joined")
            let secure = kit.dependencies.settings.secureCookies
            response.setCookie(
                SessionCookie.make(
                    name: SessionCookie.sessionName, value: sessionToken,
                    maxAge: kit.dependencies.settings.sessionLifetime, secure: secure))
            response.setCookie(SessionCookie.expired(name: SessionCookie.anonymousCSRFName, secure: secure))
            return response
        } catch let error as DomainError {
            let message: String
            if case .conflict = error, context.identity == nil {
                message = kit.text("invitation.accountExists", context)
            } else if case .conflict = error {
                message = kit.text("invitation.alreadyMember", context)
            } else {
                message = kit.message(for: error, context)
            }
            return try await page(request, context, name: rawName, error: message, status: .badRequest)
        }
    }

    private func page(
        _ request: Request, _ context: FoyerRequestContext, name: String, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let lookup = try await kit.accounts.lookUpInvitation(token: token)
        var view = InvitationView(
            available: false, expired: lookup == .expired, workspaceName: "", role: "", email: "",
            signedInAs: context.identity?.email, name: name, error: error,
            action: SiteURL.invitation(token: token).path,
            signInURL: SiteURL.signIn(returnTo: SiteURL.invitation(token: token).path).path)
        var pageStatus = status
        if case .valid(let invitation) = lookup,
            let workspace = try await kit.storage.workspaces.find(invitation.workspaceID)
        {
            view = InvitationView(
                available: true, expired: false, workspaceName: workspace.name,
                role: kit.text("role.\(invitation.role.rawValue)", context), email: invitation.email,
                signedInAs: view.signedInAs, name: name, error: error, action: view.action, signInURL: view.signInURL)
        } else {
            pageStatus = lookup == .expired ? .gone : .notFound
        }
        return try await kit.render(
            "invitation", title: kit.text("invitation.title", context), content: view, request: request,
            context: context, current: .invitation, status: pageStatus)
    }
}
