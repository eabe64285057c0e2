import Foundation

/// The first-response target of a workspace: how much business time a conversation may wait for a reply.
///
/// A pure value: it counts the business time between two instants in the workspace's time zone, where
/// opening periods are wall-clock times (09:00 stays 09:00 across a daylight-saving change, and a day that
/// loses an hour is an hour shorter).
public struct SLAPolicy: Sendable, Equatable {
    /// The business time a reply may take.
    public var target: TimeInterval
    public var hours: BusinessHours
    public var timeZone: TimeZone

    public init(target: TimeInterval, hours: BusinessHours, timeZone: TimeZone) {
        self.target = target
        self.hours = hours
        self.timeZone = timeZone
    }

    /// The policy of a workspace's settings, or `nil` when the workspace has no target.
    public init?(settings: InboxSettings, timeZoneIdentifier: String) {
        guard let minutes = settings.firstResponseMinutes else { return nil }
        self.init(
            target: TimeInterval(minutes) * 60, hours: settings.businessHours,
            timeZone: TimeZone(identifier: timeZoneIdentifier) ?? .gmt)
    }

    /// Business time between `start` and `end` (zero when `end` is not after `start`).
    public func businessTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        if hours.isAroundTheClock { return end.timeIntervalSince(start) }
        var total: TimeInterval = 0
        var day = calendar.startOfDay(for: start)
        while day < end {
            for (open, close) in openIntervals(on: day) {
                let from = max(open, start)
                let to = min(close, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return total
    }

    /// Whether a conversation waiting since `waitingSince` has waited longer than the target at `now`.
    public func isBreached(waitingSince: Date, now: Date) -> Bool {
        businessTime(from: waitingSince, to: now) >= target
    }

    /// The latest instant a conversation may have started waiting and be breached at `now`: every
    /// conversation waiting since this instant or earlier is breached. `nil` when no business time falls
    /// in the past year (nothing can be breached).
    public func breachCutoff(now: Date) -> Date? {
        if hours.isAroundTheClock { return now.addingTimeInterval(-target) }
        var remaining = target
        var day = calendar.startOfDay(for: now)
        for _ in 0..<400 {
            for (open, close) in openIntervals(on: day).reversed() where open < now {
                let end = min(close, now)
                let length = end.timeIntervalSince(open)
                if remaining <= length { return end.addingTimeInterval(-remaining) }
                remaining -= length
            }
            guard let previous = calendar.date(byAdding: .day, value: -1, to: day) else { return nil }
            day = previous
        }
        return nil
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The opening periods of the local day starting at `day`, as instants, in order.
    private func openIntervals(on day: Date) -> [(Date, Date)] {
        let calendar = self.calendar
        let weekday = calendar.component(.weekday, from: day)
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return hours.periods.filter { $0.weekday.calendarWeekday == weekday }.sorted { $0.start < $1.start }
            .compactMap { period in
                guard let open = instant(parts, minutes: period.start, calendar),
                    let close = instant(parts, minutes: period.end, calendar), close > open
                else { return nil }
                return (open, close)
            }
    }

    /// The instant of a local wall-clock time; a time skipped by a daylight-saving change moves forward.
    private func instant(_ day: DateComponents, minutes: Int, _ calendar: Calendar) -> Date? {
        if minutes >= 1440 {
            guard let midnight = calendar.date(from: day) else { return nil }
            return calendar.date(byAdding: .day, value: 1, to: midnight)
        }
        var components = day
        components.hour = minutes / 60
        components.minute = minutes % 60
        return calendar.date(from: components)
    }
}

/// The inbox settings of a workspace.
public struct InboxSettings: Sendable, Equatable {
    /// The first-response target in minutes of business time; `nil` when the workspace sets none.
    public var firstResponseMinutes: Int?
    public var businessHours: BusinessHours

    public init(firstResponseMinutes: Int? = nil, businessHours: BusinessHours = .aroundTheClock) {
        self.firstResponseMinutes = firstResponseMinutes
        self.businessHours = businessHours
    }

    /// The most a target may be: a year.
    public static let maximumMinutes = 525_600

    /// Checks the target's range and the business hours.
    public func validated() throws -> InboxSettings {
        if let minutes = firstResponseMinutes, !(1...Self.maximumMinutes).contains(minutes) {
            throw DomainError.invalid(
                field: "firstResponseMinutes", message: "Use a target between 1 minute and 525600 minutes (a year).")
        }
        return InboxSettings(firstResponseMinutes: firstResponseMinutes, businessHours: try businessHours.validated())
    }
}
