import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct ErrorMappingTests {
    private func map(_ status: Int, _ body: String?, headers: [String: String] = [:]) -> ConnectorError {
        ConnectorError.from(status: status, body: body.map { Data($0.utf8) }, platform: "Discourse", headers: headers)
    }

    @Test func unauthorized_asksToReconnect() {
        let error = map(401, #"{"errors":["invalid api key"]}"#)
        #expect(error.kind == .unauthorized)
        #expect(error.message == "The Discourse token was refused; reconnect the channel in Settings › Channels.")
        #expect(error.statusCode == 401)
    }

    @Test func forbidden_namesTheMissingPermission() {
        let slack = ConnectorError.from(
            status: 403,
            body: Data(#"{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read"}"#.utf8),
            platform: "Slack")
        #expect(slack.kind == .forbidden)
        #expect(slack.message.contains("“chat:write”"))
        let discourse = map(
            403, #"{"errors":["You are not permitted to view the requested resource."],"error_type":"invalid_access"}"#)
        #expect(discourse.kind == .forbidden)
        #expect(discourse.message.contains("You are not permitted to view the requested resource."))
    }

    @Test func notFound() {
        #expect(map(404, nil).kind == .notFound)
        #expect(map(410, "").kind == .notFound)
    }

    @Test(arguments: [400, 409, 413, 422])
    func contentRefusals_areRejectedWithThePlatformMessage(status: Int) {
        let error = map(status, #"{"errors":["Body is too short (minimum is 20 characters)"]}"#)
        #expect(error.kind == .rejected)
        #expect(error.message.contains("Body is too short (minimum is 20 characters)"))
        #expect(error.isRetryable == false)
    }

    @Test func platformMessage_isSanitisedAndTruncated() {
        let long = String(repeating: "word ", count: 200)
        let error = map(422, "{\"error\":\"<script>x</script>\\n\\u0007\(long)\"}")
        #expect(!error.message.contains("<"))
        #expect(!error.message.contains("\u{7}"))
        #expect(!error.message.contains("\n"))
        #expect(error.message.count < 400)
        #expect(error.message.hasSuffix("…"))
    }

    @Test func htmlErrorPages_areNotQuoted() {
        let error = map(400, "<html><body><h1>Bad request</h1></body></html>")
        #expect(error.message == "Discourse refused the request (HTTP 400).")
    }

    @Test func rateLimited_carriesRetryAfter() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let error = ConnectorError.from(
            status: 429, body: Data(#"{"extras":{"wait_seconds":9}}"#.utf8), platform: "Discourse", now: now)
        #expect(error.kind == .rateLimited)
        #expect(error.retryAfter == now + 9)
        #expect(error.isRetryable)
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrors_areUnavailable(status: Int) {
        let error = map(status, "oops")
        #expect(error.kind == .unavailable)
        #expect(error.isRetryable)
    }

    @Test func success_passedHere_isAProtocolError() {
        #expect(map(200, "not json").kind == .protocolError)
    }

    @Test func transportErrors_areUnavailable() {
        struct Boom: Error {}
        #expect(ConnectorError.transport(Boom(), platform: "Slack").kind == .unavailable)
        let refused = ConnectorError(.configuration, "no")
        #expect(ConnectorError.transport(refused, platform: "Slack") == refused)
    }
}
