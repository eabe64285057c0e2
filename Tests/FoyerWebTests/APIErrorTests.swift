import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FoyerWeb

@Suite struct APIErrorTests {
    @Test(arguments: ["/api/v1/nothing-here", "/api/v1/workspaces/1/unknown", "/api/v1", "/api/v1/workspaces/1/members/2/extra"])
    func unknownAPIPath_answers404InTheJSONEnvelope(path: String) async throws {
        let harness = try await APIHarness.make()
        let owner = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org").owner
        let token = try await harness.token(for: owner)
        for token in [token, nil] {
            let response = try await harness.test { client in try await client.api(.get, path, token: token) }
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try response.errorCode() == "not_found")
            #expect(!response.text.contains("<html"))
        }
    }

    @Test func knownPathWithOtherMethod_answers405WithAllow() async throws {
        let harness = try await APIHarness.make()
        let seeded = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: seeded.owner)
        let response = try await harness.test { client in
            try await client.api(.delete, "/api/v1/workspaces/\(seeded.id)", token: token)
        }
        #expect(response.status == .methodNotAllowed)
        #expect(try response.errorCode() == "method_not_allowed")
        let allow = try #require(response.headers[.allow])
        #expect(allow.contains("GET") && allow.contains("PATCH"))
        #expect(try await harness.storage.workspaces.find(seeded.id) != nil)
    }

    struct Leaky: Error, CustomStringConvertible {
        var description: String { "SQLITE_ERROR near /var/lib/foyer/secret.db: table users" }
    }

    @Test func unexpectedError_answers500WithGenericMessageAndRequestID() async throws {
        let router = Router()
        router.add(middleware: APIErrorMiddleware<BasicRequestContext>())
        router.get("boom") { _, _ -> String in throw Leaky() }
        let response = try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/boom", method: .get)
        }
        #expect(response.status == .internalServerError)
        #expect(try response.errorCode() == "internal_error")
        #expect(!response.text.contains("SQLITE"))
        #expect(!response.text.contains("/var/lib"))
        #expect(response.text.contains("request id"))
    }

    @Test func domainErrors_mapToStatusesAndCodes() {
        #expect(APIError.mapping(DomainError.notFound("x"))?.status == .notFound)
        #expect(APIError.mapping(DomainError.conflict("x"))?.code == "conflict")
        #expect(APIError.mapping(DomainError.forbidden("x"))?.status == .forbidden)
        let invalid = APIError.mapping(DomainError.invalid(field: "name", message: "Enter a name."))
        #expect(invalid?.status == .badRequest)
        #expect(invalid?.field == "name")
        #expect(APIError.mapping(HTTPError(.notFound))?.code == "not_found")
        #expect(APIError.mapping(HTTPError(.contentTooLarge))?.code == "payload_too_large")
        #expect(APIError.mapping(Leaky()) == nil)
    }
}
