import FoyerCore
import Hummingbird
import HummingbirdAuth

/// The context of every request: who is signed in (by session cookie or API token) and in which language.
///
/// Middleware fills it: ``SessionMiddleware`` sets the identity, session and locale for pages, and the
/// locale from `Accept-Language` for the API; ``CSRFMiddleware`` parses and checks submitted forms.
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
    /// The CSRF token of a visitor who is not signed in yet (sign-in and invitation forms), from a cookie.
    public var anonymousCSRFToken: String?
    /// The fields of a submitted `application/x-www-form-urlencoded` form, once checked by ``CSRFMiddleware``.
    public var form: [String: String]
    /// The files of a `multipart/form-data` form on an upload route, once checked by ``CSRFMiddleware``.
    public var uploads: [UploadedFile]
    /// The client's IP address as the socket sees it (`unknown` when not known), for login throttling.
    public var clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.identity = nil
        self.session = nil
        self.apiToken = nil
        self.locale = .en
        self.anonymousCSRFToken = nil
        self.form = [:]
        self.uploads = []
    }

    /// The token forms must send back in `_csrf`.
    public var csrfToken: String { session?.csrfToken ?? anonymousCSRFToken ?? "" }
}
