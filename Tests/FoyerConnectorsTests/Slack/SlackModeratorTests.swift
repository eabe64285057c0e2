import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct SlackModeratorTests {
    func withSlack(
        _ body: (_ moderator: any Moderator, _ context: ChannelContext, _ fake: FakeSlackAPI) async throws -> Void
    ) async throws {
        let fake = FakeSlackAPI()
        try await FakeHTTPServer.run({ fake.handle($0) }) { baseURL, _ in
            let connector = SlackConnector(http: TestHTTP.connectorClient(platform: "Slack"))
            let context = ChannelFixtures.context(
                .slack,
                settings: ["apiBaseURL": baseURL.appending(path: "api").absoluteString, "channelID": "C0GENERAL"],
                credentials: ["signingSecret": "s", "botToken": fake.token])
            try await body(try #require(connector.moderator), context, fake)
        }
    }

    func request(_ action: ModerationAction, message: String?) -> ModerationRequest {
        ModerationRequest(
            action: action, externalMessageID: message, threadID: "C0GENERAL:1700000000.000100",
            externalAuthorID: "U2CERLKJA", reason: nil, idempotencyKey: "m")
    }

    @Test func delete_removesTheAppsOwnMessage_andAgainSucceeds() async throws {
        try await withSlack { moderator, context, fake in
            let connector = SlackConnector(http: TestHTTP.connectorClient(platform: "Slack"))
            let sent = try await #require(connector.publisher).publish(
                OutboundPost(body: "Wrong channel", idempotencyKey: "p"), context: context)

            try await moderator.perform(request(.delete, message: sent.externalID), context: context)
            #expect(fake.posted.isEmpty)
            try await moderator.perform(request(.delete, message: sent.externalID), context: context)
        }
    }

    @Test func delete_ofSomeoneElsesMessage_isRefusedWithWhatToDoInstead() async throws {
        try await withSlack { moderator, context, fake in
            fake.seed(channel: "C0GENERAL", ts: "1700000000.000100", text: "spam", user: "U2CERLKJA")
            let error = try await #require(throws: ConnectorError.self) {
                try await moderator.perform(request(.delete, message: "C0GENERAL:1700000000.000100"), context: context)
            }
            #expect(error.kind == .rejected)
            #expect(error.message.contains("workspace admin"))
            #expect(fake.all.count == 1)
        }
    }

    @Test func hideAndBan_areRefused_andNotClaimed() async throws {
        try await withSlack { moderator, context, fake in
            for action in [ModerationAction.hide, .ban] {
                let error = try await #require(throws: ConnectorError.self) {
                    try await moderator.perform(request(action, message: "C0GENERAL:1.2"), context: context)
                }
                #expect(error.kind == .rejected)
            }
            let capabilities = SlackConnector(http: TestHTTP.connectorClient(platform: "Slack")).capabilities
            #expect(capabilities.delete && !capabilities.hide && !capabilities.ban)
        }
    }
}
