import Foundation
import FoyerCore
import FoyerTestSupport
import Testing

/// Importing rows into the stock is one transaction: everything or nothing.
@Suite struct ContentImportStorageTests {
    @Test func import_createsAndUpdates_andAnUnknownIdRollsBackEveryRow() async throws {
        let clock = PinnedClock(Seed.defaultStart)
        let storage = try await makeTestStorage(clock: clock)
        let seeded = try await Seed(storage).workspace(named: "Cime", owner: "owner@example.org")
        let other = try await Seed(storage).workspace(named: "Other", owner: "other@example.org")
        let workspace = seeded.workspace.id
        let existing = try await storage.content.create(
            ContentDraft(title: "Old title", body: "Old text", status: .draft), createdBy: nil, in: workspace)
        let foreign = try await storage.content.create(ContentDraft(title: "Theirs"), createdBy: nil, in: other.workspace.id)

        let rows = [
            ContentCSV.ImportedRow(line: 2, id: nil, draft: ContentDraft(title: "Fresh", body: "New text")),
            ContentCSV.ImportedRow(line: 3, id: existing.id, draft: ContentDraft(title: "New title", body: "Old text", status: nil)),
        ]
        // Another workspace's item in the batch: nothing of the batch is stored.
        await #expect(throws: DomainError.self) {
            _ = try await storage.content.importItems(
                rows + [ContentCSV.ImportedRow(line: 4, id: foreign.id, draft: ContentDraft(title: "Hijack"))],
                createdBy: seeded.owner.id, in: workspace)
        }
        let untouched = try await storage.content.list(in: workspace, filter: ContentFilter(), page: PageRequest())
        #expect(untouched.items.map(\.title) == ["Old title"])
        #expect(try await storage.content.find(foreign.id, in: other.workspace.id)?.title == "Theirs")

        let counts = try await storage.content.importItems(rows, createdBy: seeded.owner.id, in: workspace)
        #expect(counts == ContentImportCounts(created: 1, updated: 1))
        let after = try await storage.content.list(in: workspace, filter: ContentFilter(), page: PageRequest())
        #expect(Set(after.items.map(\.title)) == ["Fresh", "New title"])
        let updated = try #require(try await storage.content.find(existing.id, in: workspace))
        #expect(updated.status == .draft, "an empty status keeps the item's")
        #expect(after.items.first { $0.title == "Fresh" }?.status == .idea)
    }
}
