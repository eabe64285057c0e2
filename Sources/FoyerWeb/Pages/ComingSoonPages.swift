import FoyerCore
import Hummingbird

/// Areas that come with later issues: real pages that say so, so no link is broken.
struct ComingSoonPages: Sendable {
    let kit: PageKit

    struct ComingSoonView: Sendable {
        let heading: String
        let message: String
        let homeURL: String
    }

    func show(_ area: String, route: SiteRoute) -> @Sendable (Request, FoyerRequestContext) async throws -> Response {
        { request, context in
            let access = try await kit.access(request, context)
            let heading = kit.text("nav.\(area)", context)
            let view = ComingSoonView(
                heading: heading, message: kit.text("comingSoon.\(area)", context),
                homeURL: SiteURL.workspace(access.workspace.id, .home).path)
            return try await kit.render(
                "coming-soon", title: heading, content: view, request: request, context: context, access: access,
                current: route)
        }
    }
}
