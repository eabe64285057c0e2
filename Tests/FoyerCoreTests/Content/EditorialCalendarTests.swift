import Foundation
import FoyerCore
import Testing

@Suite("Editorial calendar")
struct EditorialCalendarTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let toronto = TimeZone(identifier: "America/Toronto")!
    let auckland = TimeZone(identifier: "Pacific/Auckland")!
    let kolkata = TimeZone(identifier: "Asia/Kolkata")!
    let lordHowe = TimeZone(identifier: "Australia/Lord_Howe")!

    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        let days = LocalDay(year: year, month: month, day: day)!.daysSince1970
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60))
    }

    func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDay { LocalDay(year: year, month: month, day: day)! }

    @Test func localDay_civilArithmetic() throws {
        #expect(day(1970, 1, 1).daysSince1970 == 0)
        #expect(day(1970, 1, 1).weekday == .thursday)
        #expect(day(2026, 3, 29).weekday == .sunday)
        #expect(day(2024, 2, 28).adding(days: 1) == day(2024, 2, 29))
        #expect(day(2026, 12, 31).adding(days: 1) == day(2027, 1, 1))
        #expect(LocalDay(daysSince1970: -1) == day(1969, 12, 31))
        #expect(LocalDay(year: 2026, month: 2, day: 29) == nil)
        #expect(day(2026, 3, 9).description == "2026-03-09")
        #expect(throws: DomainError.self) { try LocalDay(DateComponents(year: 2026, month: 2)) }
    }

    @Test func monthGrid_startsOnMondayInFranceAndSundayInTheUnitedStates() throws {
        // March 2026 starts on a Sunday.
        let today = utc(2026, 3, 10, 12)
        let french = try EditorialCalendar(timeZone: paris, locale: Locale(identifier: "fr-FR"))
            .monthGrid(year: 2026, month: 3, today: today)
        #expect(french.count == 6)
        #expect(french.allSatisfy { $0.count == 7 })
        #expect(french[0][0].day == day(2026, 2, 23))
        #expect(french[0][0].weekday == .monday)
        #expect(!french[0][0].isInMonth)
        #expect(french[0][6].day == day(2026, 3, 1))
        #expect(french[0][6].isInMonth)
        #expect(french[5][1].day == day(2026, 3, 31))
        #expect(french[5][2].day == day(2026, 4, 1) && !french[5][2].isInMonth)
        #expect(french.joined().filter(\.isToday).map(\.day) == [day(2026, 3, 10)])

        let american = try EditorialCalendar(timeZone: toronto, locale: Locale(identifier: "en-US"))
            .monthGrid(year: 2026, month: 3, today: today)
        #expect(american.count == 5)
        #expect(american[0][0].day == day(2026, 3, 1))
        #expect(american[0][0].weekday == .sunday)
        #expect(american.joined().filter(\.isInMonth).count == 31)
        #expect(throws: DomainError.self) {
            try EditorialCalendar(timeZone: paris, firstWeekday: .monday).monthGrid(year: 2026, month: 13, today: today)
        }
    }

    @Test func today_isTheLocalDayOfTheZone() throws {
        // 23:30 UTC on 31 January is already 1 February in Paris.
        let now = utc(2026, 1, 31, 23, 30)
        let paris = try EditorialCalendar(timeZone: paris, firstWeekday: .monday).monthGrid(
            year: 2026, month: 2, today: now)
        #expect(paris.joined().filter(\.isToday).map(\.day) == [day(2026, 2, 1)])
        let toronto = try EditorialCalendar(timeZone: toronto, firstWeekday: .sunday).monthGrid(
            year: 2026, month: 2, today: now)
        #expect(toronto.joined().filter(\.isToday).isEmpty)
    }

    @Test func week_hasSevenDaysFromTheFirstWeekday() {
        let calendar = EditorialCalendar(timeZone: paris, firstWeekday: .monday)
        let week = calendar.week(containing: utc(2026, 3, 29, 10), today: utc(2026, 3, 25, 10))
        #expect(week.map(\.day) == (23...29).map { day(2026, 3, $0) })
        #expect(week.filter(\.isToday).map(\.day) == [day(2026, 3, 25)])
        let sundayFirst = EditorialCalendar(timeZone: paris, firstWeekday: .sunday)
        #expect(sundayFirst.week(containing: utc(2026, 3, 29, 10), today: .distantPast).first?.day == day(2026, 3, 29))
    }

    @Test func bucket_usesTheLocalDayOfEachZone() {
        struct Entry: Equatable { var name: String; var at: Date }
        let late = Entry(name: "late", at: utc(2026, 1, 15, 23, 30))
        let early = Entry(name: "early", at: utc(2026, 1, 15, 8))
        let entries = [late, early]
        let inParis = EditorialCalendar(timeZone: paris, firstWeekday: .monday).bucket(entries, by: \.at)
        #expect(inParis[day(2026, 1, 16)] == [late])
        #expect(inParis[day(2026, 1, 15)] == [early])
        let inToronto = EditorialCalendar(timeZone: toronto, firstWeekday: .sunday).bucket(entries, by: \.at)
        #expect(inToronto[day(2026, 1, 15)] == [early, late])
        #expect(inToronto[day(2026, 1, 16)] == nil)
        // Kolkata is UTC+05:30: 18:30 UTC is already the next day.
        let inKolkata = EditorialCalendar(timeZone: kolkata, firstWeekday: .monday)
        #expect(inKolkata.day(of: utc(2026, 1, 15, 18, 29)) == day(2026, 1, 15))
        #expect(inKolkata.day(of: utc(2026, 1, 15, 18, 30)) == day(2026, 1, 16))
    }

    @Test func moving_keepsTheWallTimeAcrossSpringForwardAndFallBack() throws {
        // Friday 27 March 09:00 CET (08:00 UTC) to Monday 30 March: 09:00 CEST is 07:00 UTC.
        let friday = utc(2026, 3, 27, 8)
        #expect(
            try EditorialCalendar.moving(friday, toLocalDay: DateComponents(year: 2026, month: 3, day: 30), in: paris)
                == utc(2026, 3, 30, 7))
        // And back again.
        #expect(EditorialCalendar.moving(utc(2026, 3, 30, 7), to: day(2026, 3, 27), in: paris) == friday)
        // Across the fall-back weekend: Friday 23 October 09:00 CEST (07:00 UTC) to Monday 26 October 09:00 CET.
        #expect(
            EditorialCalendar.moving(utc(2026, 10, 23, 7), to: day(2026, 10, 26), in: paris) == utc(2026, 10, 26, 8))
        // Onto the change days themselves, 09:00 stays 09:00.
        #expect(EditorialCalendar.moving(friday, to: day(2026, 3, 29), in: paris) == utc(2026, 3, 29, 7))
        #expect(
            EditorialCalendar.moving(utc(2026, 10, 23, 7), to: day(2026, 10, 25), in: paris) == utc(2026, 10, 25, 8))
        // Toronto changes on other weekends (8 March, 1 November).
        #expect(EditorialCalendar.moving(utc(2026, 3, 6, 14), to: day(2026, 3, 9), in: toronto) == utc(2026, 3, 9, 13))
        #expect(
            EditorialCalendar.moving(utc(2026, 10, 30, 13), to: day(2026, 11, 2), in: toronto) == utc(2026, 11, 2, 14))
    }

    @Test func moving_intoTheSpringForwardGap_movesForwardByTheGap() {
        // 02:30 does not exist on Sunday 29 March 2026 in Paris (02:00 becomes 03:00): it becomes 03:30 CEST.
        let saturday = utc(2026, 3, 28, 1, 30)  // 02:30 CET
        let moved = EditorialCalendar.moving(saturday, to: day(2026, 3, 29), in: paris)
        #expect(moved == utc(2026, 3, 29, 1, 30))
        #expect(EditorialCalendar(timeZone: paris, firstWeekday: .monday).day(of: moved) == day(2026, 3, 29))
        #expect(EditorialCalendar.date(day(2026, 3, 29), hour: 2, minute: 30, in: paris) == utc(2026, 3, 29, 1, 30))
        // The last minute before the gap and the first after it are left alone.
        #expect(EditorialCalendar.date(day(2026, 3, 29), hour: 1, minute: 59, in: paris) == utc(2026, 3, 29, 0, 59))
        #expect(EditorialCalendar.date(day(2026, 3, 29), hour: 3, in: paris) == utc(2026, 3, 29, 1))
    }

    @Test func moving_toAnAmbiguousTime_picksTheFirstOccurrence() {
        // 02:30 happens twice on Sunday 25 October 2026 in Paris: first at 00:30 UTC (CEST), then 01:30 UTC (CET).
        let moved = EditorialCalendar.moving(utc(2026, 10, 24, 0, 30), to: day(2026, 10, 25), in: paris)
        #expect(moved == utc(2026, 10, 25, 0, 30))
        // Toronto, 1 November 2026: 01:30 EDT (05:30 UTC) before 01:30 EST (06:30 UTC).
        #expect(EditorialCalendar.date(day(2026, 11, 1), hour: 1, minute: 30, in: toronto) == utc(2026, 11, 1, 5, 30))
    }

    @Test func southernHemisphereAndOddOffsets() {
        // Auckland goes from +12 to +13 on Sunday 27 September 2026 and back on Sunday 5 April 2026.
        #expect(
            EditorialCalendar.moving(utc(2026, 9, 25, 21), to: day(2026, 9, 28), in: auckland) == utc(2026, 9, 27, 20))
        #expect(EditorialCalendar.moving(utc(2026, 4, 2, 20), to: day(2026, 4, 6), in: auckland) == utc(2026, 4, 5, 21))
        // 02:30 on 27 September does not exist in Auckland: 03:30 NZDT.
        #expect(EditorialCalendar.date(day(2026, 9, 27), hour: 2, minute: 30, in: auckland) == utc(2026, 9, 26, 14, 30))
        // Kolkata has no daylight saving and a half-hour offset.
        #expect(
            EditorialCalendar.moving(utc(2026, 3, 27, 3, 30), to: day(2026, 3, 30), in: kolkata)
                == utc(2026, 3, 30, 3, 30))
        // Lord Howe moves by 30 minutes: 02:00 becomes 02:30 on Sunday 4 October 2026 (+10:30 to +11).
        #expect(EditorialCalendar.date(day(2026, 10, 4), hour: 2, minute: 15, in: lordHowe) == utc(2026, 10, 3, 15, 45))
        #expect(EditorialCalendar.date(day(2026, 10, 5), hour: 9, in: lordHowe) == utc(2026, 10, 4, 22))
        #expect(EditorialCalendar.date(day(2026, 10, 2), hour: 9, in: lordHowe) == utc(2026, 10, 1, 22, 30))
    }

    @Test func interval_coversTheRealHoursOfTheDays() {
        let calendar = EditorialCalendar(timeZone: paris, firstWeekday: .monday)
        let spring = calendar.interval(from: day(2026, 3, 29), through: day(2026, 3, 29))
        #expect(spring.start == utc(2026, 3, 28, 23))
        #expect(spring.duration == 23 * 3600)
        let autumn = calendar.interval(from: day(2026, 10, 25), through: day(2026, 10, 25))
        #expect(autumn.duration == 25 * 3600)
        let week = calendar.interval(from: day(2026, 3, 23), through: day(2026, 3, 29))
        #expect(week.duration == 7 * 86_400 - 3600)
    }
}
