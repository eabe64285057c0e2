import Foundation
import FoyerCore

/// The values of `date` and `datetime-local` form fields (`2026-03-31`, `2026-03-31T09:30`), read and
/// written in a time zone: the workspace's or a market's.
enum LocalDateTimeInput {
    /// `2026-03-31`; `nil` for a day that does not exist.
    static func day(_ raw: String) -> LocalDay? {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard raw.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1970...9999).contains(year)
        else { return nil }
        return LocalDay(year: year, month: month, day: day)
    }

    /// `2026-03-31T09:30` (seconds allowed) as a time in `zone`. A wall time skipped by a daylight-saving
    /// change moves forward by the gap, a repeated one is its first occurrence (``EditorialCalendar``).
    static func parse(_ raw: String, in zone: TimeZone) -> Date? {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = day(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":")
        guard (2...3).contains(clock.count), let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour),
            (0...59).contains(minute)
        else { return nil }
        return EditorialCalendar.date(day, hour: hour, minute: minute, in: zone)
    }

    /// Like ``parse(_:in:)``, for a post's time.
    /// - Throws: ``DomainError/invalid(field:message:)`` on `scheduledAt`.
    static func scheduledAt(_ raw: String?, in zone: TimeZone) throws -> Date {
        guard let raw, let date = parse(raw, in: zone) else {
            throw DomainError.invalid(field: "scheduledAt", message: "Choose a date and a time, such as 2026-03-31 09:30.")
        }
        return date
    }

    /// The field's value for `date` in `zone`.
    static func format(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    static func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier) ?? .gmt }
}
