import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FoyerWeb

@Suite struct APIErrorTests {
    @Test(arguments: [
        "/api/v1/nothing-here", "/api/v1/workspaces/1/unknown", "/api/v1", "/api/v1/workspaces/1/members/2/extra",
    ])
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

@Suite struct APIErrorLanguageTests {
    static func message(_ response: TestResponse) throws -> String? {
        (try response.object()["error"] as? [String: Any])?["message"] as? String
    }

    @Test func errors_followAcceptLanguage_inFrench() async throws {
        let harness = try await APIHarness.make()
        let acme = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
        let token = try await harness.token(for: acme.owner)
        let french: HTTPFields = [.acceptLanguage: "fr-FR,fr;q=0.9,en;q=0.5"]

        let (unauthorized, invalid, validation) = try await harness.test { client in
            (
                try await client.api(.get, "/api/v1/workspaces", token: nil, headers: french),
                try await client.api(.get, "/api/v1/workspaces?limit=0", token: token, headers: french),
                try await client.api(
                    .patch, "/api/v1/workspaces/\(acme.id)", token: token, body: #"{"timeZone": "Mars/Olympus"}"#,
                    headers: french)
            )
        }

        #expect(try Self.message(unauthorized)?.contains("jeton") == true)
        #expect(try unauthorized.errorCode() == "unauthorized")
        #expect(try Self.message(invalid)?.contains("nombre entier") == true)
        #expect(try invalid.errorCode() == "invalid_parameter")
        #expect(try Self.message(validation) == "Choisissez un fuseau horaire comme Europe/Paris.")
        #expect(validation.headers[.contentLanguage] == "fr")
    }

    @Test func errors_withoutAcceptLanguage_areInEnglish() async throws {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in try await client.api(.get, "/api/v1/workspaces", token: nil) }
        #expect(try Self.message(response)?.contains("API token") == true)
    }
}
