import Foundation

/// The opening hours of a workspace's team, in its local time: the periods in which the SLA clock runs.
///
/// An empty list means "around the clock" (the SLA clock always runs).
public struct BusinessHours: Sendable, Equatable, Codable {
    /// One opening period on one day of the week, in local wall-clock minutes since midnight.
    public struct Period: Sendable, Equatable, Codable {
        public var weekday: Weekday
        /// Minutes since local midnight, 0 ..< 1440.
        public var start: Int
        /// Minutes since local midnight, `start` < `end` <= 1440 (1440 is the next midnight).
        public var end: Int

        public init(weekday: Weekday, start: Int, end: Int) {
            self.weekday = weekday
            self.start = start
            self.end = end
        }
    }

    public var periods: [Period]

    public init(periods: [Period]) {
        self.periods = periods
    }

    /// Always open.
    public static let aroundTheClock = BusinessHours(periods: [])

    /// Monday to Friday, 09:00 to 17:00.
    public static let officeHours = BusinessHours(
        periods: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
            Period(weekday: $0, start: 540, end: 1020)
        })

    public var isAroundTheClock: Bool { periods.isEmpty }

    /// Checks every period: known bounds, start before end, no overlap on the same day.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` on the `businessHours` field.
    public func validated() throws -> BusinessHours {
        guard periods.count <= 70 else {
            throw DomainError.invalid(field: "businessHours", message: "Use at most 70 opening periods.")
        }
        for period in periods {
            guard period.start >= 0, period.end <= 1440, period.start < period.end else {
                throw DomainError.invalid(
                    field: "businessHours", message: "Each opening period must start before it ends, within the day.")
            }
        }
        for day in Weekday.allCases {
            let sorted = periods.filter { $0.weekday == day }.sorted { $0.start < $1.start }
            for (first, second) in zip(sorted, sorted.dropFirst()) where second.start < first.end {
                throw DomainError.invalid(field: "businessHours", message: "Opening periods of a day must not overlap.")
            }
        }
        return self
    }

    /// Parses the text form used by forms: one period per line, `mon 09:00-17:00`.
    ///
    /// - Throws: ``DomainError/invalid(field:message:)`` naming the first line that does not read.
    public static func parse(_ text: String) throws -> BusinessHours {
        var periods: [Period] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            let bounds = parts.count == 2 ? parts[1].split(separator: "-") : []
            guard parts.count == 2, let day = Weekday(rawValue: parts[0].lowercased()), bounds.count == 2,
                let start = minutes(bounds[0]), let end = minutes(bounds[1])
            else {
                throw DomainError.invalid(
                    field: "businessHours",
                    message:
                        "Write one period per line, like \"mon 09:00-17:00\": this line does not read: \(line.prefix(40))"
                )
            }
            periods.append(Period(weekday: day, start: start, end: end))
        }
        return try BusinessHours(periods: periods).validated()
    }

    /// The text form read by ``parse(_:)``.
    public var text: String {
        periods.map { "\($0.weekday.rawValue) \(Self.clock($0.start))-\(Self.clock($0.end))" }.joined(separator: "\n")
    }

    static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0...24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        let total = hours * 60 + minutes
        return total <= 1440 ? total : nil
    }

    /// `HH:mm` of minutes since midnight (`24:00` for 1440).
    public static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}

/// A day of the week, by its short English name (`mon` … `sun`).
public enum Weekday: String, Sendable, Codable, CaseIterable {
    case monday = "mon", tuesday = "tue", wednesday = "wed", thursday = "thu", friday = "fri", saturday = "sat"
    case sunday = "sun"

    /// `Calendar`'s numbering: 1 is Sunday.
    var calendarWeekday: Int {
        switch self {
        case .sunday: 1
        case .monday: 2
        case .tuesday: 3
        case .wednesday: 4
        case .thursday: 5
        case .friday: 6
        case .saturday: 7
        }
    }
}
