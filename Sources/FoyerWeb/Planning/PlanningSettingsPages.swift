import Foundation
import FoyerCore
import Hummingbird

/// Settings › Planning: the workspace's markets (name, locale, time zone), its list of content types and its
/// cadence goals per channel and content type, which drive the calendar's empty slots and the stock runway.
///
/// Every member may read them; changes need ``Role/canManageSettings`` (owners and admins).
struct PlanningSettingsPages: Sendable {
    let kit: PageKit

    struct View: Sendable {
        struct MarketRow: Sendable {
            let name: String
            let locale: String
            let timeZone: String
            let deleteURL: String
        }

        struct GoalRow: Sendable {
            let channel: String
            let contentType: String
            let cadence: String
            let deleteURL: String
        }

        /// What the forms show: the stored values, or what the person typed when it was refused.
        struct Input: Sendable {
            var marketName = ""
            var marketLocale = ""
            var marketTimeZone = ""
            var types = ""
            var goalChannel = ""
            var goalType = ""
            var goalCount = ""
            var goalPeriod = CadencePeriod.week.rawValue
        }

        let tabs: SettingsPages.Tabs
        let onPlanning = true
        let canEdit: Bool
        let markets: [MarketRow]
        let hasMarkets: Bool
        let goals: [GoalRow]
        let hasGoals: Bool
        let input: Input
        let timeZones: [SelectOption]
        let channels: [SelectOption]
        let hasChannels: Bool
        let goalTypes: [SelectOption]
        let periods: [SelectOption]
        let marketsAction: String
        let typesAction: String
        let goalsAction: String
        let calendarURL: String
        /// The refusal, shown above the form it belongs to.
        let marketError: String?
        let typesError: String?
        let goalError: String?
        let deleteMarketConfirm: String
    }

    /// Which form a refusal belongs to.
    enum Section { case markets, types, goals }

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await page(request, context, access, input: nil, error: nil)
    }

    func createMarket(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        var input = View.Input()
        input.marketName = context.form["name"] ?? ""
        input.marketLocale = context.form["locale"] ?? ""
        input.marketTimeZone = context.form["timeZone"] ?? ""
        return try await change(request, context, section: .markets, input: input) { access in
            let market = try await kit.storage.planning.createMarket(
                NewMarket(name: input.marketName, locale: input.marketLocale, timeZone: input.marketTimeZone),
                in: access.workspace.id)
            try await audit(
                access, "planning.market_created", target: market.id.description,
                ["name": market.name, "locale": market.locale, "timeZone": market.timeZone])
        }
    }

    func deleteMarket(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await change(request, context, section: .markets, input: nil) { access in
            let id: MarketID = try kit.id("id", context)
            try await kit.storage.planning.deleteMarket(id, in: access.workspace.id)
            try await audit(access, "planning.market_deleted", target: id.description, [:])
        }
    }

    func updateContentTypes(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        var input = View.Input()
        input.types = context.form["types"] ?? ""
        return try await change(request, context, section: .types, input: input) { access in
            let types = try Self.parseTypes(input.types)
            try await kit.storage.planning.setContentTypes(types, in: access.workspace.id)
            try await audit(
                access, "planning.content_types_updated", target: access.workspace.id.description,
                ["keys": types.map(\.key).joined(separator: ",")])
        }
    }

    func createGoal(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        var input = View.Input()
        input.goalChannel = context.form["channel"] ?? ""
        input.goalType = context.form["contentType"] ?? ""
        input.goalCount = context.form["count"] ?? ""
        input.goalPeriod = context.form["period"] ?? ""
        return try await change(request, context, section: .goals, input: input) { access in
            guard let channelID = ChannelID(input.goalChannel),
                try await kit.storage.channels.find(channelID, in: access.workspace.id) != nil
            else { throw DomainError.invalid(field: "channelId", message: "Choose a channel of this workspace.") }
            guard let count = Int(input.goalCount.trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid(field: "count", message: "Use a count of 1 to 100.")
            }
            guard let period = CadencePeriod(rawValue: input.goalPeriod) else {
                throw DomainError.invalid(field: "period", message: "Choose per week or per month.")
            }
            let goal = try await kit.storage.planning.createGoal(
                NewCadenceGoal(channelID: channelID, contentType: input.goalType, count: count, period: period),
                in: access.workspace.id)
            try await audit(
                access, "planning.goal_created", target: goal.id.description,
                [
                    "channel": goal.channelID.description, "contentType": goal.contentType ?? "",
                    "count": String(goal.count), "period": goal.period.rawValue,
                ])
        }
    }

    func deleteGoal(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await change(request, context, section: .goals, input: nil) { access in
            let id: CadenceGoalID = try kit.id("id", context)
            try await kit.storage.planning.deleteGoal(id, in: access.workspace.id)
            try await audit(access, "planning.goal_deleted", target: id.description, [:])
        }
    }

    /// One content type per line, `key: Name` (a line with a key only takes the key as its name too).
    static func parseTypes(_ text: String) throws -> [ContentTypeDefinition] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count <= 200 else {
            throw DomainError.invalid(field: "contentTypes", message: "Keep between 1 and 50 content types.")
        }
        let types = lines.filter { !$0.isEmpty }.map { line -> ContentTypeDefinition in
            guard let colon = line.firstIndex(of: ":") else { return ContentTypeDefinition(key: line, name: line) }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let name = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return ContentTypeDefinition(key: key, name: name.isEmpty ? key : name)
        }
        return try ContentTypeDefinition.validatedList(types)
    }

    static func typesText(_ types: [ContentTypeDefinition]) -> String {
        types.map { "\($0.key): \($0.name)" }.joined(separator: "\n")
    }

    // MARK: Support

    private func change(
        _ request: Request, _ context: FoyerRequestContext, section: Section, input: View.Input?,
        _ body: (WorkspaceAccess) async throws -> Void
    ) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageSettings)
        do {
            try await body(access)
        } catch let error as DomainError {
            if case .notFound = error { throw PageError.notFound }
            return try await page(
                request, context, access, input: input, error: (section, message(for: error, context)),
                status: .badRequest)
        }
        return .seeOther(path: SiteURL.workspace(access.workspace.id, .settingsPlanning).path + "?notice=saved")
    }

    /// The error in the person's language, naming the content type still in use when that is the reason.
    private func message(for error: DomainError, _ context: FoyerRequestContext) -> String {
        let prefix = "Items still use the type "
        if case .invalid(_, let english) = error, english.hasPrefix(prefix) {
            let key = english.dropFirst(prefix.count).prefix { $0 != "." }
            return kit.text("planning.typeInUse", context, ["key": String(key)])
        }
        return kit.message(for: error, context)
    }

    private func audit(_ access: WorkspaceAccess, _ action: String, target: String, _ details: [String: String])
        async throws
    {
        try await kit.storage.audit.record(
            NewAuditEvent(
                workspaceID: access.workspace.id, actorID: access.user.id, action: action, targetType: "planning",
                targetID: target, details: details))
    }

    private func page(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, input: View.Input?,
        error: (Section, String)?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = access.workspace.id
        let markets = try await kit.storage.planning.markets(in: id)
        let types = try await kit.storage.planning.contentTypes(in: id)
        let goals = try await kit.storage.planning.goals(in: id)
        let channels = try await kit.storage.channels.list(in: id)
        let channelNames = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let typeNames = Dictionary(types.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        var input = input ?? View.Input()
        if input.types.isEmpty { input.types = Self.typesText(types) }
        let zones = (["UTC"] + TimeZone.knownTimeZoneIdentifiers.sorted()).reduce(into: [String]()) { list, zone in
            if !list.contains(zone) { list.append(zone) }
        }
        let selectedZone = input.marketTimeZone.isEmpty ? access.workspace.timeZone : input.marketTimeZone
        let view = View(
            tabs: SettingsPages.Tabs(id, current: "planning"), canEdit: access.role.canManageSettings,
            markets: markets.map {
                View.MarketRow(
                    name: $0.name, locale: $0.locale, timeZone: $0.timeZone,
                    deleteURL: SiteURL.workspace(id, .settingsMarketDelete($0.id)).path)
            },
            hasMarkets: !markets.isEmpty,
            goals: goals.map { goal in
                View.GoalRow(
                    channel: channelNames[goal.channelID] ?? goal.channelID.description,
                    contentType: goal.contentType.map { typeNames[$0] ?? $0 } ?? kit.text("planning.anyType", context),
                    cadence: kit.text(
                        "planning.cadence.\(goal.period.rawValue)", context, ["count": String(goal.count)]),
                    deleteURL: SiteURL.workspace(id, .settingsGoalDelete(goal.id)).path)
            },
            hasGoals: !goals.isEmpty, input: input,
            timeZones: zones.map { SelectOption(value: $0, label: $0, selected: $0 == selectedZone) },
            channels: channels.map {
                SelectOption(value: $0.id.description, label: $0.name, selected: $0.id.description == input.goalChannel)
            },
            hasChannels: !channels.isEmpty,
            goalTypes: [SelectOption(value: "", label: kit.text("planning.anyType", context), selected: input.goalType.isEmpty)]
                + types.map { SelectOption(value: $0.key, label: $0.name, selected: $0.key == input.goalType) },
            periods: CadencePeriod.allCases.map {
                SelectOption(
                    value: $0.rawValue, label: kit.text("planning.period.\($0.rawValue)", context),
                    selected: $0.rawValue == input.goalPeriod)
            },
            marketsAction: SiteURL.workspace(id, .settingsMarkets).path,
            typesAction: SiteURL.workspace(id, .settingsContentTypes).path,
            goalsAction: SiteURL.workspace(id, .settingsGoals).path,
            calendarURL: SiteURL.workspace(id, .calendar).path,
            marketError: error.flatMap { $0.0 == .markets ? $0.1 : nil },
            typesError: error.flatMap { $0.0 == .types ? $0.1 : nil },
            goalError: error.flatMap { $0.0 == .goals ? $0.1 : nil },
            deleteMarketConfirm: kit.text("planning.deleteMarketConfirm", context))
        return try await kit.render(
            "settings-planning", title: kit.text("planning.title", context), content: view, request: request,
            context: context, access: access, current: .settingsPlanning, status: status)
    }
}
