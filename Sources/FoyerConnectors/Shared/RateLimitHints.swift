import Foundation
import FoyerCore

/// Reads the many ways platforms say "slow down" into one "retry at" instant, and their quota headers into
/// one ``RateLimitQuota``.
public enum RateLimitHints {
    /// When the platform allows the next request, from the first hint found, in this order:
    /// `Retry-After` (seconds or HTTP-date); the JSON body's Matrix `retry_after_ms`, Discourse
    /// `extras.wait_seconds`, Discord `retry_after` (seconds) or Telegram `parameters.retry_after`;
    /// then `X-RateLimit-Reset` / `RateLimit-Reset` / `X-Rate-Limit-Reset` (an ISO-8601 date as Mastodon
    /// sends, epoch seconds as Discord and X send, or seconds remaining as Reddit and the IETF draft send:
    /// numbers above one billion are read as epoch seconds).
    /// - Parameter headers: response headers, names lower-cased.
    /// - Returns: `nil` when the response carries no hint.
    public static func retryAt(headers: [String: String], body: Data?, now: Date) -> Date? {
        if let value = headers["retry-after"], let date = parseRetryAfter(value, now: now) { return date }
        if let body, let date = bodyRetryAt(body, now: now) { return date }
        for name in ["x-ratelimit-reset", "ratelimit-reset", "x-rate-limit-reset"] {
            if let value = headers[name], let date = parseReset(value, now: now) { return date }
        }
        return nil
    }

    /// `Retry-After`: delta seconds (decimals tolerated) or an HTTP-date.
    public static func parseRetryAfter(_ value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) {
            guard seconds.isFinite, seconds >= 0 else { return nil }
            return now + min(seconds, maxHint)
        }
        return parseHTTPDate(trimmed)
    }

    /// A reset header: ISO-8601, epoch seconds, or seconds remaining.
    public static func parseReset(_ value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) {
            guard seconds.isFinite, seconds >= 0 else { return nil }
            if seconds >= 1_000_000_000 { return Date(timeIntervalSince1970: seconds) }
            return now + min(seconds, maxHint)
        }
        return parseISO8601(trimmed)
    }

    /// Hints some platforms give in the JSON body only.
    static func bodyRetryAt(_ body: Data, now: Date) -> Date? {
        // Rate-limit bodies are small; do not parse a large page to look for them.
        guard body.count <= 64 * 1024, let json = try? JSONValue.parse(body) else { return nil }
        if let milliseconds = json["retry_after_ms"]?.double, milliseconds >= 0 {
            return now + min(milliseconds / 1000, maxHint)
        }
        if let seconds = json["extras"]?["wait_seconds"]?.double, seconds >= 0 { return now + min(seconds, maxHint) }
        if let seconds = json["retry_after"]?.double, seconds >= 0 { return now + min(seconds, maxHint) }
        if let seconds = json["parameters"]?["retry_after"]?.double, seconds >= 0 {
            return now + min(seconds, maxHint)
        }
        return nil
    }

    /// A hint longer than a day is treated as a day: a bogus header must not park a channel forever.
    static let maxHint: TimeInterval = 86_400

    /// RFC 9110 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func parseHTTPDate(_ value: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value)
    }

    /// An ISO-8601 date-time, with or without fractional seconds.
    public static func parseISO8601(_ value: String) -> Date? {
        if let date = try? Date(value, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(value, strategy: Date.ISO8601FormatStyle())
    }
}

/// What a platform says is left of the current rate-limit window, when it says so.
public struct RateLimitQuota: Sendable, Equatable {
    public var limit: Int?
    public var remaining: Int?
    /// When the window resets.
    public var resetAt: Date?

    public init(limit: Int?, remaining: Int?, resetAt: Date?) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// Reads `X-RateLimit-*` (Mastodon, Discord, Reddit), `RateLimit-*` (IETF draft, Bluesky) or
    /// `X-Rate-Limit-*` (X); `nil` when none is present.
    /// - Parameter headers: response headers, names lower-cased.
    public init?(headers: [String: String], now: Date) {
        for prefix in ["x-ratelimit-", "ratelimit-", "x-rate-limit-"] {
            let limit = headers[prefix + "limit"].flatMap { Self.leadingInt($0) }
            let remaining = headers[prefix + "remaining"].flatMap { Self.leadingInt($0) }
            let reset = headers[prefix + "reset"].flatMap { RateLimitHints.parseReset($0, now: now) }
            if limit != nil || remaining != nil || reset != nil {
                self.init(limit: limit, remaining: remaining, resetAt: reset)
                return
            }
        }
        return nil
    }

    /// `300`, or the first number of a structured value such as `100;w=60`; decimals are floored.
    private static func leadingInt(_ value: String) -> Int? {
        let head = value.split(whereSeparator: { $0 == ";" || $0 == "," }).first ?? ""
        let text = head.trimmingCharacters(in: .whitespaces)
        if let integer = Int(text) { return integer }
        if let number = Double(text), number.isFinite, abs(number) < 1e15 { return Int(number.rounded(.down)) }
        return nil
    }
}
