import FoyerConnectors
import FoyerCore
import Testing

@Suite struct ConnectorsListTests {
    @Test func slackDiscourseAndWebhook_areRegistered_withTheirWebhookReceivers() {
        let registry = ConnectorRegistry(Connectors.all(policy: NetworkPolicy(allowPrivateNetworks: false)))
        for kind in [ChannelKind.slack, .discourse, .webhook] {
            #expect(registry[kind]?.webhook != nil, "\(kind) should receive webhooks")
            #expect(registry[kind]?.capabilities.ingest == .webhook)
        }
        #expect(registry[.slack]?.replier != nil)
        #expect(registry[.discourse]?.replier != nil)
        #expect(registry[.webhook]?.replier == nil)
    }
}
