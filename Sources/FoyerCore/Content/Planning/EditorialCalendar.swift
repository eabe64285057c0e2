import Foundation

/// One cell of a month or week view.
public struct CalendarDay: Sendable, Hashable {
    public var day: LocalDay
    /// `false` for the days of the previous and next months that complete the first and last weeks.
    public var isInMonth: Bool
    public var isToday: Bool

    public init(day: LocalDay, isInMonth: Bool, isToday: Bool) {
        self.day = day
        self.isInMonth = isInMonth
        self.isToday = isToday
    }

    public var weekday: Weekday { day.weekday }
}

/// The editorial calendar's arithmetic in one time zone (the workspace's, or a market's): month and week
/// grids, entries grouped by local day, and moving an entry to another day at the same wall-clock time.
///
/// Pure and deterministic: "today" is passed in, and days are computed from the zone's offsets, never from
/// the machine's zone or locale.
public struct EditorialCalendar: Sendable {
    public var timeZone: TimeZone
    /// The first column of a week: Monday in most of Europe, Sunday in the United States.
    public var firstWeekday: Weekday

    public init(timeZone: TimeZone, firstWeekday: Weekday) {
        self.timeZone = timeZone
        self.firstWeekday = firstWeekday
    }

    /// A calendar whose weeks start on the locale's first day (`fr-FR` Monday, `en-US` Sunday).
    public init(timeZone: TimeZone, locale: Locale) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = locale
        let first = Weekday.allCases.first { $0.calendarWeekday == calendar.firstWeekday } ?? .monday
        self.init(timeZone: timeZone, firstWeekday: first)
    }

    /// The local day of an instant.
    public func day(of date: Date) -> LocalDay { LocalDay(date, in: timeZone) }

    /// The weeks that show `month` of `year`: whole weeks from ``firstWeekday``, four to six rows of seven.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on `month` for a month outside 1…12.
    public func monthGrid(year: Int, month: Int, today: Date) throws -> [[CalendarDay]] {
        guard let first = LocalDay(year: year, month: month, day: 1) else {
            throw DomainError.invalid(field: "month", message: "Choose a month from 1 to 12.")
        }
        let length = LocalDay.daysIn(year: year, month: month)
        let leading = columnOffset(of: first.weekday)
        let rows = (leading + length + 6) / 7
        let start = first.adding(days: -leading)
        let todayDay = day(of: today)
        return (0..<rows).map { row in
            (0..<7).map { column in
                let day = start.adding(days: row * 7 + column)
                return CalendarDay(
                    day: day, isInMonth: day.year == year && day.month == month, isToday: day == todayDay)
            }
        }
    }

    /// The seven days of the week that contains `date`, from ``firstWeekday``; all are "in the month".
    public func week(containing date: Date, today: Date) -> [CalendarDay] {
        let day = day(of: date)
        let start = day.adding(days: -columnOffset(of: day.weekday))
        let todayDay = self.day(of: today)
        return (0..<7).map {
            let day = start.adding(days: $0)
            return CalendarDay(day: day, isInMonth: true, isToday: day == todayDay)
        }
    }

    /// The instants from the first day's local midnight to the midnight after the last day: what a page
    /// asks the repository for to fill a grid (23 or 25 hours on the days clocks change).
    public func interval(from first: LocalDay, through last: LocalDay) -> DateInterval {
        let start = first.start(in: timeZone)
        let end = last.adding(days: 1).start(in: timeZone)
        return DateInterval(start: start, end: max(start, end))
    }

    /// Entries grouped by the local day of their date, each day's entries in time order (stable for ties).
    public func bucket<Entry>(_ entries: [Entry], by date: (Entry) -> Date) -> [LocalDay: [Entry]] {
        let dated = entries.enumerated().map { (offset: $0.offset, date: date($0.element), entry: $0.element) }
        let sorted = dated.sorted { ($0.date, $0.offset) < ($1.date, $1.offset) }
        var buckets: [LocalDay: [Entry]] = [:]
        for item in sorted { buckets[day(of: item.date), default: []].append(item.entry) }
        return buckets
    }

    /// `date` moved to another local day at the same wall-clock time in `zone`, as when an entry is dragged.
    ///
    /// A 09:00 post stays 09:00 local across a daylight-saving change. A time that does not exist on the
    /// target day (inside the hour skipped when clocks go forward) moves forward by the length of the gap:
    /// 02:30 on the last Sunday of March in Paris becomes 03:30. A time that happens twice (clocks going
    /// back) is its first occurrence. This is RFC 5545's rule, so the calendar feed and the planner agree.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on `day` when the components lack a year, a month
    ///   or a day, or name a date that does not exist.
    public static func moving(_ date: Date, toLocalDay day: DateComponents, in zone: TimeZone) throws -> Date {
        moving(date, to: try LocalDay(day), in: zone)
    }

    /// ``moving(_:toLocalDay:in:)`` for a ``LocalDay``.
    public static func moving(_ date: Date, to day: LocalDay, in zone: TimeZone) -> Date {
        LocalTime.instant(of: day, seconds: LocalTime.secondsIntoDay(date, in: zone), in: zone)
    }

    /// The instant clocks in `zone` show `hour:minute` on `day`, by the rule of ``moving(_:toLocalDay:in:)``.
    public static func date(_ day: LocalDay, hour: Int, minute: Int = 0, in zone: TimeZone) -> Date {
        LocalTime.instant(of: day, seconds: TimeInterval(hour * 3600 + minute * 60), in: zone)
    }

    private func columnOffset(of weekday: Weekday) -> Int {
        let all = Weekday.allCases
        let index = all.firstIndex(of: weekday) ?? 0
        let first = all.firstIndex(of: firstWeekday) ?? 0
        return (index - first + 7) % 7
    }
}
