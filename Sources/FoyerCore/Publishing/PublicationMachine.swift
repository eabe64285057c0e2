import Foundation

/// The ledger's state machine as a value type: every transition is decided here, without I/O, and the
/// repository only stores what it returns.
///
/// ```
/// scheduled ─claim(lease)─▶ sending ─confirmed─▶ published(external id)
///                               ├─retryable error─▶ scheduled (backoff, honours Retry-After)
///                               ├─permanent error─▶ failed
///                               └─no answer / lease lapsed─▶ unknown ─reconcile─▶ published | scheduled
/// ```
public enum PublicationEvent: Sendable, Equatable {
    /// A worker takes a due entry (scheduled, or unknown for reconciliation) until `leaseUntil`.
    case claim(at: Date, leaseUntil: Date)
    case confirmed(OutboundReceipt, at: Date)
    /// A retryable error: try again at `retryAt`.
    case retryableFailure(message: String, retryAt: Date, at: Date)
    case permanentFailure(message: String, at: Date)
    /// No answer: the send may or may not have happened. Reconciled at `retryAt`.
    case noAnswer(message: String, retryAt: Date, at: Date)
    /// A lease lapsed while `sending`: the worker died.
    case leaseExpired(at: Date)
    /// The platform says the unknown send did not happen: schedule it again.
    case reconciledNotSent(at: Date)
    /// A person retries a failed entry.
    case retry(at: Date)
}

public struct PublicationTransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var from: PublicationState
    public var event: String
    public var description: String { "a \(from.rawValue) publication cannot take \(event)" }
}

/// How many attempts before a retryable error becomes permanent.
public let publicationMaxAttempts = 8

extension Publication {
    /// The entry after `event`, or an error when the event makes no sense in the current state.
    public func applying(_ event: PublicationEvent) throws -> Publication {
        var next = self
        switch (state, event) {
        case let (.scheduled, .claim(at, leaseUntil)), let (.unknown, .claim(at, leaseUntil)):
            guard dueAt <= at else { throw PublicationTransitionError(from: state, event: "claim before due") }
            next.state = .sending
            next.leaseExpiresAt = leaseUntil
            next.attempts += 1
            next.updatedAt = at
        case let (.sending, .confirmed(receipt, at)):
            next.state = .published
            next.externalID = receipt.externalID
            next.remoteURL = receipt.url
            next.leaseExpiresAt = nil
            next.lastError = nil
            next.updatedAt = at
        case let (.sending, .retryableFailure(message, retryAt, at)):
            next.leaseExpiresAt = nil
            next.lastError = message
            next.updatedAt = at
            if attempts >= publicationMaxAttempts {
                next.state = .failed
            } else {
                next.state = .scheduled
                next.dueAt = max(retryAt, at)
            }
        case let (.sending, .permanentFailure(message, at)):
            next.state = .failed
            next.leaseExpiresAt = nil
            next.lastError = message
            next.updatedAt = at
        case let (.sending, .noAnswer(message, retryAt, at)):
            next.state = .unknown
            next.leaseExpiresAt = nil
            next.lastError = message
            next.dueAt = max(retryAt, at)
            next.updatedAt = at
        case let (.sending, .leaseExpired(at)):
            guard let lease = leaseExpiresAt, lease <= at else {
                throw PublicationTransitionError(from: state, event: "lease expiry while the lease holds")
            }
            next.state = .unknown
            next.leaseExpiresAt = nil
            next.lastError = "The worker stopped while sending; checking with the platform before any retry."
            next.dueAt = at
            next.updatedAt = at
        case let (.sending, .reconciledNotSent(at)):
            next.state = .scheduled
            next.leaseExpiresAt = nil
            next.dueAt = at
            next.updatedAt = at
        case let (.failed, .retry(at)):
            next.state = .scheduled
            next.attempts = 0
            next.dueAt = at
            next.lastError = nil
            next.updatedAt = at
        default:
            throw PublicationTransitionError(from: state, event: String(describing: event))
        }
        return next
    }

    /// Whether the worker that claims this entry must reconcile before sending.
    ///
    /// Any attempt after the first may follow a send that reached the platform (a timeout, a crash), so the
    /// worker asks the platform before sending again; cheap where the platform has idempotency keys.
    public var needsReconciliation: Bool { attempts > 1 }
}

/// Jittered exponential backoff for retryable errors: 2^attempt seconds (capped at one hour), ±20 %.
public func publicationBackoff(attempt: Int, jitter: Double) -> TimeInterval {
    let base = min(3600, pow(2, Double(max(1, attempt))))
    let clampedJitter = min(1, max(0, jitter))
    return base * (0.8 + 0.4 * clampedJitter)
}
