import Foundation
import FoyerCore
import Testing

/// The publish ledger's state machine, exhaustively: every state against every event.
@Suite struct PublicationMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ state: PublicationState, attempts: Int = 1, lease: Date? = nil, dueAt: Date = t0) -> Publication {
        Publication(
            id: PublicationID(1), workspaceID: WorkspaceID(1), channelID: ChannelID(1), purpose: .reply,
            conversationID: ConversationID(1), body: "Merci !", threadID: "!room:example.org",
            inReplyToExternalID: "$event", idempotencyKey: "key-1", state: state, attempts: attempts, dueAt: dueAt,
            leaseExpiresAt: lease, externalID: nil, remoteURL: nil, lastError: nil, createdBy: nil, createdAt: t0,
            updatedAt: t0)
    }

    static let later = t0.addingTimeInterval(60)
    static let events: [(name: String, event: PublicationEvent)] = [
        ("claim", .claim(at: later, leaseUntil: later.addingTimeInterval(120))),
        ("confirmed", .confirmed(OutboundReceipt(externalID: "$sent", url: "https://example.org/1"), at: later)),
        ("retryable", .retryableFailure(message: "rate limited", retryAt: later.addingTimeInterval(30), at: later)),
        ("permanent", .permanentFailure(message: "token refused", at: later)),
        ("noAnswer", .noAnswer(message: "timeout", retryAt: later.addingTimeInterval(10), at: later)),
        ("leaseExpired", .leaseExpired(at: later)),
        ("reconciledNotSent", .reconciledNotSent(at: later)),
        ("retry", .retry(at: later)),
    ]

    /// Which (state, event) pairs are allowed, and the state they lead to.
    static let expected: [PublicationState: [String: PublicationState]] = [
        .scheduled: ["claim": .sending],
        .sending: [
            "confirmed": .published, "retryable": .scheduled, "permanent": .failed, "noAnswer": .unknown,
            "leaseExpired": .unknown, "reconciledNotSent": .scheduled,
        ],
        .published: [:],
        .failed: ["retry": .scheduled],
        .unknown: ["claim": .sending],
    ]

    @Test(arguments: PublicationState.allCases)
    func everyEventInEveryState(state: PublicationState) throws {
        let lease = state == .sending ? Self.t0.addingTimeInterval(30) : nil
        let start = Self.entry(state, lease: lease)
        for (name, event) in Self.events {
            if let target = Self.expected[state]?[name] {
                let next = try start.applying(event)
                #expect(next.state == target, "\(state) + \(name)")
                #expect(next.updatedAt == Self.later)
            } else {
                #expect(throws: PublicationTransitionError.self, "\(state) + \(name) must be refused") {
                    try start.applying(event)
                }
            }
        }
    }

    @Test func publishedIsFinalAndKeepsTheReceipt() throws {
        let claimed = try Self.entry(.scheduled, attempts: 0).applying(.claim(at: Self.later, leaseUntil: Self.later.addingTimeInterval(120)))
        #expect(claimed.attempts == 1)
        #expect(claimed.leaseExpiresAt == Self.later.addingTimeInterval(120))
        let published = try claimed.applying(.confirmed(OutboundReceipt(externalID: "$sent", url: "https://x/1"), at: Self.later))
        #expect(published.externalID == "$sent")
        #expect(published.remoteURL == "https://x/1")
        #expect(published.leaseExpiresAt == nil)
        for (_, event) in Self.events {
            #expect(throws: PublicationTransitionError.self) { try published.applying(event) }
        }
    }

    @Test func aClaimBeforeTheDueTimeIsRefused() {
        let future = Self.entry(.scheduled, dueAt: Self.later.addingTimeInterval(1))
        #expect(throws: PublicationTransitionError.self) {
            try future.applying(.claim(at: Self.later, leaseUntil: Self.later.addingTimeInterval(60)))
        }
    }

    @Test func aLeaseThatStillHoldsCannotExpire() {
        let held = Self.entry(.sending, lease: Self.later.addingTimeInterval(1))
        #expect(throws: PublicationTransitionError.self) { try held.applying(.leaseExpired(at: Self.later)) }
    }

    @Test func retryableErrorsHonourRetryAfterThenBecomePermanent() throws {
        let retryAt = Self.later.addingTimeInterval(300)
        let sending = Self.entry(.sending, attempts: 2, lease: Self.later)
        let rescheduled = try sending.applying(.retryableFailure(message: "429", retryAt: retryAt, at: Self.later))
        #expect(rescheduled.state == .scheduled)
        #expect(rescheduled.dueAt == retryAt)
        #expect(rescheduled.lastError == "429")

        let exhausted = Self.entry(.sending, attempts: publicationMaxAttempts, lease: Self.later)
        let failed = try exhausted.applying(.retryableFailure(message: "429", retryAt: retryAt, at: Self.later))
        #expect(failed.state == .failed)
    }

    @Test func anUnknownOutcomeIsReconciledBeforeAnyResend() throws {
        let first = try Self.entry(.scheduled, attempts: 0).applying(.claim(at: Self.later, leaseUntil: Self.later.addingTimeInterval(60)))
        #expect(!first.needsReconciliation, "a first attempt sends directly")
        let unknown = try first.applying(.noAnswer(message: "timeout", retryAt: Self.later.addingTimeInterval(5), at: Self.later))
        #expect(unknown.state == .unknown)
        #expect(unknown.dueAt == Self.later.addingTimeInterval(5))
        let reclaimed = try unknown.applying(.claim(at: Self.later.addingTimeInterval(5), leaseUntil: Self.later.addingTimeInterval(65)))
        #expect(reclaimed.needsReconciliation, "a second attempt asks the platform first")
    }

    @Test func aPersonCanRetryAFailedEntry() throws {
        let failed = Self.entry(.failed, attempts: 5)
        let retried = try failed.applying(.retry(at: Self.later))
        #expect(retried.state == .scheduled)
        #expect(retried.attempts == 0)
        #expect(retried.lastError == nil)
        #expect(retried.dueAt == Self.later)
    }

    @Test func backoffGrowsIsCappedAndJittered() {
        #expect(publicationBackoff(attempt: 1, jitter: 0.5) == 2)
        #expect(publicationBackoff(attempt: 3, jitter: 0.5) == 8)
        #expect(publicationBackoff(attempt: 30, jitter: 0.5) == 3600)
        #expect(abs(publicationBackoff(attempt: 3, jitter: 0) - 8 * 0.8) < 1e-9)
        #expect(abs(publicationBackoff(attempt: 3, jitter: 1) - 8 * 1.2) < 1e-9)
    }
}
