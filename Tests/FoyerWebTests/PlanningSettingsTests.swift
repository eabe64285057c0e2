import Foundation
import FoyerCore
import FoyerTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoyerWeb

/// Settings › Planning: markets, content types and cadence goals.
@Suite struct PlanningSettingsTests {
    func path(_ board: PlanningBoard) -> String { "/w/\(board.id)/settings/planning" }

    @Test func owner_addsAndDeletesAMarket_andABadOneIsRefusedKeepingTheInput() async throws {
        let board = try await PlanningBoard.make()
        let base = path(board)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let added = try await owner.post(
                client, base + "/markets", form: ["name": "Québec", "locale": "fr_ca", "timeZone": "America/Toronto"])
            #expect(added.status == .seeOther)
            #expect(added.redirectPath == base + "?notice=saved")
            let refused = try await owner.post(
                client, base + "/markets", form: ["name": "<b>Belgique</b>", "locale": "Belgian", "timeZone": "Europe/Brussels"])
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("Use a locale such as fr-FR, fr-CA or en."))
            #expect(refused.html.contains("value=\"&lt;b&gt;Belgique&lt;/b&gt;\""))
            #expect(refused.html.contains("<option value=\"Europe/Brussels\" selected>"))
            let duplicate = try await owner.post(
                client, base + "/markets", form: ["name": "québec", "locale": "fr-CA", "timeZone": "America/Toronto"])
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.html.contains("A market with this name already exists."))
        }
        let markets = try await board.storage.planning.markets(in: board.id)
        #expect(markets.map(\.locale) == ["fr-CA"])
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let page = try await owner.get(client, base).html
            #expect(page.contains("<td>Québec</td><td>fr-CA</td><td>America/Toronto</td>"))
            let deleted = try await owner.post(client, base + "/markets/\(markets[0].id)/delete")
            #expect(deleted.status == .seeOther)
        }
        #expect(try await board.storage.planning.markets(in: board.id).isEmpty)
    }

    @Test func contentTypes_areEdited_butATypeInUseCannotBeRemoved() async throws {
        let board = try await PlanningBoard.make()
        let base = path(board)
        _ = try await board.item("A contest", type: "contest", approved: false)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let saved = try await owner.post(
                client, base + "/types", form: ["types": "contest: Contest\r\nadvice: Tips & tricks\r\n\r\nevent"])
            #expect(saved.status == .seeOther)
            let refused = try await owner.post(client, base + "/types", form: ["types": "advice: Tips"])
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("Items still use the type contest."))
            #expect(refused.html.contains(">advice: Tips</textarea>"), "the typed list is kept")
            let badKey = try await owner.post(client, base + "/types", form: ["types": "contest\nBad Key: x"])
            #expect(badKey.status == .badRequest)
            #expect(badKey.html.contains("Use keys of lower-case letters"))
        }
        let types = try await board.storage.planning.contentTypes(in: board.id)
        #expect(types == [
            .init(key: "contest", name: "Contest"), .init(key: "advice", name: "Tips & tricks"), .init(key: "event", name: "event"),
        ])
    }

    @Test func goals_areAddedAndDeleted_withValidation() async throws {
        let board = try await PlanningBoard.make()
        let base = path(board)
        let other = try await board.app.seed.workspace(named: "Other", owner: "other@example.org")
        let theirs = try await board.app.seed.channel(in: other.id, name: "Theirs")
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            let added = try await owner.post(
                client, base + "/goals",
                form: ["channel": board.channel.id.description, "contentType": "contest", "count": "2", "period": "month"])
            #expect(added.status == .seeOther)
            let page = try await owner.get(client, base).html
            #expect(page.contains("<td>Mastodon</td><td>Contest</td><td>2 a month</td>"))
            let zero = try await owner.post(
                client, base + "/goals", form: ["channel": board.channel.id.description, "count": "0", "period": "week"])
            #expect(zero.status == .badRequest)
            #expect(zero.html.contains("Use a count of 1 to 100."))
            #expect(zero.html.contains("id=\"g-count\" name=\"count\" type=\"number\" min=\"1\" max=\"100\" required value=\"0\""))
            let foreign = try await owner.post(
                client, base + "/goals", form: ["channel": theirs.id.description, "count": "1", "period": "week"])
            #expect(foreign.status == .badRequest)
            #expect(foreign.html.contains("Choose a channel of this workspace."))
            let unknownType = try await owner.post(
                client, base + "/goals",
                form: ["channel": board.channel.id.description, "contentType": "memes", "count": "1", "period": "week"])
            #expect(unknownType.status == .badRequest)
        }
        let goals = try await board.storage.planning.goals(in: board.id)
        #expect(goals.count == 1)
        try await board.app.run { client in
            let owner = try await signIn(client, email: "owner@example.org")
            #expect(try await owner.post(client, base + "/goals/\(goals[0].id)/delete").status == .seeOther)
            #expect(try await owner.post(client, base + "/goals/\(goals[0].id)/delete").status == .notFound)
        }
        #expect(try await board.storage.planning.goals(in: board.id).isEmpty)
    }

    @Test func managerAndAnalyst_readTheSettings_butCannotChangeThem() async throws {
        let board = try await PlanningBoard.make()
        let base = path(board)
        try await board.member("manager@example.org", role: .manager, locale: .fr)
        try await board.app.run { client in
            let manager = try await signIn(client, email: "manager@example.org")
            let page = try await manager.get(client, base)
            #expect(page.status == .ok)
            #expect(page.html.contains("Objectifs de rythme"))
            #expect(page.html.contains("<textarea id=\"p-types\" name=\"types\" rows=\"9\" aria-describedby=\"p-types-hint\" disabled>"))
            #expect(!page.html.contains("action=\"\(base)/markets\""))
            let refused = try await manager.post(
                client, base + "/markets", form: ["name": "France", "locale": "fr-FR", "timeZone": "Europe/Paris"])
            #expect(refused.status == .forbidden)
            #expect(try await manager.post(client, base + "/types", form: ["types": "x: y"]).status == .forbidden)
        }
        #expect(try await board.storage.planning.markets(in: board.id).isEmpty)
        #expect(try await board.storage.planning.contentTypes(in: board.id) == ContentTypeDefinition.defaults)
    }
}
