import Foundation
import FoyerCore
import Logging
import Prometheus

/// Everything the web layer needs, built once by the composition root (FoyerApp).
public struct WebDependencies: Sendable {
    public var storage: Storage
    public var clock: any WallClock
    public var settings: WebSettings
    /// Where `/metrics` reads from. FoyerApp bootstraps swift-metrics with the same registry.
    public var metrics: PrometheusCollectorRegistry
    public var logger: Logger
    /// Where background workers report their heartbeat for `/health`; none until workers exist.
    public var heartbeats: any HeartbeatSource
    /// The platform connectors of this build, by channel kind.
    public var connectors: ConnectorRegistry
    /// Seals channel credentials given in forms and the API; opens them to verify webhooks.
    public var sealer: (any CredentialSealer)?
    /// Live events (SSE) of every workspace.
    public var liveEvents: LiveEventHub
    /// Wakes the ingest worker when a webhook was stored.
    public var ingestSignal: WorkSignal
    /// Wakes the publishing worker when a reply was queued.
    public var publishSignal: WorkSignal
    /// Where content media are stored; uploads are refused without one.
    public var media: (any MediaStore)?
    /// Signs the review links sent to clients.
    public var reviewLinks: ReviewLinkSigner

    public init(
        storage: Storage, clock: any WallClock = SystemClock(), settings: WebSettings,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "foyer.web"), heartbeats: any HeartbeatSource = NoHeartbeats(),
        connectors: ConnectorRegistry = ConnectorRegistry([]), sealer: (any CredentialSealer)? = nil,
        liveEvents: LiveEventHub = LiveEventHub(), ingestSignal: WorkSignal = WorkSignal(),
        publishSignal: WorkSignal = WorkSignal(), media: (any MediaStore)? = nil,
        reviewLinks: ReviewLinkSigner = .ephemeral()
    ) {
        self.media = media
        self.reviewLinks = reviewLinks
        self.connectors = connectors
        self.sealer = sealer
        self.liveEvents = liveEvents
        self.ingestSignal = ingestSignal
        self.publishSignal = publishSignal
        self.storage = storage
        self.clock = clock
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
        self.heartbeats = heartbeats
    }
}

/// Settings of the web layer, read from configuration by FoyerApp.
public struct WebSettings: Sendable {
    /// The URL people and platforms reach Foyer at; links and cookies follow its scheme.
    public var publicURL: URL
    /// How long a browser session lasts without activity.
    public var sessionLifetime: TimeInterval
    /// bcrypt cost; tests lower it.
    public var bcryptCost: UInt8
    /// Failed sign-ins allowed per email and per client address within ``loginThrottleWindow``.
    public var loginThrottleLimit: Int
    public var loginThrottleWindow: TimeInterval
    /// How long an invitation link stays valid.
    public var invitationLifetime: TimeInterval

    public init(
        publicURL: URL, sessionLifetime: TimeInterval = 14 * 24 * 3600, bcryptCost: UInt8 = 12,
        loginThrottleLimit: Int = 5, loginThrottleWindow: TimeInterval = 15 * 60,
        invitationLifetime: TimeInterval = 7 * 24 * 3600
    ) {
        self.publicURL = publicURL
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.loginThrottleLimit = loginThrottleLimit
        self.loginThrottleWindow = loginThrottleWindow
        self.invitationLifetime = invitationLifetime
    }

    /// Cookies get `Secure` when the public URL is https.
    public var secureCookies: Bool { publicURL.scheme?.lowercased() == "https" }
}
