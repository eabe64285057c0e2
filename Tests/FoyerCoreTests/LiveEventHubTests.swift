import FoyerCore
import Testing

@Suite struct LiveEventHubTests {
    @Test func eventsReachOnlyTheirWorkspace_andCloseEndsEveryStream() async throws {
        let hub = LiveEventHub()
        let mine = hub.subscribe(to: WorkspaceID(1))
        let theirs = hub.subscribe(to: WorkspaceID(2))
        hub.publish(LiveEvent(kind: .conversationUpdated, workspaceID: WorkspaceID(1), conversationID: ConversationID(7)))
        hub.close()
        var received: [LiveEvent] = []
        for await event in mine { received.append(event) }
        #expect(received.map(\.conversationID) == [ConversationID(7)])
        var other = 0
        for await _ in theirs { other += 1 }
        #expect(other == 0)
        #expect(hub.subscriberCount(in: WorkspaceID(1)) == 0)

        // After close, a new subscription ends at once instead of keeping a response open.
        var late = 0
        for await _ in hub.subscribe(to: WorkspaceID(1)) { late += 1 }
        #expect(late == 0)
    }
}
