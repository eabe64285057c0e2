import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// Records what a controller registers, without serving anything.
final class RecordingRouter: RouterMethods, @unchecked Sendable {
    typealias Context = FoyerRequestContext
    private(set) var routes: [String] = []

    @discardableResult func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        routes.append("\(method.rawValue) \(path.description)")
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self { self }
}

@Suite struct APIOpenAPITests {
    static func document() async throws -> (json: [String: Any], data: Data) {
        let harness = try await APIHarness.make()
        let response = try await harness.test { client in try await client.api(.get, "/api/v1/openapi.json", token: nil)
        }
        #expect(response.status == .ok)
        let data = Data(response.body.readableBytesView)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (json, data)
    }

    @Test func document_describesExactlyTheRegisteredRoutes() async throws {
        let harness = try await APIHarness.make()
        let recorder = RecordingRouter()
        APIController(dependencies: try harness.dependencies()).register(on: recorder.group("api/v1"))
        let registered = Set(recorder.routes)
        #expect(registered.count == recorder.routes.count, "a route is registered twice")

        let (json, _) = try await Self.document()
        let paths = try #require(json["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys { documented.insert("\(method.uppercased()) /api/v1\(path)") }
        }

        #expect(documented == registered)
        #expect(registered.count == APIRoute.all.count)
        #expect(registered.contains("GET /api/v1/workspaces/{workspaceID}/conversations"))
    }

    @Test func document_isOpenAPI310WithServersSecurityAndResolvableRefs() async throws {
        let (json, data) = try await Self.document()
        #expect(json["openapi"] as? String == "3.1.0")
        let servers = try #require(json["servers"] as? [[String: Any]])
        #expect(servers.first?["url"] as? String == "\(APIHarness.publicURL)/api/v1")
        let components = try #require(json["components"] as? [String: Any])
        let schemes = try #require(components["securitySchemes"] as? [String: [String: Any]])
        #expect(schemes["bearerAuth"]?["scheme"] as? String == "bearer")
        let schemas = try #require(components["schemas"] as? [String: Any])
        for name in [
            "Workspace", "Channel", "Member", "Identity", "Conversation", "Message", "Error", "WorkspaceList",
            "WorkspaceUpdate",
        ] {
            #expect(schemas[name] != nil, "missing schema \(name)")
        }
        let responses = components["responses"] as? [String: Any] ?? [:]

        let text = String(decoding: data, as: UTF8.self)
        let refs = text.components(separatedBy: "\"$ref\":\"").dropFirst().compactMap {
            $0.split(separator: "\"").first
        }
        #expect(!refs.isEmpty)
        for ref in refs {
            let parts = ref.split(separator: "/")
            #expect(parts.count == 4, "\(ref)")
            let name = String(parts.last ?? "")
            #expect(parts[2] == "schemas" ? schemas[name] != nil : responses[name] != nil, "unresolved \(ref)")
        }

        let paths = try #require(json["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                #expect(operation["operationId"] is String, "\(method) \(path)")
                let codes = (operation["responses"] as? [String: Any])?.keys.sorted() ?? []
                #expect(codes.contains { $0.hasPrefix("2") }, "\(method) \(path) has no success answer")
                if path.contains("{workspaceID}") { #expect(codes.contains("404"), "\(method) \(path)") }
                if path != "/openapi.json" { #expect(codes.contains("401"), "\(method) \(path)") }
            }
        }
        let patch = try #require(paths["/workspaces/{workspaceID}"]?["patch"])
        #expect(patch["requestBody"] != nil)
    }

    static let validatorAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openapi_spec_validator"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    @Test(
        .enabled(
            if: validatorAvailable,
            "needs python3 with openapi-spec-validator (pip install openapi-spec-validator)"))
    func document_passesOpenAPISpecValidator() async throws {
        let (_, data) = try await Self.document()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "foyer-openapi-\(UUID().uuidString).json")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json, sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')",
            file.path,
        ]
        // The validator's output goes to a file and its end is awaited, not waited for: a blocking wait would
        // hold one of the few threads every other test of the run shares for as long as Python takes.
        let log = file.appendingPathExtension("log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(text)")
    }

    /// The schemas describe the wire types: every key a wire type writes is a documented property, and
    /// every required property is written.
    @Test func wireTypes_matchTheirSchemas() throws {
        let now = Seed.defaultStart
        let workspace = Workspace(
            id: .init(1), name: "Acme", slug: "acme", timeZone: "UTC", defaultLocale: .en, createdAt: now)
        let channel = Channel(
            id: .init(2), workspaceID: .init(1), kind: .slack, name: "Slack", settings: ["a": "b"],
            sealedCredentials: Data([1, 2]),
            health: ChannelHealth(lastSuccessAt: now, lastErrorAt: now, lastError: "x", tokenExpiresAt: now),
            createdAt: now)
        let member = Member(
            id: .init(3), workspaceID: .init(1), displayName: "Alice", memberType: .customer, score: 1,
            firstSeenAt: now, lastSeenAt: now,
            createdAt: now)
        let identity = Identity(
            id: .init(4), workspaceID: .init(1), memberID: .init(3), platform: .matrix, externalID: "@a:x",
            handle: "@a", displayName: "A",
            profileURL: "https://x")
        let message = Message(
            id: .init(5), workspaceID: .init(1), channelID: .init(2), conversationID: .init(6), memberID: .init(3),
            externalID: "e", kind: .comment,
            direction: .inbound, authorName: "Alice", body: "Hi", sentAt: now, receivedAt: now, url: "https://x",
            analysis: MessageAnalysis(
                language: "en", languageConfidence: 1, sentiment: .positive, sentimentScore: 1, toxicityScore: 0,
                toxic: false,
                toxicityCategories: [], spamScore: 0, spam: false, intents: ["praise"]),
            likeCount: 0, shareCount: 0, moderation: MessageModeration(state: .hidden, at: now, by: .init(7)))
        var conversation = Conversation(
            id: .init(6), workspaceID: .init(1), channelID: .init(2), externalThreadID: "t", subject: "S",
            status: .open, priority: .normal,
            assigneeID: .init(7), memberID: .init(3), snoozedUntil: now, firstMessageAt: now, lastMessageAt: now,
            firstResponseAt: now,
            closedAt: now, messageCount: 1, tags: ["x"])
        conversation.waitingSince = now

        let samples: [(String, any Encodable)] = [
            ("Workspace", APIWorkspace(workspace, role: .owner)),
            ("Channel", APIChannel(channel)),
            ("Member", APIMember(member)),
            ("MemberDetail", APIMember(member, identities: [identity])),
            ("Identity", APIIdentity(identity)),
            ("Message", APIMessage(message)),
            ("ModerationResult", APIModerationResult(action: "hide", message: APIMessage(message), authorBanned: true)),
            ("Conversation", APIConversation(conversation)),
            ("ConversationDetail", APIConversation(conversation, messages: [message])),
            ("Error", APIErrorEnvelope(error: .init(code: "c", message: "m", field: "f"))),
            ("WorkspaceUpdate", APIWorkspaceUpdate(name: "n", timeZone: "UTC", defaultLocale: "en")),
            (
                "ContentImportReport",
                APIContentImportReport(
                    ContentImportReport(
                        counts: ContentImportCounts(created: 1, updated: 2),
                        rejected: [ContentCSV.RejectedRow(line: 3, field: "title", message: "Enter a title.")],
                        ignoredColumns: ["colour"], delimiter: .semicolon, dryRun: true, applied: false))
            ),
        ]
        let schemas = OpenAPISchemas.all
        for (name, sample) in samples {
            let data = try APIJSON.encoder.encode(sample)
            let keys = Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
            guard case .object(let schema)? = schemas[name], case .object(let properties)? = schema["properties"] else {
                Issue.record("no object schema for \(name)")
                continue
            }
            #expect(
                keys == Set(properties.keys),
                "\(name): written \(keys.sorted()), documented \(properties.keys.sorted())")
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required { #expect(keys.contains(key), "\(name) requires \(key)") }
            }
        }
    }
}
