import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MembersSettingsTests {
    @Test func owner_removesAMember_whoThenGets404() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        let moderator = try await app.seed.member("mod@example.org", role: .moderator, of: workspace.id)
        try await app.user("owner@example.org")
        try await app.user("mod@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let former = try await signIn(client, email: "mod@example.org")
            #expect(try await former.get(client, "/w/\(workspace.id)").status == .ok)
            let response = try await owner.post(client, "/w/\(workspace.id)/settings/members/\(moderator.id)/remove")
            #expect(response.status == .seeOther)
            #expect(try await former.get(client, "/w/\(workspace.id)").status == .notFound)
        }
        #expect(try await app.storage.memberships.find(user: moderator.id, in: workspace.id) == nil)
        let events = try await app.storage.audit.list(in: workspace.id, page: PageRequest()).items
        #expect(events.contains { $0.action == "member.removed" })
    }

    @Test func lastOwner_cannotBeDemoted_andTheReasonIsShown() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings/members/\(workspace.owner.id)/role", form: ["role": "analyst"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("class=\"error\""))
        }
        #expect(try await app.storage.memberships.find(user: workspace.owner.id, in: workspace.id)?.role == .owner)
    }

    @Test func role_withUnknownValue_isRefusedClearly() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        let moderator = try await app.seed.member("mod@example.org", role: .moderator, of: workspace.id)
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings/members/\(moderator.id)/role", form: ["role": "emperor"])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("Choose a role from the list."))
        }
        #expect(try await app.storage.memberships.find(user: moderator.id, in: workspace.id)?.role == .moderator)
    }

    @Test func pendingInvitation_canBeRevoked_andItsLinkStopsWorking() async throws {
        let app = try await WebTestApp.make()
        let workspace = try await app.seed.workspace(named: "Acme", owner: "owner@example.org")
        try await app.user("owner@example.org")
        let issued = try await AccountService(app.dependencies).invite(
            email: "soon@example.org", role: .analyst, to: workspace.id, by: workspace.owner.id, inviterRole: .owner)
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let members = try await owner.get(client, "/w/\(workspace.id)/settings/members")
            #expect(members.html.contains("soon@example.org"))
            let response = try await owner.post(
                client, "/w/\(workspace.id)/settings/invitations/\(issued.invitation.id)/revoke")
            #expect(response.status == .seeOther)
            let link = try await client.execute(uri: SiteURL.invitation(token: issued.token).path, method: .get)
            #expect(link.status == .notFound)
        }
        #expect(try await app.storage.invitations.listPending(in: workspace.id, now: testNow).isEmpty)
    }

    @Test func inbox_isPaginatedWithANextLink() async throws {
        let app = try await WebTestApp.make()
        let inbox = try await app.seed.inbox(named: "Acme", owner: "owner@example.org")
        for index in 0..<30 {
            let conversation = try await app.seed.conversation(
                in: inbox.id, channel: inbox.channel.id, thread: "t-\(index)", subject: "Subject number \(index)")
            _ = try await app.seed.messages(
                ["Message \(index)"], in: conversation, from: Seed.defaultStart.addingTimeInterval(Double(index) * 3600)
            )
        }
        try await app.user("owner@example.org")
        try await app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let first = try await owner.get(client, "/w/\(inbox.id)/inbox").html
            #expect(first.contains("Subject number 29"))
            let next = try #require(Self.nextLink(in: first))
            let second = try await owner.get(client, next).html
            #expect(!second.contains("Subject number 29"))
            #expect(second.contains("Subject number 0"))
        }
    }

    static func nextLink(in html: String) -> String? {
        guard let end = html.range(of: "\" rel=\"next\"") else { return nil }
        let before = html[..<end.lowerBound]
        guard let start = before.range(of: "href=\"", options: .backwards) else { return nil }
        return String(before[start.upperBound...]).replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&#x3D;", with: "=").replacingOccurrences(of: "&#61;", with: "=")
    }
}
