import Foundation
import FoyerCore
import Hummingbird
import Logging

/// Sign-in, sign-out and the language switch.
struct SignInPages: Sendable {
    let kit: PageKit

    struct SignInView: Sendable {
        let email: String
        let next: String?
        let error: String?
        let action = SiteURL.signIn().path
    }

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let next = SafeReturnPath.validated(request.uri.queryParameters.get("next"))
        if context.identity != nil { return .seeOther(path: next ?? SiteURL.workspaces.path) }
        return try await page(request, context, email: "", next: next, error: nil, status: .ok)
    }

    func submit(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let email = String((context.form["email"] ?? "").prefix(Validation.maxEmailLength))
        let password = context.form["password"] ?? ""
        let next = SafeReturnPath.validated(context.form["next"])
        if let wait = kit.throttle.retryAfter(email: email, address: context.clientAddress) {
            let minutes = String(max(1, Int((wait / 60).rounded(.up))))
            var response = try await page(
                request, context, email: email, next: next,
                error: kit.text("signIn.throttled", context, ["minutes": minutes]), status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        guard let user = try await kit.accounts.authenticate(email: email, password: password) else {
            kit.throttle.recordFailure(email: email, address: context.clientAddress)
            context.logger.notice("Sign-in refused", metadata: ["address": .string(context.clientAddress)])
            return try await page(
                request, context, email: email, next: next, error: kit.text("signIn.wrong", context),
                status: .unauthorized)
        }
        kit.throttle.recordSuccess(email: email)
        if let old = request.cookies[SessionCookie.sessionName]?.value, !old.isEmpty {
            try await kit.accounts.endSession(token: old)
        }
        let (token, _) = try await kit.accounts.startSession(for: user.id)
        try await kit.storage.audit.record(
            NewAuditEvent(
                workspaceID: nil, actorID: user.id, action: "user.signed_in", targetType: "user",
                targetID: user.id.description, details: ["address": context.clientAddress]))
        context.logger.info("Signed in", metadata: ["user_id": .stringConvertible(user.id)])
        var response = Response.seeOther(path: next ?? SiteURL.workspaces.path)
        let secure = kit.dependencies.settings.secureCookies
        response.setCookie(
            SessionCookie.make(
                name: SessionCookie.sessionName, value: token, maxAge: kit.dependencies.settings.sessionLifetime,
                secure: secure))
        response.setCookie(SessionCookie.expired(name: SessionCookie.anonymousCSRFName, secure: secure))
        return response
    }

    func signOut(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        if let token = request.cookies[SessionCookie.sessionName]?.value, !token.isEmpty {
            try await kit.accounts.endSession(token: token)
        }
        var response = Response.seeOther(path: SiteURL.signIn().path + "?notice=signed_out")
        response.setCookie(
            SessionCookie.expired(name: SessionCookie.sessionName, secure: kit.dependencies.settings.secureCookies))
        return response
    }

    /// Saves the chosen language: on the account when signed in, else in a cookie.
    func switchLocale(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        guard let locale = context.form["locale"].flatMap(AppLocale.init(rawValue:)) else {
            throw PageError.notFound
        }
        let back = SafeReturnPath.validated(context.form["returnTo"]) ?? SiteURL.root.path
        var response = Response.seeOther(path: back)
        if let user = context.identity {
            try await kit.storage.users.updateProfile(user.id, name: user.name, preferredLocale: locale)
        } else {
            response.setCookie(
                SessionCookie.make(
                    name: SessionCookie.localeName, value: locale.rawValue, maxAge: 365 * 24 * 3600,
                    secure: kit.dependencies.settings.secureCookies))
        }
        return response
    }

    private func page(
        _ request: Request, _ context: FoyerRequestContext, email: String, next: String?, error: String?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        try await kit.render(
            "sign-in", title: kit.text("signIn.title", context),
            content: SignInView(email: email, next: next, error: error), request: request, context: context,
            current: .signIn, status: status)
    }
}
