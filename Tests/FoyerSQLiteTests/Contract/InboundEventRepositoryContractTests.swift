import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Inbound events and cursors (contract)")
struct InboundEventRepositoryContractTests {
    static func event(
        _ channel: Channel, delivery: String?, body: String = #"{"text":"hello"}"#, at seconds: Double = 0,
        source: InboundSource = .webhook
    ) -> NewInboundEvent {
        NewInboundEvent(
            channelID: channel.id, source: source, deliveryID: delivery, payload: Data(body.utf8),
            receivedAt: Fixture.now.addingTimeInterval(seconds))
    }

    static func id(_ result: InboundAppendResult) -> InboundEventID {
        switch result {
        case .stored(let id), .duplicate(let id): id
        }
    }

    @Test(arguments: StorageFactory.all)
    func append_storesTheRawPayload_andASecondDeliveryWithTheSameIDIsADuplicate(factory: StorageFactory)
        async throws
    {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await fixture.seed.channel(in: acme.id, kind: .slack)
        let raw = "{ \"event_id\": \"Ev1\",  \"text\": \"unchanged  spacing\" }"
        let first = try await fixture.storage.inboundEvents.append(
            Self.event(channel, delivery: "Ev1", body: raw), in: acme.id)
        guard case .stored(let id) = first else {
            Issue.record("expected a stored event, got \(first)")
            return
        }
        let again = try await fixture.storage.inboundEvents.append(
            Self.event(channel, delivery: "Ev1", body: "retry", at: 5), in: acme.id)
        #expect(again == .duplicate(id))
        // Events without a delivery id are never taken for duplicates.
        let anonymous1 = try await fixture.storage.inboundEvents.append(Self.event(channel, delivery: nil), in: acme.id)
        let anonymous2 = try await fixture.storage.inboundEvents.append(Self.event(channel, delivery: nil), in: acme.id)
        #expect(Self.id(anonymous1) != Self.id(anonymous2))
        if case .duplicate = anonymous2 { Issue.record("an event without delivery id was taken for a duplicate") }

        let due = try await fixture.storage.inboundEvents.due(now: Fixture.now.addingTimeInterval(10), limit: 10)
        #expect(due.count == 3)
        let stored = try #require(due.first { $0.id == id })
        #expect(stored.payload == Data(raw.utf8))
        #expect(stored.status == .pending)
        #expect(stored.source == .webhook)
        #expect(stored.deliveryID == "Ev1")
        #expect(stored.workspaceID == acme.id)
        #expect(stored.attempts == 0)
        #expect(try await fixture.storage.inboundEvents.count(in: acme.id, status: .pending) == 3)
    }

    @Test(arguments: StorageFactory.all)
    func concurrentAppends_areEachStoredOnce_andARefusedOneFailsAlone(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let other = try await fixture.seed.workspace(named: "Other", owner: "other@example.org")
        let channel = try await fixture.seed.channel(in: acme.id, kind: .slack)
        let foreign = try await fixture.seed.channel(in: other.id, kind: .slack)
        let storage = fixture.storage
        // 200 deliveries at once: 150 distinct ids, 50 redeliveries, and one naming another workspace's channel.
        let results = await withTaskGroup(of: (Int, Result<InboundAppendResult, any Error>).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let delivery = "Ev\(index % 150)"
                    do {
                        return (index, .success(try await storage.inboundEvents.append(Self.event(channel, delivery: delivery), in: acme.id)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            group.addTask {
                do {
                    return (-1, .success(try await storage.inboundEvents.append(Self.event(foreign, delivery: "X"), in: acme.id)))
                } catch {
                    return (-1, .failure(error))
                }
            }
            var all: [Int: Result<InboundAppendResult, any Error>] = [:]
            for await (index, result) in group { all[index] = result }
            return all
        }
        var stored = Set<InboundEventID>()
        var duplicates = 0
        for index in 0..<200 {
            switch results[index] {
            case .success(.stored(let id)): stored.insert(id)
            case .success(.duplicate): duplicates += 1
            default: Issue.record("delivery \(index) failed: \(String(describing: results[index]))")
            }
        }
        #expect(stored.count == 150)
        #expect(duplicates == 50)
        guard case .failure(let error) = results[-1] else {
            Issue.record("a delivery for another workspace's channel was stored")
            return
        }
        #expect(error as? DomainError == .notFound("Channel not found."))
        #expect(try await storage.inboundEvents.count(in: acme.id, status: .pending) == 150)
        #expect(try await storage.inboundEvents.count(in: other.id, status: nil) == 0)
    }

    @Test(arguments: StorageFactory.all)
    func failedEvents_areRetriedAtTheirTime_thenDead_andARequeueBringsThemBack(factory: StorageFactory)
        async throws
    {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await fixture.seed.channel(in: acme.id)
        let events = fixture.storage.inboundEvents
        let first = Self.id(try await events.append(Self.event(channel, delivery: "a", at: 0), in: acme.id))
        let second = Self.id(try await events.append(Self.event(channel, delivery: "b", at: 1), in: acme.id))
        let later = Fixture.now.addingTimeInterval(2)
        #expect(try await events.due(now: later, limit: 10).map(\.id) == [first, second])
        #expect(try await events.due(now: later, limit: 1).map(\.id) == [first])

        try await events.markFailed(first, error: "decode failed", retryAt: later.addingTimeInterval(60), maxAttempts: 2)
        #expect(try await events.due(now: later, limit: 10).map(\.id) == [second])
        let retried = try await events.due(now: later.addingTimeInterval(61), limit: 10)
        #expect(retried.map(\.id) == [second, first])
        let failed = try #require(retried.last)
        #expect(failed.status == .failed)
        #expect(failed.attempts == 1)
        #expect(failed.lastError == "decode failed")

        try await events.markFailed(first, error: "still broken", retryAt: later, maxAttempts: 2)
        #expect(try await events.due(now: later.addingTimeInterval(3600), limit: 10).map(\.id) == [second])
        let failures = try await events.failures(in: acme.id, channel: nil, limit: 10)
        #expect(failures.map(\.id) == [first])
        #expect(failures.first?.status == .dead)
        #expect(failures.first?.lastError == "still broken")
        #expect(try await events.failures(in: acme.id, channel: channel.id, limit: 10).count == 1)

        try await events.requeue(first, in: acme.id, now: later.addingTimeInterval(100))
        let requeued = try await events.due(now: later.addingTimeInterval(100), limit: 10)
        #expect(requeued.map(\.id) == [second, first])
        #expect(requeued.last?.status == .pending)
        #expect(requeued.last?.attempts == 0)

        try await events.markProcessed([first, second], at: later.addingTimeInterval(101))
        #expect(try await events.due(now: later.addingTimeInterval(3600), limit: 10).isEmpty)
        #expect(try await events.count(in: acme.id, status: .processed) == 2)
        #expect(try await events.count(in: acme.id, status: nil) == 2)
        // Only failed or dead events can be requeued.
        await #expect { try await events.requeue(first, in: acme.id, now: later) } throws: { isConflict($0) }
    }

    @Test(arguments: StorageFactory.all)
    func markFailed_errorsLongerThanTheColumnAreCut(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await fixture.seed.channel(in: acme.id)
        let id = Self.id(try await fixture.storage.inboundEvents.append(Self.event(channel, delivery: "x"), in: acme.id))
        try await fixture.storage.inboundEvents.markFailed(
            id, error: String(repeating: "é", count: 5000), retryAt: Fixture.now, maxAttempts: 10)
        let failure = try #require(try await fixture.storage.inboundEvents.failures(in: acme.id, channel: nil, limit: 1).first)
        #expect(failure.lastError?.count == 2000)
    }

    @Test(arguments: StorageFactory.all)
    func cursor_roundTrips_andNilClearsIt(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let channel = try await fixture.seed.channel(in: acme.id, kind: .mastodon)
        let cursors = fixture.storage.channelCursors
        #expect(try await cursors.cursor(for: channel.id, in: acme.id) == nil)
        try await cursors.setCursor("min_id=109", for: channel.id, in: acme.id)
        #expect(try await cursors.cursor(for: channel.id, in: acme.id) == "min_id=109")
        try await cursors.setCursor("min_id=110", for: channel.id, in: acme.id)
        #expect(try await cursors.cursor(for: channel.id, in: acme.id) == "min_id=110")
        try await cursors.setCursor(nil, for: channel.id, in: acme.id)
        #expect(try await cursors.cursor(for: channel.id, in: acme.id) == nil)
        await #expect { try await cursors.setCursor("", for: channel.id, in: acme.id) } throws: {
            isInvalid($0, field: "cursor")
        }
    }

    @Test(arguments: StorageFactory.all)
    func appendPoll_storesTheEventAndTheCursorTogether_orNeither(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let channel = try await fixture.seed.channel(in: acme.id, kind: .mastodon)
        let id = try await fixture.storage.inboundEvents.appendPoll(
            Self.event(channel, delivery: nil, body: "[]", source: .poll), cursor: "page-2", in: acme.id)
        #expect(try await fixture.storage.channelCursors.cursor(for: channel.id, in: acme.id) == "page-2")
        let due = try await fixture.storage.inboundEvents.due(now: Fixture.now, limit: 10)
        #expect(due.map(\.id) == [id])
        #expect(due.first?.source == .poll)
        // A nil cursor keeps the previous one.
        _ = try await fixture.storage.inboundEvents.appendPoll(
            Self.event(channel, delivery: nil, body: "[]", source: .poll), cursor: nil, in: acme.id)
        #expect(try await fixture.storage.channelCursors.cursor(for: channel.id, in: acme.id) == "page-2")
        // Refused from another workspace: no event and no cursor moves.
        await #expect {
            _ = try await fixture.storage.inboundEvents.appendPoll(
                Self.event(channel, delivery: nil, body: "[]", source: .poll), cursor: "page-9", in: globex.id)
        } throws: { isNotFound($0) }
        #expect(try await fixture.storage.channelCursors.cursor(for: channel.id, in: acme.id) == "page-2")
        #expect(try await fixture.storage.channelCursors.cursor(for: channel.id, in: globex.id) == nil)
        #expect(try await fixture.storage.inboundEvents.count(in: globex.id, status: nil) == 0)
        #expect(try await fixture.storage.inboundEvents.count(in: acme.id, status: nil) == 2)
    }

    @Test(arguments: StorageFactory.all)
    func anotherWorkspace_cannotAppendToSeeOrRequeueEvents(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "other@example.org")
        let channel = try await fixture.seed.channel(in: acme.id)
        let events = fixture.storage.inboundEvents
        await #expect { _ = try await events.append(Self.event(channel, delivery: "x"), in: globex.id) } throws: {
            isNotFound($0)
        }
        let id = Self.id(try await events.append(Self.event(channel, delivery: "x"), in: acme.id))
        try await events.markFailed(id, error: "boom", retryAt: Fixture.now, maxAttempts: 1)
        #expect(try await events.failures(in: globex.id, channel: nil, limit: 10).isEmpty)
        #expect(try await events.failures(in: globex.id, channel: channel.id, limit: 10).isEmpty)
        #expect(try await events.count(in: globex.id, status: nil) == 0)
        await #expect { try await events.requeue(id, in: globex.id, now: Fixture.now) } throws: { isNotFound($0) }
        #expect(try await events.failures(in: acme.id, channel: nil, limit: 10).first?.status == .dead)
        await #expect { try await fixture.storage.channelCursors.setCursor("c", for: channel.id, in: globex.id) }
            throws: { isNotFound($0) }
    }
}
