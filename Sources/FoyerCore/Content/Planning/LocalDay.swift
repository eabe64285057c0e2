import Foundation

/// A date on a wall calendar (no time, no zone): what a person means by "Tuesday 31 March".
///
/// Arithmetic is done on the proleptic Gregorian calendar with whole days, so it never meets a
/// daylight-saving change; converting to and from instants goes through a time zone
/// (``init(_:in:)``, ``start(in:)``).
public struct LocalDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int
    /// 1…31, valid for the month.
    public let day: Int

    /// The day, or `nil` when the month or the day does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day of `components` (year, month and day are required; other fields are ignored).
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on `day` when a field is missing or the date
    ///   does not exist.
    public init(_ components: DateComponents) throws {
        guard let year = components.year, let month = components.month, let day = components.day,
            let value = LocalDay(year: year, month: month, day: day)
        else {
            throw DomainError.invalid(field: "day", message: "Choose a day that exists, such as 2026-03-31.")
        }
        self = value
    }

    /// The local day `date` falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        self.init(daysSince1970: Int((local / 86_400).rounded(.down)))
    }

    /// The day `days` after 1970-01-01 (negative before).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01.
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((daysSince1970 % 7) + 7 + 3) % 7
        return [Weekday.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday][index]
    }

    public func adding(days: Int) -> LocalDay { LocalDay(daysSince1970: daysSince1970 + days) }

    /// Year, month and day, for `Calendar` and for ``EditorialCalendar/moving(_:toLocalDay:in:)``.
    public var components: DateComponents { DateComponents(year: year, month: month, day: day) }

    /// The instant of local midnight in `zone` (the first valid time after it where midnight is skipped).
    public func start(in zone: TimeZone) -> Date { LocalTime.instant(of: self, seconds: 0, in: zone) }

    /// `2026-03-31`.
    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        let d = day < 10 ? "0\(day)" : String(day)
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }

    public static func < (lhs: LocalDay, rhs: LocalDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Wall-clock time in a zone, resolved to instants by one rule shared by the calendar and the slots.
enum LocalTime {
    /// Seconds since local midnight of the wall-clock time of `date` in `zone` (fractions kept).
    static func secondsIntoDay(_ date: Date, in zone: TimeZone) -> TimeInterval {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        return local - (local / 86_400).rounded(.down) * 86_400
    }

    /// The instant at which clocks in `zone` show `seconds` after midnight of `day`.
    ///
    /// The rule is RFC 5545's (section 3.3.5) and java.time's:
    /// - a wall time that happens twice (clocks going back) is its first occurrence, the one before the change;
    /// - a wall time that never happens (clocks going forward) is read with the offset in force before the
    ///   gap, so it lands as far after the gap's end as it was after the gap's start: 02:30 in Paris on the
    ///   last Sunday of March is 03:30.
    static func instant(of day: LocalDay, seconds: TimeInterval, in zone: TimeZone) -> Date {
        let naive = Double(day.daysSince1970) * 86_400 + seconds
        // Offsets in force a day either side cover any change near the wall time (changes are months apart).
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - 86_400))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive + 86_400))
        let valid = [before, after].map { Date(timeIntervalSince1970: naive - Double($0)) }.filter {
            Double(zone.secondsFromGMT(for: $0)) == $0.timeIntervalSince1970.distance(to: naive)
        }
        return valid.min() ?? Date(timeIntervalSince1970: naive - Double(before))
    }
}
