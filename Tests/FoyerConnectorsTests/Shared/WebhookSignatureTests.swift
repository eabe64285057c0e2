import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct WebhookSignatureTests {
    // Slack's documented worked example (PLATFORMS.md §3).
    static let slackSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let slackBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let slackSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"

    @Test func hmacHex_matchesSlackTestVector() {
        let hex = WebhookSignature.hmacSHA256Hex(
            secret: Self.slackSecret, message: "v0:1531420618:" + Self.slackBody)
        #expect("v0=" + hex == Self.slackSignature)
    }

    @Test func hmacHex_matchesDiscourseTestVector() {
        let hex = WebhookSignature.hmacSHA256Hex(secret: "my_lovely_secret_for_web_hook", message: #"{"ping":"OK"}"#)
        #expect(hex == "162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6")
    }

    @Test func isValid_acceptsPrefixesAndUppercaseHex() {
        let message = Data(#"{"ping":"OK"}"#.utf8)
        let secret = "my_lovely_secret_for_web_hook"
        let hex = "162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6"
        #expect(WebhookSignature.isValidHMACSHA256("sha256=" + hex, secret: secret, message: message))
        #expect(WebhookSignature.isValidHMACSHA256("SHA256=" + hex.uppercased(), secret: secret, message: message))
        #expect(WebhookSignature.isValidHMACSHA256(hex, secret: secret, message: message))
    }

    @Test func isValid_refusesWrongSecretTruncatedAndGarbage() {
        let message = Data(#"{"ping":"OK"}"#.utf8)
        let hex = "162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6"
        #expect(!WebhookSignature.isValidHMACSHA256("sha256=" + hex, secret: "other", message: message))
        #expect(
            !WebhookSignature.isValidHMACSHA256(
                "sha256=" + hex.dropLast(2), secret: "my_lovely_secret_for_web_hook", message: message))
        #expect(
            !WebhookSignature.isValidHMACSHA256(
                "sha256=zz" + hex.dropFirst(2), secret: "my_lovely_secret_for_web_hook", message: message))
        #expect(!WebhookSignature.isValidHMACSHA256("", secret: "my_lovely_secret_for_web_hook", message: message))
        // One changed byte of the body.
        #expect(
            !WebhookSignature.isValidHMACSHA256(
                "sha256=" + hex, secret: "my_lovely_secret_for_web_hook", message: Data(#"{"ping":"OK!"}"#.utf8)))
    }

    @Test func verify_throwsMissingThenBad() {
        let message = Data("x".utf8)
        #expect(throws: WebhookRejection.missingSignature) {
            try WebhookSignature.verifyHMACSHA256(nil, secret: "s", message: message)
        }
        #expect(throws: WebhookRejection.missingSignature) {
            try WebhookSignature.verifyHMACSHA256("  ", secret: "s", message: message)
        }
        #expect(throws: WebhookRejection.badSignature) {
            try WebhookSignature.verifyHMACSHA256("sha256=00", secret: "s", message: message)
        }
        let good = "sha256=" + WebhookSignature.hmacSHA256Hex(secret: "s", message: message)
        #expect(throws: Never.self) { try WebhookSignature.verifyHMACSHA256(good, secret: "s", message: message) }
    }

    @Test func constantTimeEquals_comparesContent() {
        #expect(WebhookSignature.constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(!WebhookSignature.constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!WebhookSignature.constantTimeEquals(Data([1, 2]), Data([1, 2, 3])))
    }

    @Test func timestamp_insideWindowPasses_outsideIsStale_garbageIsMalformed() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(try WebhookSignature.checkTimestamp("1700000300", now: now, header: "X") == 1_700_000_300)
        #expect(try WebhookSignature.checkTimestamp("1699999700", now: now, header: "X") == 1_699_999_700)
        #expect(throws: WebhookRejection.stale) {
            try WebhookSignature.checkTimestamp("1700000301", now: now, header: "X")
        }
        #expect(throws: WebhookRejection.stale) {
            try WebhookSignature.checkTimestamp("1699999699", now: now, header: "X")
        }
        #expect(throws: WebhookRejection.malformed("X must be a Unix time in seconds.")) {
            try WebhookSignature.checkTimestamp("yesterday", now: now, header: "X")
        }
    }
}
