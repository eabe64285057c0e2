import FoyerCore
import Hummingbird
import HummingbirdAuth

/// The context of every request: who is signed in (by session cookie or API token) and in which language.
///
/// Middleware fills it; handlers that need a user read ``requireUser()``.
public struct FoyerRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, from a session cookie (pages) or a bearer token (API).
    public var identity: User?
    /// The browser session, when signed in with a cookie; carries the CSRF token.
    public var session: Session?
    /// The API token used, when signed in with a bearer token.
    public var apiToken: APIToken?
    /// The interface language for this request.
    public var locale: AppLocale

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.session = nil
        self.apiToken = nil
        self.locale = .en
    }
}
