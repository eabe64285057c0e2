import Foundation
import FoyerCore

/// The planned-but-empty slots the calendar shows: where the cadence goals ask for a post that nobody
/// scheduled yet.
///
/// The rule, per goal and per period of the goal (a week of the calendar, from its first weekday, or a
/// calendar month):
/// - the posts that count are the channel's posts in the period that went out or are still going to
///   (scheduled, sending, unknown, published; a failed post does not count), of the goal's content type when
///   it has one, of any type otherwise;
/// - missing = the goal's count − those posts; nothing is shown when it is zero or less;
/// - the missing slots go on the days of the period, from today on, that have no post on the channel and no
///   empty slot of another goal of the channel yet, spread evenly over those days (one slot per day), so a
///   goal of 3 a week with 1 post on Tuesday shows 2 empty slots on two other days of that week;
/// - when fewer free days remain than missing posts, only as many slots as free days are shown: a slot in
///   the past could no longer be filled.
struct CadenceSlots: Sendable {
    struct Post: Sendable, Equatable {
        let channelID: ChannelID
        let contentType: String?
        let day: LocalDay
        let state: PublicationState
    }

    struct Slot: Sendable, Equatable, Hashable {
        let channelID: ChannelID
        /// The goal's content type, `nil` for any type.
        let contentType: String?
    }

    let calendar: EditorialCalendar

    /// The empty slots of `days` (the days shown), by day, in the order of the goals.
    ///
    /// - Parameter posts: every post of the periods that `days` touch (whole weeks and whole months), so
    ///   that a period's count is right even where the page shows only part of it.
    func slots(goals: [CadenceGoal], posts: [Post], days: [LocalDay], today: LocalDay) -> [LocalDay: [Slot]] {
        guard let first = days.min(), let last = days.max() else { return [:] }
        let counted = posts.filter { $0.state != .failed }
        var busy: [ChannelID: Set<LocalDay>] = [:]
        for post in counted { busy[post.channelID, default: []].insert(post.day) }
        var placed: [LocalDay: [Slot]] = [:]
        for goal in goals where goal.count > 0 {
            for period in periods(of: goal.period, from: first, through: last) {
                let periodSet = Set(period)
                let done = counted.filter { post in
                    post.channelID == goal.channelID && periodSet.contains(post.day)
                        && (goal.contentType == nil || post.contentType == goal.contentType)
                }.count
                let missing = goal.count - done
                guard missing > 0 else { continue }
                let free = period.filter { day in
                    day >= today && !(busy[goal.channelID]?.contains(day) ?? false)
                        && !(placed[day]?.contains { $0.channelID == goal.channelID } ?? false)
                }
                let count = min(missing, free.count)
                guard count > 0 else { continue }
                for index in 0..<count {
                    let day = free[index * free.count / count]
                    placed[day, default: []].append(Slot(channelID: goal.channelID, contentType: goal.contentType))
                }
            }
        }
        return placed.filter { $0.key >= first && $0.key <= last }
    }

    /// The whole periods (each a list of days) that touch `first…last`.
    func periods(of period: CadencePeriod, from first: LocalDay, through last: LocalDay) -> [[LocalDay]] {
        switch period {
        case .week:
            let start = calendar.week(containing: first.start(in: calendar.timeZone), today: Date()).first?.day ?? first
            var weeks: [[LocalDay]] = []
            var day = start
            while day <= last {
                weeks.append((0..<7).map { day.adding(days: $0) })
                day = day.adding(days: 7)
            }
            return weeks
        case .month:
            var months: [[LocalDay]] = []
            var year = first.year
            var month = first.month
            while (year, month) <= (last.year, last.month) {
                let length = LocalDay.daysIn(year: year, month: month)
                months.append((1...length).compactMap { LocalDay(year: year, month: month, day: $0) })
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
            return months
        }
    }

    /// The first and last days of every period of every goal that touches `first…last`: the range whose
    /// posts ``slots(goals:posts:days:today:)`` needs.
    func postRange(goals: [CadenceGoal], from first: LocalDay, through last: LocalDay) -> (LocalDay, LocalDay) {
        var low = first
        var high = last
        for period in Set(goals.map(\.period)) {
            let all = periods(of: period, from: first, through: last).flatMap { $0 }
            if let min = all.min(), min < low { low = min }
            if let max = all.max(), max > high { high = max }
        }
        return (low, high)
    }
}
