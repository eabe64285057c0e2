import Foundation
import FoyerCore
import Hummingbird
import NIOCore

/// The secret calendar feed (`GET /calendar/<token>.ics`) that calendar applications subscribe to: no
/// session, the token is the credential. Only the token's SHA-256 is stored; an unknown token is a 404 like
/// any missing page, so the answer says nothing about which workspaces exist.
struct CalendarFeedPages: Sendable {
    let kit: PageKit

    /// The feed covers the last 30 days and the next 180.
    static let past: TimeInterval = 30 * 86_400
    static let future: TimeInterval = 180 * 86_400
    /// What a calendar shows as the length of a post.
    static let durationMinutes = 15

    func feed(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        guard let raw = context.parameters.get("token"), raw.hasSuffix(".ics") else { throw PageError.notFound }
        let token = String(raw.dropLast(4))
        // Tokens are 43 base64url characters; anything else cannot be one.
        guard (20...100).contains(token.count),
            token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
            let workspaceID = try await kit.storage.planning.workspace(calendarFeedTokenHash: SecretToken.digest(token)),
            let workspace = try await kit.storage.workspaces.find(workspaceID)
        else { throw PageError.notFound }
        let now = kit.dependencies.clock.now()
        let posts = try await kit.storage.publications.posts(
            in: workspaceID, from: now.addingTimeInterval(-Self.past), to: now.addingTimeInterval(Self.future))
        let channels = try await kit.storage.channels.list(in: workspaceID)
        let names = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let host = kit.dependencies.settings.publicURL.host ?? "foyer"
        let calendarURL =
            kit.dependencies.settings.publicURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            + SiteURL.workspace(workspaceID, .calendar).path
        let events = posts.filter { $0.workspaceID == workspaceID }.map { post in
            let channel = names[post.channelID] ?? ""
            let title = post.post?.title ?? String(post.body.prefix(80))
            let status: CalendarFeedEvent.Status =
                switch post.state {
                case .published: .confirmed
                case .failed: .cancelled
                case .scheduled, .sending, .unknown: .tentative
                }
            var description = "\(channel) · \(post.state.rawValue)\n\n\(String(post.body.prefix(1000)))"
            if post.state == .failed, let error = post.lastError { description += "\n\n\(error.prefix(300))" }
            return CalendarFeedEvent(
                uid: "publication-\(post.id)@\(host)", start: post.dueAt, durationMinutes: Self.durationMinutes,
                summary: channel.isEmpty ? title : "\(title) (\(channel))", description: description,
                url: ExternalLink.safe(post.remoteURL) ?? calendarURL, status: status, lastModified: post.updatedAt)
        }
        let body = ICalendarWriter.write(name: "\(workspace.name) · Foyer", events: events)
        return FileDownload.response(Data(body.utf8), type: "text/calendar; charset=utf-8", filename: "foyer.ics", attachment: false)
    }
}
