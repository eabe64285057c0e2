import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct RateLimitHintsTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func retryAfterSeconds() {
        #expect(RateLimitHints.retryAt(headers: ["retry-after": "30"], body: nil, now: now) == now + 30)
        #expect(RateLimitHints.retryAt(headers: ["retry-after": "1.5"], body: nil, now: now) == now + 1.5)
    }

    @Test func retryAfterHTTPDate() {
        let date = RateLimitHints.retryAt(
            headers: ["retry-after": "Tue, 14 Nov 2023 22:15:20 GMT"], body: nil, now: now)
        #expect(date == Date(timeIntervalSince1970: 1_700_000_120))
    }

    @Test func mastodonISO8601Reset() {
        let date = RateLimitHints.retryAt(
            headers: ["x-ratelimit-reset": "2023-11-14T22:18:20.000Z"], body: nil, now: now)
        #expect(date == Date(timeIntervalSince1970: 1_700_000_300))
        let plain = RateLimitHints.retryAt(headers: ["x-ratelimit-reset": "2023-11-14T22:18:20Z"], body: nil, now: now)
        #expect(plain == Date(timeIntervalSince1970: 1_700_000_300))
    }

    @Test func epochResetAndSecondsRemaining() {
        #expect(
            RateLimitHints.retryAt(headers: ["x-ratelimit-reset": "1700000042"], body: nil, now: now)
                == Date(timeIntervalSince1970: 1_700_000_042))
        #expect(RateLimitHints.retryAt(headers: ["x-ratelimit-reset": "42"], body: nil, now: now) == now + 42)
        #expect(RateLimitHints.retryAt(headers: ["ratelimit-reset": "7"], body: nil, now: now) == now + 7)
    }

    @Test func matrixAndDiscourseBodies() {
        let matrix = Data(#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2500}"#.utf8)
        #expect(RateLimitHints.retryAt(headers: [:], body: matrix, now: now) == now + 2.5)
        let discourse = Data(
            #"{"errors":["You’ve performed this action too many times."],"error_type":"rate_limit","extras":{"wait_seconds":12}}"#
                .utf8)
        #expect(RateLimitHints.retryAt(headers: [:], body: discourse, now: now) == now + 12)
    }

    @Test func retryAfterHeaderWinsOverBody() {
        let body = Data(#"{"extras":{"wait_seconds":12}}"#.utf8)
        #expect(RateLimitHints.retryAt(headers: ["retry-after": "3"], body: body, now: now) == now + 3)
    }

    @Test func noHintOrGarbage_givesNil_andHugeHintsAreCapped() {
        #expect(RateLimitHints.retryAt(headers: [:], body: Data("<html>".utf8), now: now) == nil)
        #expect(RateLimitHints.retryAt(headers: ["retry-after": "soon"], body: nil, now: now) == nil)
        #expect(RateLimitHints.retryAt(headers: ["retry-after": "-5"], body: nil, now: now) == nil)
        #expect(RateLimitHints.retryAt(headers: ["retry-after": "99999999"], body: nil, now: now) == now + 86_400)
    }

    @Test func quota_readsEachHeaderFamily() {
        let mastodon = RateLimitQuota(
            headers: [
                "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": "2023-11-14T22:18:20Z",
            ],
            now: now)
        #expect(
            mastodon == RateLimitQuota(limit: 300, remaining: 299, resetAt: Date(timeIntervalSince1970: 1_700_000_300)))
        let ietf = RateLimitQuota(
            headers: ["ratelimit-limit": "100;w=60", "ratelimit-remaining": "3", "ratelimit-reset": "20"], now: now)
        #expect(ietf == RateLimitQuota(limit: 100, remaining: 3, resetAt: now + 20))
        let reddit = RateLimitQuota(headers: ["x-ratelimit-remaining": "95.0"], now: now)
        #expect(reddit?.remaining == 95)
        #expect(RateLimitQuota(headers: ["content-type": "text/html"], now: now) == nil)
    }
}
