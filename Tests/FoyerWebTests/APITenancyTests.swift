import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// Tenant isolation, generated from the route table: a route added to ``APIRoute/all`` is covered here
/// without anyone remembering to add it.
@Suite struct APITenancyTests {
    static var workspaceRoutes: [APIRoute] { APIRoute.all.filter(\.access.isWorkspaceScoped) }

    /// Every route under a workspace resolves the caller's membership; none escapes the rule by mistake.
    @Test func everyRouteWithAWorkspaceInItsPath_isWorkspaceScoped() {
        for route in APIRoute.all {
            #expect(
                route.path.contains("{workspaceID}") == route.access.isWorkspaceScoped,
                "\(route.method) \(route.path) must check workspace membership")
        }
        #expect(Self.workspaceRoutes.count >= 8)
    }

    /// A body that the endpoint would accept from a member, so a 404 cannot come from validation.
    static func validBody(for route: APIRoute) -> String? {
        switch route.requestBody {
        case nil: nil
        case "WorkspaceUpdate": #"{"name": "Taken over"}"#
        case "ChannelCreate": #"{"kind": "webhook", "name": "Taken over"}"#
        case "ConversationUpdate": #"{"status": "closed"}"#
        case "TagInput": #"{"name": "taken"}"#
        case "TextInput": #"{"body": "Taken over"}"#
        case "BulkAction": #"{"ids": [1], "action": "close"}"#
        case "SavedViewInput": #"{"name": "Taken over"}"#
        case "SavedViewUpdate": #"{"visibility": "shared"}"#
        case "SavedReplyInput": #"{"name": "Taken over", "versions": [{"language": "en", "body": "x"}]}"#
        case "InboxSettings": #"{"firstResponseMinutes": 1, "businessHours": []}"#
        case "ContentInput", "ContentUpdate": #"{"title": "Taken over"}"#
        case "VariantInput": #"{"channelId": 1, "body": "Taken over"}"#
        case "ReviewInput": #"{"decision": "approved"}"#
        case "PublicationInput": #"{"contentId": 1, "channelId": 1}"#
        case "PublicationUpdate": #"{"scheduledAt": "2030-01-01T00:00:00Z"}"#
        case "MarketInput": #"{"name": "Taken over", "locale": "fr-FR", "timeZone": "Europe/Paris"}"#
        case "ModerationInput": #"{"action": "delete", "reason": "Taken over"}"#
        case let other?: "unknown body schema \(other): add a valid example here"
        }
    }

    /// `route.path` with real ids of `inbox` in place of each placeholder.
    static func concretePath(_ route: APIRoute, workspace: WorkspaceID, inbox: SeededInbox) -> String {
        var path = route.path
        for name in route.pathParameters {
            let value: String
            switch name {
            case "workspaceID": value = workspace.description
            case "memberID": value = inbox.member.id.description
            case "conversationID": value = inbox.conversation.id.description
            case "messageID": value = inbox.messages[0].id.description
            case "channelID": value = inbox.channel.id.description
            // No inbound event is seeded: the id is a guess, and a non-member must get 404 before any lookup.
            case "eventID": value = "1"
            // Saved views and replies are not seeded either: a non-member must get 404 before any lookup.
            case "savedViewID", "savedReplyID": value = "1"
            // Nor is content: the content and publication endpoints must also answer 404 before any lookup.
            case "contentID", "variantID", "publicationID": value = "1"
            // No notification is seeded: a non-member must get 404 before any lookup.
            case "notificationID": value = "1"
            case "tag": value = "vip"
            default:
                Issue.record("No test id for {\(name)} in \(route.path): teach APITenancyTests.concretePath")
                value = "1"
            }
            path = path.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return "/api/v1" + path
    }

    @Test(arguments: workspaceRoutes.map { "\($0.method.rawValue) \($0.path)" })
    func workspaceRoute_forANonMember_answers404LikeAMissingWorkspace(label: String) async throws {
        let route = try #require(Self.workspaceRoutes.first { "\($0.method.rawValue) \($0.path)" == label })
        let harness = try await APIHarness.make()
        let theirs = try await harness.seed.inbox(
            named: "Theirs", owner: "owner@theirs.example", messages: ["Private words"])
        let outsider = try await harness.seed.workspace(named: "Mine", owner: "outsider@example.org").owner
        let token = try await harness.token(for: outsider)
        let body = Self.validBody(for: route)

        let existing = try await harness.test { client in
            try await client.api(
                route.method, Self.concretePath(route, workspace: theirs.id, inbox: theirs), token: token, body: body)
        }
        let missing = try await harness.test { client in
            try await client.api(
                route.method, Self.concretePath(route, workspace: WorkspaceID(987_654), inbox: theirs), token: token,
                body: body)
        }

        for response in [existing, missing] {
            #expect(response.status == .notFound, "\(label): \(response.text)")
            #expect(try response.errorCode() == "not_found")
            #expect(!response.text.contains("Theirs"))
            #expect(!response.text.contains("Private words"))
        }
        #expect(try await harness.storage.workspaces.find(theirs.id) == theirs.workspace)
    }

    @Test func memberAndConversationOfAnotherWorkspace_answer404InMine() async throws {
        let harness = try await APIHarness.make()
        let theirs = try await harness.seed.inbox(named: "Theirs", owner: "owner@theirs.example")
        let mine = try await harness.seed.inbox(named: "Mine", owner: "me@example.org")
        let token = try await harness.token(for: mine.owner)
        for path in [
            "/api/v1/workspaces/\(mine.id)/members/\(theirs.member.id)",
            "/api/v1/workspaces/\(mine.id)/conversations/\(theirs.conversation.id)",
        ] {
            let response = try await harness.test { client in try await client.api(.get, path, token: token) }
            #expect(response.status == .notFound, "\(path)")
        }
        let filtered = try await harness.test { client in
            try await client.api(
                .get, "/api/v1/workspaces/\(mine.id)/messages?conversation=\(theirs.conversation.id)", token: token)
        }
        #expect(try filtered.list().isEmpty)
    }
}
