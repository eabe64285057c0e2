import Foundation
import FoyerCore
import Hummingbird

/// The person's own account: name, interface language, password and personal API tokens.
struct AccountPages: Sendable {
    let kit: PageKit

    struct AccountView: Sendable {
        struct LocaleChoice: Sendable {
            let code: String
            let label: String
            let selected: Bool
        }

        struct TokenRow: Sendable {
            let name: String
            let prefix: String
            let created: DateView
            let lastUsed: DateView?
            let revokeURL: String
        }

        let name: String
        let email: String
        let locales: [LocaleChoice]
        let tokens: [TokenRow]
        let hasTokens: Bool
        /// The token just created, shown this once.
        let newToken: String?
        let tokenName: String
        let profileError: String?
        let passwordError: String?
        let tokenError: String?
        let profileURL = SiteURL.accountProfile.path
        let passwordURL = SiteURL.accountPassword.path
        let tokensURL = SiteURL.accountTokens.path
    }

    struct Feedback {
        var name: String?
        var newToken: String?
        var tokenName = ""
        var profileError: String?
        var passwordError: String?
        var tokenError: String?
        var status: HTTPResponse.Status = .ok
    }

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await page(request, context, Feedback())
    }

    func updateProfile(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let user = try kit.requireUser(request, context)
        let rawName = context.form["name"] ?? ""
        let localeField = context.form["locale"] ?? ""
        let locale = AppLocale(rawValue: localeField)
        do {
            let name = try Validation.name(rawName)
            guard localeField.isEmpty || locale != nil else {
                throw DomainError.invalid(field: "locale", message: "Choose English or French.")
            }
            try await kit.storage.users.updateProfile(user.id, name: name, preferredLocale: locale)
            return .seeOther(path: SiteURL.account.path + "?notice=saved")
        } catch let error as DomainError {
            return try await page(
                request, context,
                Feedback(name: rawName, profileError: kit.message(for: error, context), status: .badRequest))
        }
    }

    func changePassword(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let user = try kit.requireUser(request, context)
        do {
            let new = context.form["newPassword"] ?? ""
            guard new == context.form["confirmPassword"] ?? "" else {
                throw DomainError.invalid(field: "confirmPassword", message: "The two new passwords are different.")
            }
            try await kit.accounts.changePassword(
                for: user.id, current: context.form["currentPassword"] ?? "", new: new,
                keepingSession: context.session?.tokenHash)
            return .seeOther(path: SiteURL.account.path + "?notice=password_changed")
        } catch let error as DomainError {
            return try await page(
                request, context, Feedback(passwordError: kit.message(for: error, context), status: .badRequest))
        }
    }

    func createToken(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let user = try kit.requireUser(request, context)
        let rawName = context.form["name"] ?? ""
        do {
            let issued = try await kit.accounts.issueAPIToken(for: user.id, name: rawName)
            return try await page(request, context, Feedback(newToken: issued.token))
        } catch let error as DomainError {
            return try await page(
                request, context,
                Feedback(tokenName: rawName, tokenError: kit.message(for: error, context), status: .badRequest))
        }
    }

    func revokeToken(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let user = try kit.requireUser(request, context)
        let id: APITokenID = try kit.id("id", context)
        guard try await kit.storage.apiTokens.list(for: user.id).contains(where: { $0.id == id }) else {
            throw PageError.notFound
        }
        try await kit.accounts.revokeAPIToken(id, for: user.id)
        return .seeOther(path: SiteURL.account.path + "?notice=token_revoked")
    }

    private func page(_ request: Request, _ context: FoyerRequestContext, _ feedback: Feedback) async throws -> Response
    {
        let user = try kit.requireUser(request, context)
        let dates = kit.dates(context, nil)
        let tokens = try await kit.storage.apiTokens.list(for: user.id).filter { $0.revokedAt == nil }.map { token in
            AccountView.TokenRow(
                name: token.name, prefix: token.prefix, created: DateView(token.createdAt, dates),
                lastUsed: token.lastUsedAt.map { DateView($0, dates) },
                revokeURL: SiteURL.accountTokenRevoke(token.id).path)
        }
        let view = AccountView(
            name: feedback.name ?? user.name, email: user.email,
            locales: [("", kit.text("account.locale.browser", context))]
                .map { AccountView.LocaleChoice(code: $0.0, label: $0.1, selected: user.preferredLocale == nil) }
                + AppLocale.allCases.map {
                    AccountView.LocaleChoice(
                        code: $0.rawValue, label: kit.text("locale.\($0.rawValue)", context),
                        selected: user.preferredLocale == $0)
                },
            tokens: tokens, hasTokens: !tokens.isEmpty, newToken: feedback.newToken, tokenName: feedback.tokenName,
            profileError: feedback.profileError, passwordError: feedback.passwordError, tokenError: feedback.tokenError)
        return try await kit.render(
            "account", title: kit.text("account.title", context), content: view, request: request, context: context,
            current: .account, status: feedback.status)
    }
}
