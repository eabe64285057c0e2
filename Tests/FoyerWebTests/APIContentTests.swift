import Foundation
import FoyerCore
import FoyerTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// A Mastodon-kind connector whose publisher is never called here: the API only queues posts.
private struct QueueOnlyConnector: Connector {
    struct NoSend: Publisher {
        func publish(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt {
            throw ConnectorError(.unavailable, "not in this test")
        }
        func reconcile(_ post: OutboundPost, context: ChannelContext) async throws -> OutboundReceipt? { nil }
    }
    let kind = ChannelKind.mastodon
    let capabilities = ConnectorCapabilities(ingest: .poll, reply: true, publish: true)
    var publisher: (any Publisher)? { NoSend() }
}

/// The content stock and posts through `/api/v1`: the rules of the pages, with JSON errors naming fields.
@Suite struct APIContentTests {
    struct Setup {
        let harness: APIHarness
        let workspace: WorkspaceID
        let mastodon: Channel
        let feed: Channel
        let owner: String
        let analyst: String
        let client: String
        var base: String { "/api/v1/workspaces/\(workspace)" }

        static func make() async throws -> Setup {
            var harness = try await APIHarness.make()
            harness.connectors = ConnectorRegistry([QueueOnlyConnector()])
            let seeded = try await harness.seed.workspace(named: "Acme", owner: "owner@example.org")
            let id = seeded.workspace.id
            let analyst = try await harness.seed.member("analyst@example.org", role: .analyst, of: id)
            let client = try await harness.seed.member("client@example.org", role: .client, of: id)
            return Setup(
                harness: harness, workspace: id,
                mastodon: try await harness.seed.channel(in: id, kind: .mastodon, name: "Mastodon"),
                feed: try await harness.seed.channel(in: id, kind: .feed, name: "Blog feed"),
                owner: try await harness.token(for: seeded.owner), analyst: try await harness.token(for: analyst),
                client: try await harness.token(for: client))
        }
    }

    @Test func contentLifecycle_createReviewScheduleRescheduleCancel() async throws {
        let setup = try await Setup.make()
        let (base, owner) = (setup.base, setup.owner)
        let start = setup.harness.clock.now()
        try await setup.harness.test { client in
            let created = try await client.api(
                .post, base + "/content", token: owner,
                body: ##"{"title": "Winter boots guide", "body": "Our tips for cold feet", "contentType": "advice", "tags": ["Winter", "#boots"]}"##)
            #expect(created.status == .created)
            let item = try created.object()
            let id = try #require(item["id"] as? Int)
            #expect(item["status"] as? String == "idea")
            #expect(item["tags"] as? [String] == ["winter", "boots"])
            #expect(item["approved"] as? Bool == false)

            // Analysts read, they do not write; unknown fields and bad values are named.
            #expect(try await client.api(.get, base + "/content", token: setup.analyst).status == .ok)
            #expect(try await client.api(.post, base + "/content", token: setup.analyst, body: #"{"title": "x"}"#).status == .forbidden)
            let unknownType = try await client.api(.post, base + "/content", token: owner, body: #"{"title": "x", "contentType": "meme"}"#)
            #expect(unknownType.status == .badRequest)
            #expect(unknownType.text.contains("contentType"))

            // Not approved: cannot be scheduled.
            let early = try await client.api(
                .post, base + "/publications", token: owner, body: #"{"contentId": \#(id), "channelId": \#(setup.mastodon.id)}"#)
            #expect(early.status == .conflict)

            // A variant for Mastodon, then the client approves what it read.
            let variant = try await client.api(
                .put, base + "/content/\(id)/variants", token: owner,
                body: #"{"channelId": \#(setup.mastodon.id), "body": "Cold feet? Our tips ❄️", "followUps": ["Part two"]}"#)
            #expect(variant.status == .ok)
            let detail = try await client.api(.get, base + "/content/\(id)", token: setup.client).object()
            let fingerprint = try #require(detail["fingerprint"] as? String)
            let approval = try await client.api(
                .post, base + "/content/\(id)/reviews", token: setup.client,
                body: #"{"decision": "approved", "fingerprint": "\#(fingerprint)"}"#)
            #expect(approval.status == .created)
            #expect(try await client.api(.get, base + "/content/\(id)", token: owner).object()["approved"] as? Bool == true)

            // Scheduling: the past, a channel that cannot publish, then a real one, idempotent by key.
            let past = try await client.api(
                .post, base + "/publications", token: owner,
                body: #"{"contentId": \#(id), "channelId": \#(setup.mastodon.id), "scheduledAt": "2020-01-01T00:00:00Z"}"#)
            #expect(past.status == .badRequest)
            #expect(past.text.contains("scheduledAt"))
            let feed = try await client.api(
                .post, base + "/publications", token: owner, body: #"{"contentId": \#(id), "channelId": \#(setup.feed.id)}"#)
            #expect(feed.status == .badRequest)
            #expect(feed.text.contains("channelId"))
            let when = ISO8601DateFormatter().string(from: start.addingTimeInterval(3600))
            let body = #"{"contentId": \#(id), "channelId": \#(setup.mastodon.id), "scheduledAt": "\#(when)"}"#
            let first = try await client.api(.post, base + "/publications", token: owner, body: body, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            let again = try await client.api(.post, base + "/publications", token: owner, body: body, headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(first.status == .created)
            let post = try first.object()
            let postID = try #require(post["id"] as? Int)
            #expect(try again.object()["id"] as? Int == postID)
            #expect(post["body"] as? String == "Cold feet? Our tips ❄️")
            #expect(post["followUps"] as? [String] == ["Part two"])
            #expect(post["state"] as? String == "scheduled")
            #expect(try await client.api(.get, base + "/content/\(id)", token: owner).object()["status"] as? String == "scheduled")
            let posts = try await client.api(.get, base + "/publications?state=scheduled", token: setup.analyst).object()
            #expect((posts["data"] as? [[String: Any]])?.count == 1)

            // Reschedule, then cancel: the item is approved again, nothing left waiting.
            let later = ISO8601DateFormatter().string(from: start.addingTimeInterval(7200))
            let moved = try await client.api(
                .patch, base + "/publications/\(postID)", token: owner, body: #"{"scheduledAt": "\#(later)"}"#)
            #expect(moved.status == .ok)
            #expect(try moved.object()["scheduledAt"] as? String == later)
            #expect(try await client.api(.delete, base + "/publications/\(postID)", token: owner).status == .noContent)
            #expect(try await client.api(.get, base + "/publications/\(postID)", token: owner).status == .notFound)
            #expect(try await client.api(.get, base + "/content/\(id)", token: owner).object()["status"] as? String == "approved")

            // A changed text loses the approval.
            let edited = try await client.api(.patch, base + "/content/\(id)", token: owner, body: #"{"body": "New tips"}"#)
            #expect(try edited.object()["approved"] as? Bool == false)
            #expect(try edited.object()["status"] as? String == "in_review")
            let stale = try await client.api(
                .post, base + "/content/\(id)/reviews", token: setup.client,
                body: #"{"decision": "approved", "fingerprint": "\#(fingerprint)"}"#)
            #expect(stale.status == .conflict)
        }
    }

    @Test func otherWorkspacesContent_isNotFound() async throws {
        let setup = try await Setup.make()
        let other = try await setup.harness.seed.workspace(named: "Other", owner: "other@example.org")
        let foreign = try await setup.harness.storage.content.create(
            ContentDraft(title: "Theirs"), createdBy: nil, in: other.workspace.id)
        try await setup.harness.test { client in
            for (method, path) in [
                (HTTPRequest.Method.get, "/content/\(foreign.id)"), (.delete, "/content/\(foreign.id)"),
            ] {
                let response = try await client.api(method, setup.base + path, token: setup.owner)
                #expect(response.status == .notFound, "\(method) \(path)")
            }
            let schedule = try await client.api(
                .post, setup.base + "/publications", token: setup.owner,
                body: #"{"contentId": \#(foreign.id), "channelId": \#(setup.mastodon.id)}"#)
            #expect(schedule.status == .notFound)
            let otherToken = try await setup.harness.token(for: other.owner)
            #expect(try await client.api(.get, setup.base + "/content", token: otherToken).status == .notFound)
        }
    }

    @Test func contentWireTypes_matchTheirSchemas() throws {
        let now = Date(timeIntervalSince1970: 1_768_471_200)
        let item = ContentItem(
            id: .init(1), workspaceID: .init(1), title: "t", body: "b", status: .approved, contentType: "advice", campaign: "c",
            tags: ["x"], evergreen: EvergreenPolicy(intervalDays: 30, until: now, cap: 3), notes: "", approvedFingerprint: "f",
            createdBy: nil, createdAt: now, updatedAt: now)
        let variant = ContentVariant(
            id: .init(1), contentID: .init(1), channelID: .init(2), marketID: .init(3), title: "t", body: "b", followUps: [],
            mediaIDs: [], translation: .none, updatedAt: now)
        let publication = Publication(
            id: .init(1), workspaceID: .init(1), channelID: .init(2), purpose: .post, conversationID: nil, body: "b",
            threadID: nil, inReplyToExternalID: nil, idempotencyKey: "k", state: .published, attempts: 1, dueAt: now,
            leaseExpiresAt: nil, externalID: "x", remoteURL: "https://x", lastError: "e", createdBy: nil, createdAt: now,
            updatedAt: now, post: PostDetails(contentID: .init(1), variantID: .init(1), marketID: .init(3), title: "t"))
        let review = ContentReview(
            id: .init(1), contentID: .init(1), decision: .approved, reviewerID: nil, reviewerName: "Client", viaLink: true,
            comment: "", fingerprint: "f", createdAt: now)
        let detail = ContentWorkflow.Detail(
            item: item, variants: [variant], media: [], reviews: [review], publications: [publication], fingerprint: "f")
        let samples: [(String, any Encodable)] = [
            ("Content", APIContent(item)), ("ContentDetail", APIContentDetail(detail)), ("ContentVariant", APIContentVariant(variant)),
            ("ContentReview", APIContentReview(review)), ("Post", APIPost(publication)),
            ("Market", APIMarket(Market(id: .init(1), workspaceID: .init(1), name: "France", locale: "fr-FR", timeZone: "Europe/Paris"))),
        ]
        let schemas = OpenAPISchemas.all
        for (name, sample) in samples {
            let data = try APIJSON.encoder.encode(sample)
            let keys = Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
            guard case .object(let schema)? = schemas[name], case .object(let properties)? = schema["properties"] else {
                Issue.record("no object schema for \(name)")
                continue
            }
            #expect(keys == Set(properties.keys), "\(name): written \(keys.sorted()), documented \(properties.keys.sorted())")
        }
    }

    @Test func csv_exportAndImport_withADryRun_andAllOrNothing() async throws {
        let setup = try await Setup.make()
        let (base, owner) = (setup.base, setup.owner)
        try await setup.harness.test { client in
            let created = try await client.api(.post, base + "/content", token: owner, body: #"{"title": "Boots, the guide", "body": "Warm \"feet\""}"#)
            let id = try #require(try created.object()["id"] as? Int)
            let export = try await client.api(.get, base + "/content/export", token: setup.analyst)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.text.contains("\(id),\"Boots, the guide\",idea"))

            let csvHeaders: HTTPFields = [.contentType: "text/csv"]
            let file = "title,body,id\n\"Boots, the full guide\",Warm,\(id)\nGloves,,\n"
            let dryRun = try await client.api(
                .post, base + "/content/import?dryRun=true", token: owner, body: file, headers: csvHeaders)
            #expect(dryRun.status == .ok)
            let plan = try dryRun.object()
            #expect(plan["created"] as? Int == 1)
            #expect(plan["updated"] as? Int == 1)
            #expect(plan["applied"] as? Bool == false)

            let broken = try await client.api(
                .post, base + "/content/import", token: owner, body: file + ",No title,\n", headers: csvHeaders)
            let report = try broken.object()
            #expect(report["applied"] as? Bool == false)
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.first?["line"] as? Int == 4)
            #expect(rejected.first?["field"] as? String == "title")

            let json = try await client.api(.post, base + "/content/import", token: owner, body: #"{"title": "x"}"#)
            #expect(json.status == .unsupportedMediaType)
            let forbidden = try await client.api(
                .post, base + "/content/import", token: setup.analyst, body: file, headers: csvHeaders)
            #expect(forbidden.status == .forbidden)

            let applied = try await client.api(.post, base + "/content/import", token: owner, body: file, headers: csvHeaders)
            #expect(try applied.object()["applied"] as? Bool == true)
            let list = try await client.api(.get, base + "/content", token: owner)
            #expect(Set(try list.list().compactMap { $0["title"] as? String }) == ["Boots, the full guide", "Gloves"])
        }
    }
}
