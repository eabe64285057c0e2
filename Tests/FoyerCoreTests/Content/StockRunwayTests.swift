import Foundation
import FoyerCore
import Testing

@Suite("Stock runway")
struct StockRunwayTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let instagram = ChannelID(1)
    let mastodon = ChannelID(2)

    func goal(_ id: Int64, _ channel: ChannelID, _ type: String?, _ count: Int, _ period: CadencePeriod) -> CadenceGoal
    {
        CadenceGoal(
            id: CadenceGoalID(id), workspaceID: WorkspaceID(1), channelID: channel, contentType: type, count: count,
            period: period)
    }

    func items(_ count: Int, type: String = "advice", from first: Int64 = 1, channels: Set<ChannelID> = [])
        -> [StockRunway.StockItem]
    {
        (0..<Int64(count)).map {
            StockRunway.StockItem(id: ContentItemID(first + $0), contentType: type, channels: channels)
        }
    }

    func days(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    @Test func threePostsAWeek_withSixItems_lastsFourteenDays() throws {
        let result = StockRunway.compute(
            goals: [goal(1, instagram, nil, 3, .week)], stock: items(6), scheduled: [], now: now)
        let channel = try #require(result.first)
        #expect(result.count == 1)
        #expect(channel.channelID == instagram)
        #expect(channel.daysCovered == 14)
        #expect(channel.runsOutAt == days(14))
        #expect(!channel.isLow)
        #expect(channel.stock == 6)
        // One item fewer is under the two-week threshold; a lower threshold accepts it.
        #expect(
            StockRunway.compute(goals: [goal(1, instagram, nil, 3, .week)], stock: items(5), scheduled: [], now: now)
                .first?.isLow == true)
        #expect(
            StockRunway.compute(
                goals: [goal(1, instagram, nil, 3, .week)], stock: items(5), scheduled: [], now: now, threshold: 7
            )
            .first?.isLow == false)
    }

    @Test func oneContestAMonth_withNone_runsOutNow() throws {
        let goals = [goal(1, instagram, nil, 3, .week), goal(2, instagram, "contest", 1, .month)]
        let channel = try #require(StockRunway.compute(goals: goals, stock: items(6), scheduled: [], now: now).first)
        #expect(channel.daysCovered == 14)
        let contest = try #require(channel.goals.first { $0.goal.contentType == "contest" })
        #expect(contest.daysCovered == 0)
        #expect(contest.runsOutAt == now)
        #expect(contest.isLow)
        #expect(channel.missingFirst == ["contest"])
    }

    @Test func missingFirst_isSortedByDate() {
        let goals = [
            goal(1, instagram, "advice", 1, .week), goal(2, instagram, "contest", 1, .month),
            goal(3, instagram, "event", 2, .week),
        ]
        // 4 advice (28 days), 2 contests (about 61 days), 1 event (3.5 days).
        let stock = items(4, type: "advice") + items(2, type: "contest", from: 10) + items(1, type: "event", from: 20)
        let channel = StockRunway.compute(goals: goals, stock: stock, scheduled: [], now: now).first
        #expect(channel?.missingFirst == ["event", "advice", "contest"])
        // Typed goals only: the channel asks for 1/7 + 1/30.4375 + 2/7 posts a day and counts those types.
        #expect(channel?.stock == 7)
    }

    @Test func scheduledFuturePosts_count_pastOnesAndOtherChannelsDoNot() throws {
        let scheduled = [
            StockRunway.ScheduledPost(channelID: instagram, contentType: "advice", dueAt: days(1)),
            StockRunway.ScheduledPost(channelID: instagram, contentType: "contest", dueAt: days(2)),
            StockRunway.ScheduledPost(channelID: instagram, contentType: nil, dueAt: days(3)),
            StockRunway.ScheduledPost(channelID: instagram, contentType: "advice", dueAt: days(-1)),
            StockRunway.ScheduledPost(channelID: mastodon, contentType: "advice", dueAt: days(1)),
        ]
        let goals = [goal(1, instagram, nil, 3, .week), goal(2, instagram, "contest", 1, .month)]
        let channel = try #require(
            StockRunway.compute(goals: goals, stock: items(3), scheduled: scheduled, now: now).first)
        #expect(channel.scheduled == 3)
        #expect(channel.daysCovered == 14)
        let contest = try #require(channel.goals.last)
        #expect(contest.scheduled == 1 && contest.stock == 0)
        #expect(contest.runsOutAt == days(CadencePeriod.month.days))
    }

    @Test func goalsAndItemsOfOtherChannels_areIgnored() throws {
        // Mastodon has no goal; Instagram's items are one for Mastodon only and two for any channel.
        let stock = items(1, channels: [mastodon]) + items(2, from: 10)
        let result = StockRunway.compute(
            goals: [goal(1, instagram, nil, 1, .week)], stock: stock, scheduled: [], now: now)
        #expect(result.map(\.channelID) == [instagram])
        #expect(result.first?.stock == 2)
        #expect(result.first?.daysCovered == 14)
        #expect(result.first?.sharedStock == 0)
    }

    @Test func anItemCountsOncePerChannel_andSharedStockIsShown() throws {
        // A contest serves both of Instagram's goals but is one item in its total.
        let goals = [
            goal(1, instagram, nil, 1, .week), goal(2, instagram, "contest", 1, .week),
            goal(3, mastodon, nil, 1, .week),
        ]
        let stock =
            items(1, type: "contest") + items(1, type: "advice", from: 5, channels: [instagram])
            + items(1, type: "advice", from: 9, channels: [mastodon])
        let result = StockRunway.compute(goals: goals, stock: stock, scheduled: [], now: now)
        let instagram = try #require(result.first { $0.channelID == self.instagram })
        #expect(instagram.stock == 2)
        #expect(instagram.goals.map(\.stock) == [2, 1])
        #expect(instagram.sharedStock == 1)
        let mastodon = try #require(result.first { $0.channelID == self.mastodon })
        #expect(mastodon.stock == 2)
        #expect(mastodon.sharedStock == 1)
        // Repeated input is still one item.
        let repeated = StockRunway.compute(
            goals: [goal(1, instagram.channelID, nil, 1, .week)], stock: stock + stock, scheduled: [], now: now)
        #expect(repeated.first?.stock == 2)
    }

    @Test func channelsAreSortedByWhenTheyRunOut() {
        let goals = [goal(1, instagram, nil, 1, .week), goal(2, mastodon, nil, 1, .week)]
        let stock = items(3, channels: [instagram]) + items(1, from: 10, channels: [mastodon])
        let result = StockRunway.compute(goals: goals, stock: stock, scheduled: [], now: now)
        #expect(result.map(\.channelID) == [mastodon, instagram])
    }

    @Test func stockItem_fromVariants_goesToTheirChannelsOnly() {
        let item = ContentItem(
            id: ContentItemID(1), workspaceID: WorkspaceID(1), title: "T", body: "B", status: .approved,
            contentType: "advice",
            campaign: nil, tags: [], evergreen: nil, notes: "", approvedFingerprint: nil, createdBy: nil,
            createdAt: now, updatedAt: now)
        func variant(_ id: Int64, channel: ChannelID?, market: MarketID?) -> ContentVariant {
            ContentVariant(
                id: ContentVariantID(id), contentID: item.id, channelID: channel, marketID: market, title: nil,
                body: "B",
                followUps: [], mediaIDs: [], translation: .none, updatedAt: now)
        }
        let marketOnly = StockRunway.StockItem(item: item, variants: [variant(1, channel: nil, market: MarketID(1))])
        #expect(marketOnly.canGo(to: instagram) && marketOnly.canGo(to: mastodon))
        let forMastodon = StockRunway.StockItem(item: item, variants: [variant(2, channel: mastodon, market: nil)])
        #expect(forMastodon.canGo(to: mastodon) && !forMastodon.canGo(to: instagram))
    }
}
