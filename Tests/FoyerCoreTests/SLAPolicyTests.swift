import Foundation
import FoyerCore
import Testing

@Suite("SLA policy and business hours")
struct SLAPolicyTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    /// A local wall-clock time in Paris.
    func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    @Test func businessTime_skipsTheWeekend() {
        // Friday 2026-01-16 16:00 to Monday 2026-01-19 10:00, office hours 09:00-17:00.
        let policy = SLAPolicy(target: 2 * 3600, hours: .officeHours, timeZone: paris)
        let friday = local(2026, 1, 16, 16)
        let monday = local(2026, 1, 19, 10)
        #expect(policy.businessTime(from: friday, to: monday) == 2 * 3600)
        #expect(policy.isBreached(waitingSince: friday, now: monday))
        #expect(!policy.isBreached(waitingSince: friday, now: local(2026, 1, 19, 9, 59)))
        // Saturday and Sunday count for nothing.
        #expect(policy.businessTime(from: local(2026, 1, 17, 8), to: local(2026, 1, 18, 20)) == 0)
    }

    @Test func breachCutoff_isTheInverseOfBusinessTime() throws {
        let policy = SLAPolicy(target: 2 * 3600, hours: .officeHours, timeZone: paris)
        let monday = local(2026, 1, 19, 10)
        // Two business hours before Monday 10:00 is Friday 16:00.
        #expect(try #require(policy.breachCutoff(now: monday)) == local(2026, 1, 16, 16))
        let tuesdayNoon = local(2026, 1, 20, 12)
        #expect(try #require(policy.breachCutoff(now: tuesdayNoon)) == local(2026, 1, 20, 10))
        // Before opening, the clock stands still since the previous evening.
        #expect(try #require(policy.breachCutoff(now: local(2026, 1, 20, 7))) == local(2026, 1, 19, 15))
    }

    @Test func businessTime_onTheDayClocksGoForward_countsTheRealHours() {
        // Sunday 2026-03-29: Paris goes from 02:00 to 03:00.
        let allDay = BusinessHours(periods: Weekday.allCases.map { .init(weekday: $0, start: 0, end: 1440) })
        let policy = SLAPolicy(target: 3600, hours: allDay, timeZone: paris)
        #expect(policy.businessTime(from: local(2026, 3, 29, 0), to: local(2026, 3, 30, 0)) == 23 * 3600)
        let night = BusinessHours(periods: [.init(weekday: .sunday, start: 60, end: 240)])
        let nightPolicy = SLAPolicy(target: 3600, hours: night, timeZone: paris)
        #expect(nightPolicy.businessTime(from: local(2026, 3, 28, 0), to: local(2026, 3, 30, 0)) == 2 * 3600)
        // Office hours keep their wall-clock times: Monday after the change is still 09:00-17:00 local.
        let office = SLAPolicy(target: 3600, hours: .officeHours, timeZone: paris)
        #expect(office.businessTime(from: local(2026, 3, 27, 16), to: local(2026, 3, 30, 10)) == 2 * 3600)
    }

    @Test func aroundTheClock_countsElapsedTime() throws {
        let policy = SLAPolicy(target: 600, hours: .aroundTheClock, timeZone: paris)
        let start = local(2026, 1, 17, 23, 55)
        #expect(policy.businessTime(from: start, to: start.addingTimeInterval(900)) == 900)
        #expect(try #require(policy.breachCutoff(now: start)) == start.addingTimeInterval(-600))
        #expect(policy.businessTime(from: start, to: start.addingTimeInterval(-5)) == 0)
    }

    @Test func businessHours_parseAndValidate() throws {
        let hours = try BusinessHours.parse("mon 09:00-12:30\n\ntue 14:00-24:00")
        #expect(
            hours.periods == [
                .init(weekday: .monday, start: 540, end: 750), .init(weekday: .tuesday, start: 840, end: 1440),
            ])
        #expect(try BusinessHours.parse(hours.text) == hours)
        #expect(throws: DomainError.self) { try BusinessHours.parse("monday 9-5") }
        #expect(throws: DomainError.self) { try BusinessHours.parse("mon 17:00-09:00") }
        #expect(throws: DomainError.self) { try BusinessHours.parse("mon 09:00-12:00\nmon 11:00-13:00") }
        #expect(throws: DomainError.self) { try InboxSettings(firstResponseMinutes: 0).validated() }
    }

    @Test func policy_fromSettings_needsATarget() {
        #expect(SLAPolicy(settings: InboxSettings(), timeZoneIdentifier: "Europe/Paris") == nil)
        let policy = SLAPolicy(settings: InboxSettings(firstResponseMinutes: 30), timeZoneIdentifier: "Europe/Paris")
        #expect(policy?.target == 1800)
    }
}

@Suite("Saved replies")
struct SavedReplyTests {
    func reply(_ name: String, intents: [String], languages: [String]) -> SavedReply {
        SavedReply(
            id: SavedReplyID(Int64(name.count)), workspaceID: WorkspaceID(1), name: name, intents: intents,
            versions: languages.map { SavedReplyVersion(language: $0, body: "\($0) body") },
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func render_fillsKnownVariablesAndKeepsTheRest() {
        let text = ReplyTemplate.render(
            "Hello {{member.name}}, I am {{ agent.name }} from {{workspace.name}}. {{unknown}} {{open",
            values: ["member.name": "Alice", "agent.name": "Bob", "workspace.name": "Acme"])
        #expect(text == "Hello Alice, I am Bob from Acme. {{unknown}} {{open")
    }

    @Test func suggestions_putIntentAndLanguageMatchesFirst() {
        let replies = [
            reply("Zebra", intents: [], languages: ["fr"]),
            reply("Apology", intents: ["complaint"], languages: ["en"]),
            reply("Excuses", intents: ["complaint"], languages: ["fr"]),
            reply("Other", intents: ["praise"], languages: ["en"]),
        ]
        let names = SavedReply.suggestions(replies, intents: ["complaint"], language: "fr").map(\.name)
        #expect(names == ["Excuses", "Apology", "Zebra", "Other"])
    }

    @Test func version_fallsBackToTheWorkspaceLanguage() {
        let saved = reply("Thanks", intents: [], languages: ["en", "fr"])
        #expect(saved.version(for: "fr", fallback: "en")?.language == "fr")
        #expect(saved.version(for: "de", fallback: "en")?.language == "en")
        #expect(saved.version(for: nil, fallback: "fr")?.language == "fr")
    }

    @Test func validation_refusesBadInput() throws {
        let good = NewSavedReply(
            name: " Thanks ", intents: ["praise"], versions: [.init(language: "EN", body: " Thank you! ")])
        let valid = try good.validated()
        #expect(valid.name == "Thanks")
        #expect(valid.versions == [SavedReplyVersion(language: "en", body: "Thank you!")])
        #expect(throws: DomainError.self) { try NewSavedReply(name: "x", intents: [], versions: []).validated() }
        #expect(throws: DomainError.self) {
            try NewSavedReply(name: "x", intents: ["nonsense"], versions: [.init(language: "en", body: "b")])
                .validated()
        }
        #expect(throws: DomainError.self) {
            try NewSavedReply(
                name: "x", intents: [], versions: [.init(language: "en", body: "a"), .init(language: "en", body: "b")]
            ).validated()
        }
        #expect(throws: DomainError.self) {
            try NewSavedReply(name: "x", intents: [], versions: [.init(language: "<b>", body: "a")]).validated()
        }
    }

    @Test func savedViewFilters_keepKnownKeysOnly() throws {
        #expect(try SavedView.validatedFilters(["status": "open", "q": " "]) == ["status": "open"])
        #expect(throws: DomainError.self) { try SavedView.validatedFilters(["evil": "1"]) }
    }
}
