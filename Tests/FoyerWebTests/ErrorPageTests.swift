import Foundation
import FoyerCore
import FoyerTestSupport
import FoyerWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// A workspace repository whose every call fails with internal details that must never reach a page.
private struct BrokenWorkspaces: WorkspaceRepository {
    struct Leak: Error, CustomStringConvertible {
        var description: String { "SQLite error 11: SELECT * FROM workspaces at /srv/foyer/data/foyer.sqlite" }
    }

    func create(_ workspace: NewWorkspace, owner: UserID) async throws -> Workspace { throw Leak() }
    func find(_ id: WorkspaceID) async throws -> Workspace? { throw Leak() }
    func find(slug: String) async throws -> Workspace? { throw Leak() }
    func list(for user: UserID) async throws -> [(workspace: Workspace, role: Role)] { throw Leak() }
    func update(_ id: WorkspaceID, name: String, timeZone: String, defaultLocale: AppLocale) async throws {
        throw Leak()
    }
    func summary(_ id: WorkspaceID, now: Date) async throws -> WorkspaceSummary { throw Leak() }
}

@Suite struct ErrorPageTests {
    @Test func internalError_showsAnErrorPageWithTheRequestIDAndNoDetails() async throws {
        let app = try await WebTestApp.make()
        try await app.user("ana@example.org")
        var dependencies = app.dependencies
        dependencies.storage.workspaces = BrokenWorkspaces()
        let router = buildRouter(dependencies)
        try await Application(router: router).test(.router) { client in
            let browser = try await signIn(client, email: "ana@example.org")
            let response = try await browser.get(client, "/workspaces", headers: [.acceptLanguage: "fr"])
            #expect(response.status == .internalServerError)
            #expect(response.html.contains("Une erreur est survenue"))
            let requestID = try #require(response.headers.first { $0.name.canonicalName == "x-request-id" }?.value)
            #expect(response.html.contains(requestID))
            for secret in ["SQLite", "SELECT", "/srv/foyer", "Leak", "BrokenWorkspaces"] {
                #expect(!response.html.contains(secret), "the error page shows \(secret)")
            }
            #expect(response.headers.contains { $0.name.canonicalName == "content-security-policy" })
        }
    }

    @Test func methodNotAllowed_orUnknownPage_neverShowsFrameworkText() async throws {
        let app = try await WebTestApp.make()
        try await app.run { client in
            let response = try await client.execute(uri: "/w/1/../../etc/passwd", method: .get)
            #expect(response.status == .notFound)
            #expect(response.html.contains("<html lang=\"en\">"))
            #expect(!response.html.contains("passwd"))
        }
    }
}
