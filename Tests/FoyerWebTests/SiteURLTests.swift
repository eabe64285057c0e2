import FoyerCore
import Testing

@testable import FoyerWeb

@Suite struct SiteURLTests {
    @Test func path_ofEveryLink_matchesThePatternOfItsRoute() {
        let workspace = WorkspaceID(7)
        let links: [SiteURL] = [
            .root, .signIn(), .signOut, .locale, .account, .accountProfile, .accountPassword, .accountTokens,
            .accountTokenRevoke(APITokenID(3)), .invitation(token: "abc"), .workspaces, .calendarFeed(token: "abc"),
        ]
        let pages: [SiteURL.WorkspacePage] = [
            .home, .inbox, .conversation(ConversationID(5)), .publishing, .listening, .moderation, .analytics, .ideas,
            .members, .member(MemberID(9)), .settings, .settingsMembers, .settingsMemberRole(UserID(2)),
            .settingsMemberRemove(UserID(2)), .settingsInvite, .settingsInvitationRevoke(InvitationID(4)),
            .settingsChannels, .settingsChannel(ChannelID(6)), .settingsChannelDelete(ChannelID(6)),
            .settingsChannelRetry(ChannelID(6), InboundEventID(8)),
            .calendar, .calendarSchedule, .calendarReschedule(PublicationID(3)), .calendarFeedCreate, .settingsPlanning,
            .settingsMarkets, .settingsMarketDelete(MarketID(2)), .settingsContentTypes, .settingsGoals,
            .settingsGoalDelete(CadenceGoalID(4)),
        ]
        for link in links + pages.map({ SiteURL.workspace(workspace, $0) }) {
            guard let route = link.route else {
                Issue.record("\(link) has no route")
                continue
            }
            #expect(Self.matches(link.path, route.pattern), "\(link.path) does not match \(route.pattern)")
        }
    }

    @Test func path_ofWorkspacePages_fillsTheParameters() {
        #expect(SiteURL.workspace(WorkspaceID(7), .conversation(ConversationID(5))).path == "/w/7/inbox/5")
        #expect(
            SiteURL.workspace(WorkspaceID(7), .settingsMemberRole(UserID(2))).path == "/w/7/settings/members/2/role")
        #expect(SiteURL.accountTokenRevoke(APITokenID(3)).path == "/account/tokens/3/revoke")
        #expect(SiteURL.staticFile("app.css").path == "/static/app.css")
        #expect(
            SiteURL.workspace(WorkspaceID(7), .settingsChannelRetry(ChannelID(6), InboundEventID(8))).path
                == "/w/7/settings/channels/6/events/8/retry")
        #expect(SiteURL.workspace(WorkspaceID(7), .calendarReschedule(PublicationID(3))).path == "/w/7/calendar/posts/3/reschedule")
        #expect(SiteURL.workspace(WorkspaceID(7), .settingsGoalDelete(CadenceGoalID(4))).path == "/w/7/settings/planning/goals/4/delete")
        #expect(SiteURL.calendarFeed(token: "a_b-c").path == "/calendar/a_b-c.ics")
    }

    @Test func path_withHostileValues_percentEncodesThem() {
        #expect(SiteURL.invitation(token: "a/b?c#d").path == "/invitations/a%2Fb%3Fc%23d")
        #expect(SiteURL.signIn(returnTo: "/w/1?x=1&y=2").path == "/sign-in?next=/w/1%3Fx%3D1%26y%3D2")
    }

    @Test func routeTable_hasNoDuplicateMethodAndPattern() {
        let keys = SiteRoute.allCases.map { "\($0.method) \($0.pattern)" }
        #expect(Set(keys).count == keys.count)
    }

    @Test func routeTable_workspaceRoutes_areThoseUnderW() {
        for route in SiteRoute.allCases {
            #expect(route.isWorkspaceRoute == route.pattern.hasPrefix("/w/:workspace"))
        }
        #expect(SiteRoute.allCases.filter(\.isWorkspaceRoute).count >= 17)
    }

    @Test func safeReturnPath_refusesOtherSites() {
        #expect(SafeReturnPath.validated("/w/1/inbox") == "/w/1/inbox")
        #expect(SafeReturnPath.validated("//evil.example") == nil)
        #expect(SafeReturnPath.validated("/\\evil.example") == nil)
        #expect(SafeReturnPath.validated("https://evil.example") == nil)
        #expect(SafeReturnPath.validated(nil) == nil)
    }

    static func matches(_ path: String, _ pattern: String) -> Bool {
        let pathOnly = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let a = pathOnly.split(separator: "/")
        let b = pattern.split(separator: "/")
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { segment, expected in expected.hasPrefix(":") || segment == expected }
    }
}
