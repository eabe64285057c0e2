import Foundation
import FoyerCore
import Hummingbird

/// Finds who is signed in from the `foyer_session` cookie and picks the interface language.
///
/// Locale: the signed-in user's preference, else the `foyer_locale` cookie, else `Accept-Language`,
/// else English. Visitors who are not signed in get a `foyer_csrf` cookie for the sign-in and invitation
/// forms. Paths under `/api/` only get the locale: the JSON API signs in with bearer tokens, never cookies.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext

    let accounts: AccountService
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        let acceptLanguage = request.headers[.acceptLanguage]
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/static/") || path == "/health" || path == "/metrics" {
            context.locale = AppLocale.negotiate(acceptLanguage: acceptLanguage)
            return try await next(request, context)
        }
        var cookiesToSet: [Cookie] = []
        if let token = request.cookies[SessionCookie.sessionName]?.value, !token.isEmpty {
            if let found = try await accounts.session(forToken: token) {
                context.identity = found.user
                context.session = found.session
            } else {
                cookiesToSet.append(SessionCookie.expired(name: SessionCookie.sessionName, secure: secureCookies))
            }
        }
        if context.session == nil {
            if let existing = request.cookies[SessionCookie.anonymousCSRFName]?.value,
                SessionCookie.isWellFormed(existing)
            {
                context.anonymousCSRFToken = existing
            } else {
                let token = SecretToken.generate()
                context.anonymousCSRFToken = token
                cookiesToSet.append(
                    SessionCookie.make(
                        name: SessionCookie.anonymousCSRFName, value: token, maxAge: nil, secure: secureCookies))
            }
        }
        let cookieLocale = request.cookies[SessionCookie.localeName].flatMap { AppLocale(rawValue: $0.value) }
        context.locale =
            context.identity?.preferredLocale ?? cookieLocale ?? AppLocale.negotiate(acceptLanguage: acceptLanguage)
        var response = try await next(request, context)
        for cookie in cookiesToSet { response.setCookie(cookie) }
        return response
    }
}
