import Foundation

/// When a channel's posts did best, by local weekday and hour, from its past posts and their engagement.
///
/// A slot is an hour of a weekday in the channel's (or market's) time zone, so "Tuesday 18:00" stays
/// 18:00 local across daylight-saving changes. The average is a plain mean; a slot needs a minimum number of
/// posts before it can be called good, so one lucky post does not decide the schedule.
public struct BestTimeToPost: Sendable {
    /// An hour of a weekday, local time.
    public struct Slot: Sendable, Hashable, Comparable, Codable {
        public var weekday: Weekday
        /// 0…23.
        public var hour: Int

        public init(weekday: Weekday, hour: Int) {
            self.weekday = weekday
            self.hour = hour
        }

        /// Monday 00:00 first.
        public static func < (lhs: Slot, rhs: Slot) -> Bool {
            let order = Weekday.allCases
            return (order.firstIndex(of: lhs.weekday) ?? 0, lhs.hour) < (
                order.firstIndex(of: rhs.weekday) ?? 0, rhs.hour
            )
        }
    }

    /// The posts of one slot.
    public struct SlotStats: Sendable, Equatable {
        public var slot: Slot
        public var averageEngagement: Double
        public var sampleSize: Int
    }

    public let timeZone: TimeZone
    public let minimumSample: Int
    /// Every slot with at least one post, Monday 00:00 first.
    public let slots: [SlotStats]

    /// - Parameters:
    ///   - posts: the channel's past posts; negative engagement counts as 0.
    ///   - minimumSample: the posts a slot needs before it can be among the best (default 3, at least 1).
    public init(posts: [(publishedAt: Date, engagement: Int)], timeZone: TimeZone, minimumSample: Int = 3) {
        self.timeZone = timeZone
        self.minimumSample = max(1, minimumSample)
        var sums: [Slot: (total: Int, count: Int)] = [:]
        for post in posts {
            let day = LocalDay(post.publishedAt, in: timeZone)
            let hour = Int(LocalTime.secondsIntoDay(post.publishedAt, in: timeZone) / 3600)
            let slot = Slot(weekday: day.weekday, hour: hour)
            let current = sums[slot] ?? (0, 0)
            sums[slot] = (current.total + max(0, post.engagement), current.count + 1)
        }
        slots = sums.map {
            SlotStats(
                slot: $0.key, averageEngagement: Double($0.value.total) / Double($0.value.count),
                sampleSize: $0.value.count)
        }
        .sorted { $0.slot < $1.slot }
    }

    /// The best slots among those with at least ``minimumSample`` posts: highest average first, then the
    /// larger sample, then the earlier slot in the week. Empty when no slot has enough posts.
    public func bestSlots(limit: Int = 3) -> [SlotStats] {
        let ranked = slots.filter { $0.sampleSize >= minimumSample }.sorted {
            if $0.averageEngagement != $1.averageEngagement { return $0.averageEngagement > $1.averageEngagement }
            if $0.sampleSize != $1.sampleSize { return $0.sampleSize > $1.sampleSize }
            return $0.slot < $1.slot
        }
        return Array(ranked.prefix(max(0, limit)))
    }

    /// The next start of one of the ``bestSlots(limit:)`` strictly after `date`, in the time zone; `nil` when
    /// no slot has enough posts (the caller then proposes its own default time).
    ///
    /// A slot's start is its local hour on the next matching day; on the day clocks go forward, a start
    /// inside the skipped hour moves forward with it (02:00 becomes 03:00), like the editorial calendar.
    public func nextGoodSlot(after date: Date, limit: Int = 3) -> Date? {
        let best = bestSlots(limit: limit).map(\.slot)
        guard !best.isEmpty else { return nil }
        let today = LocalDay(date, in: timeZone)
        // Eight days: today's slot may already be past, and then it comes back a week later.
        let candidates = (0...7).flatMap { offset -> [Date] in
            let day = today.adding(days: offset)
            return best.filter { $0.weekday == day.weekday }.map {
                LocalTime.instant(of: day, seconds: TimeInterval($0.hour * 3600), in: timeZone)
            }
        }
        return candidates.filter { $0 > date }.min()
    }
}
