import Foundation

/// How long each channel's content lasts at its cadence goals: the scheduled posts still to go out plus the
/// approved stock not yet scheduled, divided by what the goals ask for.
///
/// How items are counted:
/// - An item counts at most once in a channel's total, even when it could serve several of the channel's
///   goals ("3 posts a week" and "1 contest a month" both count a contest, but the channel has one item).
/// - Per goal, an item counts when its type matches (any item for a goal without a type), so the goals of a
///   channel add up to more than its total when they overlap; that is what they mean.
/// - An item that can go to several channels (one without channel variants goes to any) counts in each of
///   their runways: each figure says what that channel could draw on. ``ChannelRunway/sharedStock`` says how
///   many of those items other channels count too, so the interface can say the stock is shared.
/// - A channel's demand is the larger of its goals without a type and the sum of its typed goals (typed
///   goals are read as part of the overall cadence, not on top of it). A channel with typed goals only
///   counts only items of those types.
public enum StockRunway {
    /// An approved item not yet scheduled.
    public struct StockItem: Sendable, Equatable {
        public var id: ContentItemID
        public var contentType: String
        /// The channels it can go to; empty for any channel.
        public var channels: Set<ChannelID>

        public init(id: ContentItemID, contentType: String, channels: Set<ChannelID> = []) {
            self.id = id
            self.contentType = contentType
            self.channels = channels
        }

        /// An item with channel variants goes to those channels only; an item without goes to any channel
        /// (market-only variants do not restrict it).
        public init(item: ContentItem, variants: [ContentVariant]) {
            self.init(id: item.id, contentType: item.contentType, channels: Set(variants.compactMap(\.channelID)))
        }

        public func canGo(to channel: ChannelID) -> Bool { channels.isEmpty || channels.contains(channel) }
    }

    /// A post scheduled on a channel, not yet published.
    public struct ScheduledPost: Sendable, Equatable {
        public var channelID: ChannelID
        /// The item's content type; `nil` when unknown (it then counts for goals without a type only).
        public var contentType: String?
        public var dueAt: Date

        public init(channelID: ChannelID, contentType: String?, dueAt: Date) {
            self.channelID = channelID
            self.contentType = contentType
            self.dueAt = dueAt
        }
    }

    /// How long one goal lasts.
    public struct GoalRunway: Sendable, Equatable {
        public var goal: CadenceGoal
        public var scheduled: Int
        public var stock: Int
        /// `(scheduled + stock)` divided by the goal's posts per day; 0 when nothing is left.
        public var daysCovered: Double
        /// `now` plus ``daysCovered``: when the goal can no longer be met.
        public var runsOutAt: Date
        public var isLow: Bool
    }

    /// How long one channel lasts, and which of its goals run out first.
    public struct ChannelRunway: Sendable, Equatable {
        public var channelID: ChannelID
        /// Posts per day the goals ask for (see ``StockRunway`` for how goals combine).
        public var postsPerDay: Double
        /// Future posts scheduled on the channel that its goals count.
        public var scheduled: Int
        /// Stock items the channel could take, each once.
        public var stock: Int
        /// Of ``stock``, the items other channels with goals count too.
        public var sharedStock: Int
        public var daysCovered: Double
        public var runsOutAt: Date
        /// Under the threshold: the interface warns.
        public var isLow: Bool
        /// Every goal of the channel, in the order given.
        public var goals: [GoalRunway]
        /// The content types of the typed goals, the first to run out first (ties by key).
        public var missingFirst: [String]
    }

    /// The runway of every channel that has goals, the first to run out first (ties by channel id).
    ///
    /// Scheduled posts due before `now` are ignored (the publisher is about to send them, or they failed).
    /// Goals with a count of zero or less ask for nothing and are skipped.
    ///
    /// - Parameter threshold: a channel or goal covered for fewer days than this is low (default 14).
    public static func compute(
        goals: [CadenceGoal], stock: [StockItem], scheduled: [ScheduledPost], now: Date, threshold: Double = 14
    ) -> [ChannelRunway] {
        let goals = goals.filter { $0.count > 0 }
        let channels = Set(goals.map(\.channelID))
        let future = scheduled.filter { $0.dueAt >= now && channels.contains($0.channelID) }
        // The channels whose totals count each item, for sharedStock.
        var counters: [ContentItemID: Int] = [:]
        var channelStock: [ChannelID: [StockItem]] = [:]
        for channel in channels {
            let channelGoals = goals.filter { $0.channelID == channel }
            let types = Self.types(channelGoals)
            let items = stock.filter { item in item.canGo(to: channel) && (types?.contains(item.contentType) ?? true) }
            // Each item once, whatever the input repeats.
            var seen = Set<ContentItemID>()
            channelStock[channel] = items.filter { seen.insert($0.id).inserted }
            for item in channelStock[channel] ?? [] { counters[item.id, default: 0] += 1 }
        }

        // Demand in posts per `span` days (a week times an average month): every goal's share of it is exact
        // in binary, so "6 items at 3 a week" is exactly 14 days.
        let span = CadencePeriod.week.days * CadencePeriod.month.days
        func units(_ goal: CadenceGoal) -> Double { Double(goal.count) * (span / goal.period.days) }
        func runway(supply: Int, units: Double) -> (days: Double, date: Date) {
            let days = units > 0 ? Double(supply) * span / units : .infinity
            return (days, days.isFinite ? now.addingTimeInterval(days * 86_400) : .distantFuture)
        }

        let runways = channels.map { channel -> ChannelRunway in
            let channelGoals = goals.filter { $0.channelID == channel }
            let items = channelStock[channel] ?? []
            let types = Self.types(channelGoals)
            let posts = future.filter { post in
                post.channelID == channel
                    && (types.map { set in post.contentType.map { set.contains($0) } ?? false } ?? true)
            }
            let goalRunways = channelGoals.map { goal -> GoalRunway in
                let matches: (String?) -> Bool = { type in goal.contentType == nil || type == goal.contentType }
                let scheduled = posts.filter { matches($0.contentType) }.count
                let stock = items.filter { matches($0.contentType) }.count
                let (days, date) = runway(supply: scheduled + stock, units: units(goal))
                return GoalRunway(
                    goal: goal, scheduled: scheduled, stock: stock, daysCovered: days, runsOutAt: date,
                    isLow: days < threshold)
            }
            let anyType = channelGoals.filter { $0.contentType == nil }.map(units).reduce(0, +)
            let typed = channelGoals.filter { $0.contentType != nil }.map(units).reduce(0, +)
            let demand = max(anyType, typed)
            let total = runway(supply: posts.count + items.count, units: demand)
            let missing = goalRunways.filter { $0.goal.contentType != nil }.sorted {
                ($0.runsOutAt, $0.goal.contentType ?? "") < ($1.runsOutAt, $1.goal.contentType ?? "")
            }
            var missingTypes: [String] = []
            for goal in missing {
                if let type = goal.goal.contentType, !missingTypes.contains(type) { missingTypes.append(type) }
            }
            return ChannelRunway(
                channelID: channel, postsPerDay: demand / span, scheduled: posts.count, stock: items.count,
                sharedStock: items.filter { (counters[$0.id] ?? 0) > 1 }.count, daysCovered: total.days,
                runsOutAt: total.date, isLow: total.days < threshold, goals: goalRunways, missingFirst: missingTypes)
        }
        return runways.sorted { ($0.runsOutAt, $0.channelID) < ($1.runsOutAt, $1.channelID) }
    }

    /// The types a channel's goals ask for, or `nil` when one of them takes any type.
    private static func types(_ goals: [CadenceGoal]) -> Set<String>? {
        goals.contains { $0.contentType == nil } ? nil : Set(goals.compactMap(\.contentType))
    }
}
