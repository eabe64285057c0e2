import Foundation
import FoyerCore
import Hummingbird
import Logging

/// Authenticates `Authorization: Bearer <token>`: the token's digest must match an active API token.
///
/// Fills ``FoyerRequestContext/identity`` and ``FoyerRequestContext/apiToken`` and records when the token
/// was last used (at most once a minute, so reads stay reads), and marks answers `private, no-store`.
/// Anything else is `401 unauthorized`.
struct APIBearerAuthMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext

    /// Tokens are 32 random bytes in base64url plus a short prefix; anything much longer is not ours.
    static let maxTokenLength = 256
    /// How stale `lastUsedAt` may get before a request writes it again.
    static let touchInterval: TimeInterval = 60

    let storage: Storage
    let clock: any WallClock

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized(
                APIText(
                    en:
                        "This endpoint needs an API token. Create one in your account settings and send it as: Authorization: Bearer <token>.",
                    fr:
                        "Cette adresse demande un jeton d’API. Créez-en un dans les réglages de votre compte et envoyez-le ainsi : Authorization: Bearer <jeton>."
                ))
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthorized(.tokenNeeded)
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, token.count <= Self.maxTokenLength,
            let apiToken = try await storage.apiTokens.findActive(tokenHash: SecretToken.digest(token)),
            let user = try await storage.users.find(apiToken.userID)
        else {
            throw APIError.unauthorized(
                APIText(
                    en:
                        "This API token is not valid: it may have been revoked. Create a new one in your account settings.",
                    fr:
                        "Ce jeton d’API n’est pas valide : il a peut-être été révoqué. Créez-en un nouveau dans les réglages de votre compte."
                ))
        }
        let now = clock.now()
        if apiToken.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.touchInterval }) ?? true {
            do {
                try await storage.apiTokens.touch(apiToken.id, at: now)
            } catch {
                // Bookkeeping only: a failed write must not refuse a valid token.
                context.logger.warning("Could not record API token use", metadata: ["error": "\(error)"])
            }
        }
        var context = context
        context.identity = user
        context.apiToken = apiToken
        context.logger[metadataKey: "foyer.user"] = "\(user.id)"
        var response = try await next(request, context)
        // Answers carry one person's view of private data: no shared cache may keep them.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "private, no-store" }
        return response
    }
}
