import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// The workspace's home page: stock runway warnings and the publishing notice.
@Suite struct HomePlanningTests {
    @Test func home_warnsWhenApprovedContentRunsLow_namingTheTypeThatRunsOutFirst() async throws {
        let board = try await PlanningBoard.make()
        _ = try await board.storage.planning.createGoal(
            NewCadenceGoal(channelID: board.channel.id, contentType: "advice", count: 2, period: .week), in: board.id)
        _ = try await board.storage.planning.createGoal(
            NewCadenceGoal(channelID: board.channel.id, contentType: "contest", count: 1, period: .week), in: board.id)
        // 3 advice items and 1 contest: 4 items at 3 a week is 9 days; contests last 7 days, advice 10.
        for index in 1...3 { _ = try await board.item("Tip \(index)", type: "advice") }
        _ = try await board.item("Win a kettle", type: "contest")
        _ = try await board.item("Not approved", type: "contest", approved: false)
        try await board.member("marie@example.org", role: .client, locale: .fr)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let home = try await owner.get(client, "/w/\(board.id)").html
            #expect(home.contains("Content running low"))
            #expect(home.contains("Mastodon: 9 days of approved content left. Contest runs out first."))
            let french = try await signIn(client, email: "marie@example.org")
            let accueil = try await french.get(client, "/w/\(board.id)").html
            #expect(accueil.contains("Mastodon : 9 jours de contenu approuvé restants. Contest s’épuise en premier."))
        }
    }

    @Test func home_saysNothingAboutRunway_whenStockCoversTheThreshold() async throws {
        let board = try await PlanningBoard.make()
        _ = try await board.storage.planning.createGoal(
            NewCadenceGoal(channelID: board.channel.id, contentType: nil, count: 1, period: .week), in: board.id)
        for index in 1...2 { _ = try await board.item("Item \(index)") }
        // Two items plus one scheduled post at one a week: three weeks.
        _ = try await board.post(try await board.item("Planned", approved: false), at: testNow.addingTimeInterval(86_400))
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let home = try await owner.get(client, "/w/\(board.id)").html
            #expect(!home.contains("Content running low"))
            let calendar = try await owner.get(client, board.calendar).html
            #expect(calendar.contains("Mastodon: 21 days of approved content left."))
        }
    }

    @Test func home_announcesLateAndFailedPosts() async throws {
        let board = try await PlanningBoard.make()
        let late = try await board.post(try await board.item("Late <one>"), at: testNow.addingTimeInterval(-600))
        let failing = try await board.post(try await board.item("Refused one"), at: testNow.addingTimeInterval(-3600))
        try await board.failed(failing, error: "Mastodon refused the post: the text is 612 characters")
        // Due a minute ago: the publisher may be sending it right now, so it is not late yet.
        _ = try await board.post(try await board.item("Just due"), at: testNow.addingTimeInterval(-60))
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let home = try await owner.get(client, "/w/\(board.id)").html
            #expect(home.contains("Publishing needs your attention"))
            #expect(home.contains("Late &lt;one&gt;"))
            #expect(home.contains("Refused one"))
            #expect(home.contains("Mastodon refused the post: the text is 612 characters"))
            #expect(!home.contains("Just due"))
            let calendar = try await owner.get(client, board.calendar).html
            #expect(dayCell(calendar, "2026-01-16").contains("state-late"))
        }
        _ = late
    }

    @Test func home_withoutLateOrFailedPosts_hasNoNotice() async throws {
        let board = try await PlanningBoard.make()
        _ = try await board.post(try await board.item("Tomorrow"), at: testNow.addingTimeInterval(86_400))
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let home = try await owner.get(client, "/w/\(board.id)").html
            #expect(!home.contains("Publishing needs your attention"))
        }
    }

    @Test func publishingPage_showsTheLedger_withStatesErrorsLinksAndFilters() async throws {
        let board = try await PlanningBoard.make()
        let late = try await board.post(try await board.item("Late <one>"), at: testNow.addingTimeInterval(-600))
        let failing = try await board.post(try await board.item("Refused one"), at: testNow.addingTimeInterval(-3600))
        try await board.failed(failing, error: "Mastodon refused the post: the text is 612 characters")
        let done = try await board.post(try await board.item("Out already"), at: testNow.addingTimeInterval(-7200))
        try await board.published(done, externalID: "109", remoteURL: "https://mastodon.example/@cime/109")
        let hostile = try await board.post(try await board.item("Odd link"), at: testNow.addingTimeInterval(-9000))
        try await board.published(hostile, externalID: "110", remoteURL: "javascript:alert(1)")
        _ = try await board.post(try await board.item("Tomorrow"), at: testNow.addingTimeInterval(86_400))
        try await board.member("marie@example.org", role: .analyst, locale: .fr)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let path = "/w/\(board.id)/publishing"
            let page = try await owner.get(client, path)
            #expect(page.status == .ok)
            let html = page.html
            #expect(html.contains("Publishing needs your attention"))
            #expect(html.contains("id=\"publication-\(late.id)\""))
            #expect(html.contains("Late &lt;one&gt;"))
            #expect(html.contains("<span class=\"state-late\">Late</span>"))
            #expect(html.contains("Mastodon refused the post: the text is 612 characters"))
            #expect(html.contains("href=\"https://mastodon.example/@cime/109\""))
            #expect(!html.contains("javascript:alert"), "a remote link that is not http(s) is not shown")
            #expect(html.contains("Tomorrow"))
            #expect(html.contains("href=\"/w/\(board.id)/content/"), "each post links to its item")

            let failedOnly = try await owner.get(client, path + "?state=failed").html
            #expect(failedOnly.contains("Refused one"))
            #expect(!failedOnly.contains("Tomorrow"))
            let replies = try await owner.get(client, path + "?kind=reply").html
            #expect(replies.contains("Nothing in the ledger yet"), "no reply was sent")
            let bad = try await owner.get(client, path + "?state=lost")
            #expect(bad.status == .badRequest)

            let analyst = try await signIn(client, email: "marie@example.org")
            let french = try await analyst.get(client, path)
            #expect(french.status == .ok)
            #expect(french.html.contains("Registre de publication"))
            #expect(french.html.contains("<span class=\"state-failed\">Échec</span>"))
        }
    }
}
