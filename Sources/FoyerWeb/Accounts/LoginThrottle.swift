import Foundation
import FoyerCore

/// Counts failed sign-ins per email and per client address in memory, within a sliding window.
///
/// When either key has reached the limit, further attempts are refused until the oldest failure leaves
/// the window. A successful sign-in clears the email's failures. Memory is bounded: old entries are pruned.
public final class LoginThrottle: Sendable {
    private let state = Mutex()
    private let limit: Int
    private let window: TimeInterval
    private let clock: any WallClock

    public init(limit: Int, window: TimeInterval, clock: any WallClock) {
        self.limit = max(1, limit)
        self.window = window
        self.clock = clock
    }

    /// Seconds to wait before trying again, or `nil` when an attempt is allowed.
    public func retryAfter(email: String, address: String) -> TimeInterval? {
        let now = clock.now()
        return state.withLock { failures in
            var wait: TimeInterval?
            for key in Self.keys(email: email, address: address) {
                let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
                failures[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    let seconds = window - now.timeIntervalSince(oldest)
                    wait = max(wait ?? 0, max(1, seconds))
                }
            }
            return wait
        }
    }

    /// Records a failed attempt for both keys.
    public func recordFailure(email: String, address: String) {
        let now = clock.now()
        state.withLock { failures in
            if failures.count > 50_000 {
                failures = failures.filter { _, dates in dates.contains { now.timeIntervalSince($0) < window } }
            }
            for key in Self.keys(email: email, address: address) {
                failures[key, default: []].append(now)
            }
        }
    }

    /// Clears the failures of an email after a successful sign-in.
    public func recordSuccess(email: String) {
        state.withLock { failures in failures["email:" + Self.normalize(email)] = nil }
    }

    private static func normalize(_ email: String) -> String {
        String(email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().prefix(Validation.maxEmailLength))
    }

    private static func keys(email: String, address: String) -> [String] {
        ["email:" + normalize(email), "address:" + address]
    }

    /// A lock around the failures table.
    private final class Mutex: @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [String: [Date]] = [:]

        func withLock<T>(_ body: (inout [String: [Date]]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&failures)
        }
    }
}
