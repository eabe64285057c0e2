import Foundation
import FoyerCore
import Hummingbird

/// The context of an authenticated API request: the user and the token are not optional here.
///
/// Built from ``FoyerRequestContext`` after ``APIBearerAuthMiddleware`` has filled it; a request that
/// reaches a handler without both fails with `401 unauthorized`.
public struct APIRequestContext: ChildRequestContext {
    public typealias ParentContext = FoyerRequestContext

    public var coreContext: CoreRequestContextStorage
    public let user: User
    public let token: APIToken
    public let locale: AppLocale

    public init(context: FoyerRequestContext) throws {
        guard let user = context.identity, let token = context.apiToken else {
            throw APIError.unauthorized(.tokenNeeded)
        }
        self.coreContext = context.coreContext
        self.user = user
        self.token = token
        self.locale = context.locale
    }

    public var requestDecoder: JSONDecoder { APIJSON.decoder }
    public var responseEncoder: JSONEncoder { APIJSON.encoder }
    /// API bodies are small settings objects.
    public var maxUploadSize: Int { 64 * 1024 }
}
