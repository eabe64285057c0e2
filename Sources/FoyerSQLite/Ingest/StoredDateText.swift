import Foundation
import GRDB

/// Dates as GRDB stores them (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), written without `DateFormatter`.
///
/// GRDB formats every bound `Date` with a `DateFormatter` (ICU), one of the largest costs of a message
/// insert on the ingest hot path. This writes the same text: milliseconds rounded to the nearest, as the
/// formatter does, from the same double (`(reference date + 978,307,200 s) × 1,000`). Dates outside
/// 1970…9999 go through GRDB. `IngestDateTextTests` checks the text against GRDB's on many random dates.
enum StoredDateText {
    /// The text GRDB would store for `date`.
    static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSinceReferenceDate + 978_307_200.0) * 1000.0
        guard milliseconds.isFinite, milliseconds >= 0, milliseconds < 253_402_300_800_000 else {
            return String.fromDatabaseValue(date.databaseValue) ?? ""
        }
        let total = Int64(milliseconds.rounded())
        let days = total / 86_400_000
        var rest = total % 86_400_000
        let (year, month, day) = civil(days: days)
        let hour = rest / 3_600_000
        rest %= 3_600_000
        let minute = rest / 60_000
        rest %= 60_000
        let second = rest / 1000
        let millisecond = rest % 1000

        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int64, at offset: Int, width: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                value /= 10
            }
        }
        put(year, at: 0, width: 4)
        bytes[4] = 45  // -
        put(month, at: 5, width: 2)
        bytes[7] = 45
        put(day, at: 8, width: 2)
        bytes[10] = 32  // space
        put(hour, at: 11, width: 2)
        bytes[13] = 58  // :
        put(minute, at: 14, width: 2)
        bytes[16] = 58
        put(second, at: 17, width: 2)
        bytes[19] = 46  // .
        put(millisecond, at: 20, width: 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date a read of `text` gives back (GRDB's own parsing, so reads and the ingest result agree).
    static func date(_ text: String) -> Date? {
        Date.fromDatabaseValue(text.databaseValue)
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian, Howard Hinnant's
    /// `civil_from_days`).
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
