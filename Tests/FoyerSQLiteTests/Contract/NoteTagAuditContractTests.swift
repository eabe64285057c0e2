import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

@Suite("Notes, tags and audit (contract)")
struct NoteTagAuditContractTests {
    @Test(arguments: StorageFactory.all)
    func notes_areListedOnTheirConversationAndMember_oldestFirst(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        let first = try await fixture.storage.notes.add(
            body: "  Called them  ", author: inbox.owner.id, conversation: inbox.conversation.id, member: nil,
            in: inbox.id)
        fixture.clock.advance(by: 60)
        let second = try await fixture.storage.notes.add(
            body: "VIP customer", author: inbox.owner.id, conversation: nil, member: inbox.member.id, in: inbox.id)
        #expect(first.body == "Called them")
        #expect(try await fixture.storage.notes.list(conversation: inbox.conversation.id, in: inbox.id) == [first])
        #expect(try await fixture.storage.notes.list(member: inbox.member.id, in: inbox.id) == [second])
        #expect(second.createdAt == Fixture.now.addingTimeInterval(60))
    }

    @Test(arguments: StorageFactory.all)
    func note_withoutTargetOrBody_isInvalid(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let inbox = try await fixture.seed.inbox(named: "Acme", owner: "owner@example.org")
        await #expect {
            _ = try await fixture.storage.notes.add(
                body: "x", author: inbox.owner.id, conversation: nil, member: nil, in: inbox.id)
        } throws: { isInvalid($0, field: "note") }
        await #expect {
            _ = try await fixture.storage.notes.add(
                body: " \n ", author: inbox.owner.id, conversation: inbox.conversation.id, member: nil, in: inbox.id)
        } throws: { isInvalid($0, field: "body") }
        #expect(try await fixture.storage.notes.list(conversation: inbox.conversation.id, in: inbox.id).isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func tag_withSameNameInAnyCase_throwsConflict(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let globex = try await fixture.seed.workspace(named: "Globex", owner: "owner@example.org")
        let tag = try await fixture.storage.tags.create(name: "Urgent", color: "#FF0000", in: acme.id)
        #expect(tag.color == "#ff0000")
        await #expect(throws: DomainError.conflict("A tag with this name already exists.")) {
            _ = try await fixture.storage.tags.create(name: "URGENT", color: "#00ff00", in: acme.id)
        }
        _ = try await fixture.storage.tags.create(name: "urgent", color: "#00ff00", in: globex.id)
        #expect(try await fixture.storage.tags.list(in: acme.id) == [tag])
    }

    @Test(arguments: StorageFactory.all)
    func tag_withBadColour_isInvalid(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        await #expect { _ = try await fixture.storage.tags.create(name: "x", color: "red;}", in: acme.id) } throws: {
            $0 is DomainError
        }
        #expect(try await fixture.storage.tags.list(in: acme.id).isEmpty)
    }

    @Test(arguments: StorageFactory.all)
    func audit_recordsEventsWithDetails_newestFirst(factory: StorageFactory) async throws {
        let fixture = try await Fixture(factory)
        let acme = try await fixture.seed.workspace(named: "Acme", owner: "owner@example.org")
        let first = try await fixture.storage.audit.record(
            NewAuditEvent(
                workspaceID: acme.id, actorID: acme.owner.id, action: "member.role_changed", targetType: "user",
                targetID: "2", details: ["from": "analyst", "to": "admin"]))
        fixture.clock.advance(by: 1)
        let second = try await fixture.storage.audit.record(
            NewAuditEvent(workspaceID: acme.id, actorID: nil, action: "workspace.updated"))
        try await fixture.storage.audit.record(
            NewAuditEvent(workspaceID: nil, actorID: acme.owner.id, action: "user.signed_in"))
        #expect(first.details == ["from": "analyst", "to": "admin"])
        #expect(try await fixture.storage.audit.list(in: acme.id, page: PageRequest()).items == [second, first])
    }
}
