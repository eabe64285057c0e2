import Foundation

/// Dates as feeds write them: RFC 822 / RFC 1123 in RSS (`Sat, 07 Sep 2002 09:42:31 GMT`, with the many
/// variants seen in the wild), RFC 3339 / ISO 8601 in Atom, JSON Feed and Dublin Core.
enum FeedDate {
    /// The date, or `nil` when it is not a date either format describes.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        if let date = RateLimitHints.parseISO8601(trimmed) { return date }
        if let date = parseDateOnly(trimmed) { return date }
        return parseRFC822(trimmed)
    }

    /// `2024-05-06`, as midnight UTC.
    static func parseDateOnly(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return makeDate(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, offsetSeconds: 0)
    }

    /// RFC 822 with RFC 1123 years: optional weekday, day, month name, 2- or 4-digit year, `HH:mm[:ss]`, and a
    /// zone (`GMT`, `UT`, `Z`, North American names, `+hhmm`, `+hh:mm`; missing means UTC).
    static func parseRFC822(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if let first = tokens.first, first.first?.isLetter == true, monthNumber(first) == nil {
            tokens.removeFirst()  // the weekday, not checked
        }
        guard tokens.count >= 4 else { return nil }
        // "07 Sep 2002" and the occasional "Sep 07 2002".
        var day: Int?
        var month: Int?
        if let number = Int(tokens[0]) {
            day = number
            month = monthNumber(tokens[1])
        } else {
            month = monthNumber(tokens[0])
            day = Int(tokens[1])
        }
        guard let day, let month, var year = Int(tokens[2]) else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        guard tokens[2].count == 2 || tokens[2].count == 4 else { return nil }

        let time = tokens[3].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2 || time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]) else {
            return nil
        }
        var second = 0
        if time.count == 3 {
            // Seconds sometimes carry a fraction ("31.5"): keep the whole seconds.
            guard let value = Double(time[2]), value >= 0, value < 61 else { return nil }
            second = Int(value)
        }
        let offset = tokens.count > 4 ? zoneOffset(tokens[4]) : 0
        guard let offset else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ token: String) -> Int? {
        let name = token.lowercased()
        guard name.count >= 3 else { return nil }
        guard let index = months.firstIndex(of: String(name.prefix(3))) else { return nil }
        return index + 1
    }

    /// Seconds east of UTC for a zone token; `nil` when it is not a zone.
    private static func zoneOffset(_ token: String) -> Int? {
        let named: [String: Int] = [
            "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
            "PST": -8, "PDT": -7,
        ]
        if let hours = named[token.uppercased()] { return hours * 3600 }
        guard let sign = token.first, sign == "+" || sign == "-" else {
            // Military single letters and other names: RFC 2822 says to treat unknown zones as UTC.
            return token.count == 1 && token.first?.isLetter == true ? 0 : nil
        }
        let digits = token.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.count == 4, let value = Int(digits), digits.allSatisfy(\.isNumber) else { return nil }
        let hours = value / 100
        let minutes = value % 100
        guard hours <= 14, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    private static func makeDate(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetSeconds: Int
    ) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }  // 31 February and the like
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }
}
