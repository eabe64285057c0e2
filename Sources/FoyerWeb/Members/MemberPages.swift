import Foundation
import FoyerCore
import Hummingbird

/// The read-only community members list and each member's page.
struct MemberPages: Sendable {
    let kit: PageKit

    struct ListView: Sendable {
        struct Row: Sendable {
            let name: String
            let url: String
            let type: String
            let score: String
            let lastSeen: DateView
        }

        let action: String
        let query: String
        let rows: [Row]
        let hasRows: Bool
        let nextURL: String?
    }

    struct DetailView: Sendable {
        struct IdentityRow: Sendable {
            let platform: String
            let handle: String
            let displayName: String?
            let profileURL: String?
        }

        let name: String
        let type: String
        let score: String
        let firstSeen: DateView
        let lastSeen: DateView
        let identities: [IdentityRow]
        let backURL: String
    }

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id = access.workspace.id
        let text = String((request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
        let cursor = request.uri.queryParameters.get("cursor").map { String($0.prefix(200)) }
        let page = try await kit.storage.members.list(
            in: id, query: text.isEmpty ? nil : text, page: PageRequest(limit: 50, cursor: cursor))
        let dates = kit.dates(context, access)
        let rows = page.items.map { member in
            ListView.Row(
                name: member.displayName, url: SiteURL.workspace(id, .member(member.id)).path,
                type: kit.text("memberType.\(member.memberType.rawValue)", context),
                score: String(format: "%.0f", member.score), lastSeen: DateView(member.lastSeenAt, dates))
        }
        let nextURL = page.next.map { next in
            SiteURL.workspace(id, .members).path + "?"
                + (text.isEmpty ? "" : "q=\(SiteURL.encodeQueryValue(text))&")
                + "cursor=\(SiteURL.encodeQueryValue(next))"
        }
        let view = ListView(
            action: SiteURL.workspace(id, .members).path, query: text, rows: rows, hasRows: !rows.isEmpty,
            nextURL: nextURL)
        return try await kit.render(
            "members", title: kit.text("members.title", context), content: view, request: request, context: context,
            access: access, current: .members)
    }

    func detail(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id = access.workspace.id
        let memberID: MemberID = try kit.id("member", context)
        guard let member = try await kit.storage.members.find(memberID, in: id) else { throw PageError.notFound }
        let identities = try await kit.storage.members.identities(of: memberID, in: id)
        let dates = kit.dates(context, access)
        let view = DetailView(
            name: member.displayName, type: kit.text("memberType.\(member.memberType.rawValue)", context),
            score: String(format: "%.0f", member.score), firstSeen: DateView(member.firstSeenAt, dates),
            lastSeen: DateView(member.lastSeenAt, dates),
            identities: identities.map {
                DetailView.IdentityRow(
                    platform: $0.platform.displayName, handle: $0.handle, displayName: $0.displayName,
                    profileURL: ExternalLink.safe($0.profileURL))
            },
            backURL: SiteURL.workspace(id, .members).path)
        return try await kit.render(
            "member", title: member.displayName, content: view, request: request, context: context, access: access,
            current: .member)
    }
}
