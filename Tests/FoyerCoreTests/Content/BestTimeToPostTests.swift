import Foundation
import FoyerCore
import Testing

@Suite("Best time to post")
struct BestTimeToPostTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        let days = LocalDay(year: year, month: month, day: day)!.daysSince1970
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60))
    }

    /// Tuesdays 18:xx Paris (winter and summer), Wednesdays 12:xx, and two very good Mondays 09:xx.
    var history: [(publishedAt: Date, engagement: Int)] {
        [
            (utc(2026, 1, 6, 17, 5), 100),  // Tue 18:05 CET
            (utc(2026, 1, 13, 17, 40), 120),  // Tue 18:40 CET
            (utc(2026, 6, 2, 16, 10), 110),  // Tue 18:10 CEST
            (utc(2026, 1, 7, 11), 50),  // Wed 12:00 CET
            (utc(2026, 1, 14, 11, 30), 40),  // Wed 12:30
            (utc(2026, 1, 21, 11, 59), 60),  // Wed 12:59
            (utc(2026, 1, 5, 8), 500),  // Mon 09:00
            (utc(2026, 1, 12, 8), 700),  // Mon 09:00
        ]
    }

    @Test func slots_areLocalWeekdayAndHour_acrossDaylightSaving() throws {
        let stats = BestTimeToPost(posts: history, timeZone: paris)
        let tuesday = try #require(stats.slots.first { $0.slot == .init(weekday: .tuesday, hour: 18) })
        #expect(tuesday.sampleSize == 3)
        #expect(tuesday.averageEngagement == 110)
        #expect(
            stats.slots.map(\.slot) == [
                .init(weekday: .monday, hour: 9), .init(weekday: .tuesday, hour: 18),
                .init(weekday: .wednesday, hour: 12),
            ])
        // In UTC the same posts fall into other hours.
        #expect(
            BestTimeToPost(posts: history, timeZone: .gmt).slots.contains {
                $0.slot == .init(weekday: .tuesday, hour: 16)
            })
        // Kolkata's half-hour offset: 12:45 UTC is 18:15 there.
        let kolkata = BestTimeToPost(
            posts: [(utc(2026, 1, 6, 12, 45), 1)], timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        #expect(kolkata.slots.map(\.slot) == [.init(weekday: .tuesday, hour: 18)])
    }

    @Test func bestSlots_needTheMinimumSample() {
        let stats = BestTimeToPost(posts: history, timeZone: paris)
        // The Monday slot has the best average but only two posts.
        #expect(
            stats.bestSlots().map(\.slot) == [.init(weekday: .tuesday, hour: 18), .init(weekday: .wednesday, hour: 12)])
        #expect(stats.bestSlots(limit: 1).map(\.slot) == [.init(weekday: .tuesday, hour: 18)])
        let lenient = BestTimeToPost(posts: history, timeZone: paris, minimumSample: 2)
        #expect(lenient.bestSlots().first?.slot == .init(weekday: .monday, hour: 9))
        #expect(lenient.bestSlots().first?.averageEngagement == 600)
    }

    @Test func nextGoodSlot_isTheNextLocalStart_DSTCorrect() {
        let stats = BestTimeToPost(posts: history, timeZone: paris)
        // Monday 23 March 10:00 CET: next is Tuesday 24 March 18:00 CET.
        #expect(stats.nextGoodSlot(after: utc(2026, 3, 23, 9)) == utc(2026, 3, 24, 17))
        // Friday 27 March: the next Tuesday is after the change to summer time, 18:00 CEST is 16:00 UTC.
        #expect(stats.nextGoodSlot(after: utc(2026, 3, 27, 9)) == utc(2026, 3, 31, 16))
        // Exactly at a slot's start, the next one is the following slot.
        #expect(stats.nextGoodSlot(after: utc(2026, 3, 24, 17)) == utc(2026, 3, 25, 11))
        // Only Tuesdays: from Tuesday 19:00 it is a week later.
        #expect(stats.nextGoodSlot(after: utc(2026, 3, 24, 18), limit: 1) == utc(2026, 3, 31, 16))
    }

    @Test func nextGoodSlot_isNilWithoutEnoughData() {
        let stats = BestTimeToPost(posts: Array(history.suffix(2)) + [(utc(2026, 1, 6, 17), 10)], timeZone: paris)
        #expect(stats.bestSlots().isEmpty)
        #expect(stats.nextGoodSlot(after: utc(2026, 3, 23, 9)) == nil)
        #expect(BestTimeToPost(posts: [], timeZone: paris).nextGoodSlot(after: utc(2026, 3, 23, 9)) == nil)
    }
}
