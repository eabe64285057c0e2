import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// The editorial calendar: views, time zones, moving posts, empty cadence slots, best times.
@Suite struct CalendarPagesTests {
    @Test func calendar_rendersInEnglishAndFrench_withNavigationAndViews() async throws {
        let board = try await PlanningBoard.make()
        try await board.member("marie@example.org", role: .manager, locale: .fr)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let english = try await owner.get(client, board.calendar + "?date=2026-01-16")
            #expect(english.status == .ok)
            #expect(english.html.contains("<h2 id=\"calendar-heading\">January 2026</h2>"))
            #expect(english.html.contains("href=\"\(board.calendar)?date=2025-12-16\" rel=\"prev\""))
            #expect(english.html.contains("href=\"\(board.calendar)?date=2026-02-16\" rel=\"next\""))
            #expect(english.html.contains(">Calendar</a>"), "the navigation links to the calendar")
            let french = try await signIn(client, email: "marie@example.org")
            let page = try await french.get(client, board.calendar + "?view=week&date=2026-01-16").html
            #expect(page.contains("<html lang=\"fr\">"))
            #expect(page.contains(">Calendrier</a>"))
            #expect(page.contains("Du lundi 12 janvier au dimanche 18 janvier"))
            let list = try await french.get(client, board.calendar + "?view=list").html
            #expect(list.contains("Rien de prévu ce mois-ci."))
            let bad = try await owner.get(client, board.calendar + "?view=year&date=2026-02-30")
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains("Choose the month, week or list view."))
        }
    }

    @Test func monthGrid_inAMarketTimeZone_putsA2330UTCPostOnTheLocalDay() async throws {
        let board = try await PlanningBoard.make(timeZone: "UTC")
        let tokyo = try await board.storage.planning.createMarket(
            NewMarket(name: "Japan", locale: "ja-JP", timeZone: "Asia/Tokyo"), in: board.id)
        let item = try await board.item("Winter <sale>")
        _ = try await board.post(item, at: utc("2026-01-20T23:30:00Z"), market: tokyo.id)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let workspace = try await owner.get(client, board.calendar + "?date=2026-01-20").html
            #expect(dayCell(workspace, "2026-01-20").contains("Winter &lt;sale&gt;"))
            #expect(dayCell(workspace, "2026-01-20").contains(">23:30<"))
            let market = try await owner.get(client, board.calendar + "?date=2026-01-20&market=\(tokyo.id)").html
            #expect(market.contains("Asia/Tokyo"))
            #expect(!dayCell(market, "2026-01-20").contains("Winter"))
            #expect(dayCell(market, "2026-01-21").contains("Winter &lt;sale&gt;"))
            #expect(dayCell(market, "2026-01-21").contains(">08:30<"))
            let stranger = try await owner.get(client, board.calendar + "?market=999999")
            #expect(stranger.status == .notFound)
        }
    }

    @Test func drag_keepsTheLocalTimeAcrossADaylightSavingChange() async throws {
        let board = try await PlanningBoard.make(timeZone: "Europe/Paris")
        let item = try await board.item("Spring launch")
        // Friday 27 March 2026, 09:00 in Paris (UTC+1); clocks go forward on Sunday 29 March.
        let post = try await board.post(item, at: utc("2026-03-27T08:00:00Z"))
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let moved = try await owner.post(
                client, board.calendar + "/posts/\(post.id)/reschedule",
                form: ["day": "2026-03-30", "view": "week", "date": "2026-03-30"])
            #expect(moved.status == .seeOther)
            #expect(moved.redirectPath == board.calendar + "?view=week&date=2026-03-30&notice=rescheduled")
            // Monday 30 March, 09:00 in Paris, now UTC+2.
            #expect(try await board.storage.publications.find(post.id, in: board.id)?.dueAt == utc("2026-03-30T07:00:00Z"))
            let form = try await owner.post(
                client, board.calendar + "/posts/\(post.id)/reschedule", form: ["at": "2026-04-02T10:15"])
            #expect(form.status == .seeOther)
            #expect(try await board.storage.publications.find(post.id, in: board.id)?.dueAt == utc("2026-04-02T08:15:00Z"))
            let page = try await owner.get(client, board.calendar + "?view=week&date=2026-04-02").html
            #expect(dayCell(page, "2026-04-02").contains(">10:15<"))
            #expect(page.contains("draggable=\"true\" data-move-url=\"\(board.calendar)/posts/\(post.id)/reschedule\""))
        }
    }

    @Test func move_ofASentPostOrIntoThePast_isRefusedWithTheReason_andKeepsTheInput() async throws {
        let board = try await PlanningBoard.make()
        let item = try await board.item("Already out")
        let sent = try await board.published(
            try await board.post(item, at: testNow.addingTimeInterval(3600)), externalID: "109")
        let waiting = try await board.post(try await board.item("Still waiting"), at: testNow.addingTimeInterval(7200))
        try await board.member("analyst@example.org", role: .analyst)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let refused = try await owner.post(
                client, board.calendar + "/posts/\(sent.id)/reschedule", form: ["day": "2026-01-20"])
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("This publication is published and was already tried"))
            let past = try await owner.post(
                client, board.calendar + "/posts/\(waiting.id)/reschedule", form: ["at": "2026-01-02T09:00"])
            #expect(past.status == .badRequest)
            #expect(past.html.contains("This time is in the past."))
            let garbled = try await owner.post(
                client, board.calendar + "/posts/\(waiting.id)/reschedule", form: ["at": "tomorrow <b>"])
            #expect(garbled.status == .badRequest)
            #expect(garbled.html.contains("Choose a date and a time"))
            #expect(garbled.html.contains("value=\"tomorrow &lt;b&gt;\""), "the move form keeps what was typed")
            let analyst = try await signIn(client, email: "analyst@example.org")
            let forbidden = try await analyst.post(
                client, board.calendar + "/posts/\(waiting.id)/reschedule", form: ["day": "2026-01-20"])
            #expect(forbidden.status == .forbidden)
            let view = try await analyst.get(client, board.calendar).html
            #expect(!view.contains("draggable=\"true\""), "an analyst sees the plan but cannot move it")
        }
        #expect(try await board.storage.publications.find(sent.id, in: board.id)?.dueAt == sent.dueAt)
        #expect(try await board.storage.publications.find(waiting.id, in: board.id)?.dueAt == waiting.dueAt)
    }

    @Test func move_ofAnotherWorkspacesPost_isNotFound() async throws {
        let board = try await PlanningBoard.make()
        let other = try await board.app.seed.workspace(named: "Other", owner: "other@example.org")
        let otherChannel = try await board.app.seed.channel(in: other.id, name: "Theirs")
        let theirItem = try await board.storage.content.create(
            ContentDraft(title: "Theirs", body: "x"), createdBy: nil, in: other.id)
        let theirs = try await board.storage.publications.create(
            NewPublication(
                channelID: otherChannel.id, purpose: .post, conversationID: nil, body: "x", threadID: nil,
                inReplyToExternalID: nil, dueAt: testNow.addingTimeInterval(3600), createdBy: nil,
                post: PostDetails(contentID: theirItem.id)),
            in: other.id, now: testNow)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, board.calendar + "/posts/\(theirs.id)/reschedule", form: ["day": "2026-01-20"])
            #expect(response.status == .notFound)
        }
        #expect(try await board.storage.publications.find(theirs.id, in: other.id)?.dueAt == theirs.dueAt)
    }

    @Test func cadenceGoal_showsTheMissingPostsAsEmptySlots() async throws {
        let board = try await PlanningBoard.make()
        _ = try await board.storage.planning.createGoal(
            NewCadenceGoal(channelID: board.channel.id, contentType: nil, count: 3, period: .week), in: board.id)
        // Week of Monday 19 January 2026; one post on Tuesday.
        _ = try await board.post(try await board.item("Tuesday post"), at: utc("2026-01-20T09:00:00Z"))
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let page = try await owner.get(client, board.calendar + "?view=week&date=2026-01-21").html
            let days = ["2026-01-19", "2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23", "2026-01-24", "2026-01-25"]
            let withSlot = days.filter { dayCell(page, $0).contains("Empty slot: Mastodon") }
            #expect(withSlot == ["2026-01-19", "2026-01-23"], "Monday and Friday: the free days, evenly")
            #expect(!dayCell(page, "2026-01-20").contains("Empty slot"))
            #expect(page.contains("channel=\(board.channel.id)&amp;at=2026-01-19T09:00#schedule"))
        }
    }

    @Test func cadenceSlots_spreadOverFreeDays_fromToday_andIgnoreFailedPosts() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Paris"))
        let slots = CadenceSlots(calendar: EditorialCalendar(timeZone: zone, firstWeekday: .monday))
        let channel = ChannelID(1)
        let goal = CadenceGoal(
            id: CadenceGoalID(1), workspaceID: WorkspaceID(1), channelID: channel, contentType: "contest", count: 2,
            period: .week)
        let week = (19...25).compactMap { LocalDay(year: 2026, month: 1, day: $0) }
        let posts = [
            CadenceSlots.Post(channelID: channel, contentType: "advice", day: week[4], state: .scheduled),
            CadenceSlots.Post(channelID: channel, contentType: "contest", day: week[3], state: .failed),
        ]
        // Today is Wednesday: Monday and Tuesday are past; Friday has an advice post (not a contest, but the
        // day is taken); the failed contest does not count, and its day is free.
        let placed = slots.slots(goals: [goal], posts: posts, days: week, today: week[2])
        #expect(placed.keys.sorted() == [week[2], week[5]])
        #expect(placed[week[2]] == [CadenceSlots.Slot(channelID: channel, contentType: "contest")])
        let met = slots.slots(
            goals: [goal],
            posts: [
                .init(channelID: channel, contentType: "contest", day: week[0], state: .published),
                .init(channelID: channel, contentType: "contest", day: week[1], state: .scheduled),
            ], days: week, today: week[0])
        #expect(met.isEmpty)
    }

    @Test func bestTimes_countRepliesToPublishedPosts_andSuggestTheNextSlot() async throws {
        let board = try await PlanningBoard.make(timeZone: "UTC")
        // Three Tuesdays at 18:00 UTC, each drawing two replies in its thread; one Monday post with none.
        for (index, day) in ["2025-12-02", "2025-12-09", "2025-12-16"].enumerated() {
            let post = try await board.post(try await board.item("Tuesday \(index)"), at: utc("\(day)T18:00:00Z"))
            try await board.published(post, externalID: "status-\(index)")
            let thread = try await board.app.seed.conversation(
                in: board.id, channel: board.channel.id, thread: "status-\(index)")
            _ = try await board.app.seed.messages(["Nice", "Love it"], in: thread)
            _ = try await board.app.seed.messages(["Thanks!"], in: thread, direction: .outbound)
        }
        let quiet = try await board.post(try await board.item("Monday"), at: utc("2025-12-01T09:00:00Z"))
        try await board.published(quiet, externalID: "status-quiet")
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let page = try await owner.get(client, board.calendar).html
            #expect(page.contains("Tuesday 18:00: 2.0 replies on average (3 posts)"))
            // testNow is Friday 16 January 2026, 10:00 UTC: the next Tuesday 18:00 is the 20th.
            #expect(page.contains("data-fill-at=\"2026-01-20T18:00\""))
            #expect(page.contains("channel=\(board.channel.id)&amp;at=2026-01-20T18:00#schedule"))
        }
    }

    @Test func publishedPost_linksToThePlatform_onlyOverHTTP() async throws {
        let board = try await PlanningBoard.make()
        let safe = try await board.post(try await board.item("Safe"), at: testNow.addingTimeInterval(-86_400))
        try await board.published(safe, externalID: "1", remoteURL: "https://social.example/@acme/1")
        let hostile = try await board.post(try await board.item("Hostile"), at: testNow.addingTimeInterval(-86_400 + 60))
        try await board.published(hostile, externalID: "2", remoteURL: "javascript:alert(1)")
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let page = try await owner.get(client, board.calendar).html
            #expect(page.contains("href=\"https://social.example/@acme/1\""))
            #expect(!page.contains("javascript:"))
        }
    }
}
