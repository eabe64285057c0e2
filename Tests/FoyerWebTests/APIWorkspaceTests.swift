import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

@Suite struct APIWorkspaceTests {
    @Test func listWorkspaces_returnsOnlyTheCallersWorkspacesWithTheirRole() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let beta = try await harness.seed.workspace(named: "Beta", owner: "someone@example.org")
        _ = try await harness.seed.workspace(named: "Gamma", owner: "someone@example.org")
        try await harness.seed.member("owner@example.org", role: .analyst, of: beta.id)
        let token = try await harness.token(for: acme.owner)

        let response = try await harness.test { client in try await client.api(.get, "/api/v1/workspaces", token: token)
        }

        #expect(response.status == .ok)
        let data = try response.list()
        #expect(data.map { $0["name"] as? String } == ["Acme", "Beta"])
        #expect(data.map { $0["role"] as? String } == ["owner", "analyst"])
        #expect(data.first?["timeZone"] as? String == "Europe/Paris")
        #expect((data.first?["createdAt"] as? String)?.hasSuffix("Z") == true)
        #expect(try response.next() == nil)
    }

    @Test func listWorkspaces_paginatesEveryWorkspaceOnce() async throws {
        let harness = try await APIHarness.make()
        let owner = try await harness.seed.user("owner@example.org")
        for index in 1...5 { _ = try await harness.seed.workspace(named: "Workspace \(index)", owner: owner.email) }
        let token = try await harness.token(for: owner)

        var seen: [Int64] = []
        var cursor: String?
        var pages = 0
        repeat {
            let path = "/api/v1/workspaces?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try await harness.test { client in try await client.api(.get, path, token: token) }
            #expect(response.status == .ok)
            seen += try response.list().ids
            cursor = try response.next()
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(seen.count == 5)
        #expect(Set(seen).count == 5)
    }

    @Test func getWorkspace_asMember_returnsItWithTheRole() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let client = try await harness.seed.member("client@example.org", role: .client, of: acme.id)
        let token = try await harness.token(for: client)

        let response = try await harness.test { c in
            try await c.api(.get, "/api/v1/workspaces/\(acme.id)", token: token)
        }

        #expect(response.status == .ok)
        let object = try response.object()
        #expect(object["id"] as? Int == Int(acme.id.rawValue))
        #expect(object["name"] as? String == "Acme")
        #expect(object["role"] as? String == "client")
        #expect(object["slug"] as? String == acme.workspace.slug)
    }

    @Test func patchWorkspace_asOwner_updatesTheGivenFieldsAndAudits() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: acme.owner)

        let response = try await harness.test { client in
            try await client.api(
                .patch, "/api/v1/workspaces/\(acme.id)", token: token,
                body: #"{"name": "  Acme Europe ", "defaultLocale": "fr"}"#)
        }

        #expect(response.status == .ok)
        #expect(try response.object()["name"] as? String == "Acme Europe")
        let stored = try #require(try await harness.storage.workspaces.find(acme.id))
        #expect(stored.name == "Acme Europe")
        #expect(stored.defaultLocale == .fr)
        #expect(stored.timeZone == "Europe/Paris")
        let audit = try await harness.storage.audit.list(in: acme.id, page: PageRequest()).items
        let event = try #require(audit.first { $0.action == "workspace.updated" })
        #expect(event.actorID == acme.owner.id)
        #expect(event.details["name"] == "Acme Europe")
        #expect(event.details["defaultLocale"] == "fr")
    }

    @Test(arguments: [
        (#"{"name": "Renamed", "timeZone": "Mars/Olympus"}"#, "timeZone"),
        (#"{"name": ""}"#, "name"),
        (#"{"name": "\#(String(repeating: "x", count: 101))"}"#, "name"),
        (#"{"defaultLocale": "de"}"#, "defaultLocale"),
        (#"{"name": 42}"#, "name"),
        (#"{"name": "Renamed", "slug": "hijack"}"#, "slug"),
    ])
    func patchWorkspace_withAnInvalidField_answers400NamingItAndChangesNothing(body: String, field: String) async throws
    {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: acme.owner)

        let response = try await harness.test { client in
            try await client.api(.patch, "/api/v1/workspaces/\(acme.id)", token: token, body: body)
        }

        #expect(response.status == .badRequest)
        #expect(try response.errorCode() == "invalid_field")
        #expect(try response.errorField() == field)
        #expect(try await harness.storage.workspaces.find(acme.id) == acme.workspace)
    }

    @Test(arguments: ["{not json", "[1, 2]", "{}", "\"Acme\""])
    func patchWorkspace_withMalformedBody_answers400InvalidBody(body: String) async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: acme.owner)

        let response = try await harness.test { client in
            try await client.api(.patch, "/api/v1/workspaces/\(acme.id)", token: token, body: body)
        }

        #expect(response.status == .badRequest)
        #expect(try response.errorCode() == "invalid_body")
        #expect(try await harness.storage.workspaces.find(acme.id) == acme.workspace)
    }

    @Test func patchWorkspace_withFormBody_answers415() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: acme.owner)

        let response = try await harness.test { client in
            try await client.api(
                .patch, "/api/v1/workspaces/\(acme.id)", token: token, body: "name=Renamed",
                headers: [.contentType: "application/x-www-form-urlencoded"])
        }

        #expect(response.status == .unsupportedMediaType)
        #expect(try response.errorCode() == "unsupported_media_type")
    }

    @Test(arguments: [Role.manager, .moderator, .analyst, .client])
    func patchWorkspace_belowAdmin_answers403AndChangesNothing(role: Role) async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let member = try await harness.seed.member("member@example.org", role: role, of: acme.id)
        let token = try await harness.token(for: member)

        let response = try await harness.test { client in
            try await client.api(.patch, "/api/v1/workspaces/\(acme.id)", token: token, body: #"{"name": "Hijacked"}"#)
        }

        #expect(response.status == .forbidden)
        #expect(try response.errorCode() == "forbidden")
        #expect(try await harness.storage.workspaces.find(acme.id)?.name == "Acme")
    }

    @Test func patchWorkspace_asAdmin_succeeds() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let admin = try await harness.seed.member("admin@example.org", role: .admin, of: acme.id)
        let token = try await harness.token(for: admin)

        let response = try await harness.test { client in
            try await client.api(
                .patch, "/api/v1/workspaces/\(acme.id)", token: token, body: #"{"timeZone": "America/Montreal"}"#)
        }

        #expect(response.status == .ok)
        #expect(try await harness.storage.workspaces.find(acme.id)?.timeZone == "America/Montreal")
    }
}

@Suite struct APIBodyLimitTests {
    @Test func patchWorkspace_withAHugeBody_answers413AndChangesNothing() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: acme.owner)
        let body = #"{"name": "\#(String(repeating: "x", count: 200_000))"}"#

        let response = try await harness.test { client in
            try await client.api(.patch, "/api/v1/workspaces/\(acme.id)", token: token, body: body)
        }

        #expect(response.status == .contentTooLarge)
        #expect(try response.errorCode() == "payload_too_large")
        #expect(try await harness.storage.workspaces.find(acme.id) == acme.workspace)
    }
}
