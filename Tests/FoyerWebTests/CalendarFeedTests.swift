import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FoyerWeb

/// The secret calendar feed: created on the calendar page, read without a session, revoked by a new one.
@Suite struct CalendarFeedTests {
    /// The feed URL a page shows once, as a path.
    static func feedPath(in html: String) -> String? {
        guard let start = html.range(of: "http://foyer.test/calendar/") else { return nil }
        let rest = html[start.upperBound...]
        return "/calendar/" + rest.prefix { $0 != "\"" }
    }

    @Test func feed_withItsToken_listsTheWorkspacesPosts_andNothingElse() async throws {
        let board = try await PlanningBoard.make()
        let item = try await board.item("Launch; day, one")
        _ = try await board.post(item, at: testNow.addingTimeInterval(86_400))
        let old = try await board.post(try await board.item("Long ago"), at: testNow.addingTimeInterval(-40 * 86_400))
        try await board.published(old, externalID: "old")
        let other = try await board.app.seed.workspace(named: "Other", owner: "other@example.org")
        let otherChannel = try await board.app.seed.channel(in: other.id, name: "Theirs")
        let theirItem = try await board.storage.content.create(
            ContentDraft(title: "Secret plan", body: "x"), createdBy: nil, in: other.id)
        _ = try await board.storage.publications.create(
            NewPublication(
                channelID: otherChannel.id, purpose: .post, conversationID: nil, body: "x", threadID: nil,
                inReplyToExternalID: nil, dueAt: testNow.addingTimeInterval(3600), createdBy: nil,
                post: PostDetails(contentID: theirItem.id, title: "Secret plan")),
            in: other.id, now: testNow)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let created = try await owner.post(client, board.calendar + "/feed")
            #expect(created.status == .ok)
            let path = try #require(Self.feedPath(in: created.html))
            #expect(path.hasSuffix(".ics"))
            let feed = try await client.execute(uri: path, method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = String(buffer: feed.body)
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(text.contains("SUMMARY:Launch\\; day\\, one (Mastodon)"))
            #expect(text.contains("DTSTART:20260117T100000Z"))
            #expect(!text.contains("Long ago"), "posts older than 30 days are left out")
            #expect(!text.contains("Secret plan"), "another workspace's posts never show")
            // The page no longer shows the URL once it is created, only that one exists.
            let page = try await owner.get(client, board.calendar).html
            #expect(!page.contains(path))
            #expect(page.contains("Make a new address"))
        }
        #expect(try await board.storage.planning.hasCalendarFeed(board.id))
        let events = try await board.storage.audit.list(in: board.id, page: PageRequest()).items
        #expect(events.contains { $0.action == "calendar.feed_created" })
    }

    @Test func regenerating_revokesTheOldURL_andUnknownTokensAre404() async throws {
        let board = try await PlanningBoard.make()
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let first = try #require(Self.feedPath(in: try await owner.post(client, board.calendar + "/feed").html))
            let second = try #require(Self.feedPath(in: try await owner.post(client, board.calendar + "/feed").html))
            #expect(first != second)
            #expect(try await client.execute(uri: first, method: .get).status == .notFound)
            #expect(try await client.execute(uri: second, method: .get).status == .ok)
            #expect(try await client.execute(uri: String(second.dropLast(4)), method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/calendar/nope.ics", method: .get).status == .notFound)
            let forged = "/calendar/" + String(repeating: "A", count: 43) + ".ics"
            #expect(try await client.execute(uri: forged, method: .get).status == .notFound)
        }
    }

    @Test func onlyManagersAndAbove_createTheFeed() async throws {
        let board = try await PlanningBoard.make()
        try await board.member("moderator@example.org", role: .moderator)
        try await board.member("manager@example.org", role: .manager)
        try await board.app.run { client in
            let moderator = try await signIn(client, email: "moderator@example.org")
            #expect(try await moderator.post(client, board.calendar + "/feed").status == .forbidden)
            let page = try await moderator.get(client, board.calendar).html
            #expect(!page.contains("calendar/feed"))
            let created = try await board.storage.planning.hasCalendarFeed(board.id)
            #expect(!created)
            let manager = try await signIn(client, email: "manager@example.org")
            #expect(try await manager.post(client, board.calendar + "/feed").status == .ok)
        }
        #expect(try await board.storage.planning.hasCalendarFeed(board.id))
    }
}
