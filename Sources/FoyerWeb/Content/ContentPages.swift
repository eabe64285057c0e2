import Foundation
import FoyerCore
import Hummingbird

/// The content stock: the list with filters and counts per status, the board (one column per status), and
/// the forms that create, move and delete items. Every change goes through ``ContentWorkflow``.
struct ContentPages: Sendable {
    let kit: PageKit

    var workflow: ContentWorkflow { ContentWorkflow(dependencies: kit.dependencies) }

    static let pageSize = 50

    struct StatusCount: Sendable {
        let label: String
        let count: Int
        let url: String
        let current: Bool
    }

    struct Row: Sendable {
        let title: String
        let url: String
        let status: String
        let statusClass: String
        let type: String
        let campaign: String?
        let tags: String?
        let evergreen: Bool
        let updated: DateView
    }

    struct Filters: Sendable {
        let statuses: [SelectOption]
        let types: [SelectOption]
        let evergreen: [SelectOption]
        let campaign: String
        let tag: String
        let query: String
    }

    struct CreateForm: Sendable {
        let action: String
        let title: String
        let types: [SelectOption]
    }

    struct ListView: Sendable {
        let action: String
        let boardURL: String
        /// The spreadsheet page, and these items as a CSV file.
        let importURL: String
        let exportURL: String
        let filters: Filters
        let counts: [StatusCount]
        let total: Int
        let rows: [Row]
        let hasRows: Bool
        let nextURL: String?
        let canEdit: Bool
        let create: CreateForm
        let error: String?
    }

    struct Card: Sendable {
        let id: String
        let title: String
        let url: String
        let type: String
        let campaign: String?
        let moveAction: String
        let options: [SelectOption]
    }

    struct Column: Sendable {
        let status: String
        let label: String
        let count: Int
        let cards: [Card]
        let hasCards: Bool
        let more: Bool
    }

    struct BoardView: Sendable {
        let listURL: String
        let columns: [Column]
        let canEdit: Bool
        let returnTo: String
        let error: String?
    }

    // MARK: Filters

    /// The list's filters from query parameters, the same names as the API (`status`, `type`, `campaign`,
    /// `tag`, `evergreen`, `q`); unknown values are named in `refused`.
    struct Query: Sendable {
        var values: [(String, String)] = []
        var filter = ContentFilter()
        var refused: [String] = []

        static let keys = ["status", "type", "campaign", "tag", "evergreen", "q"]

        static func parse(_ get: (String) -> String?, types: [ContentTypeDefinition]) -> Query {
            var query = Query()
            for key in keys {
                guard let raw = get(key)?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { continue }
                let value = String(raw.prefix(200))
                switch key {
                case "status":
                    guard let status = ContentStatus(rawValue: value) else {
                        query.refused.append(key)
                        continue
                    }
                    query.filter.statuses = [status]
                case "type":
                    guard types.contains(where: { $0.key == value }) else {
                        query.refused.append(key)
                        continue
                    }
                    query.filter.contentType = value
                case "campaign": query.filter.campaign = value
                case "tag": query.filter.tag = value.lowercased()
                case "evergreen":
                    guard value == "true" || value == "false" else {
                        query.refused.append(key)
                        continue
                    }
                    query.filter.evergreen = value == "true"
                default: query.filter.query = value
                }
                query.values.append((key, value))
            }
            return query
        }

        /// The query string of these filters (and `extra`), percent-encoded.
        func queryString(replacing replaced: String? = nil, with extra: [(String, String)] = []) -> String {
            (values.filter { $0.0 != replaced } + extra).map { "\($0.0)=\(SiteURL.encodeQueryValue($0.1))" }
                .joined(separator: "&")
        }

        func value(_ key: String) -> String? { values.first { $0.0 == key }?.1 }
    }

    // MARK: Pages

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await renderList(request: request, context: context, access: access)
    }

    func renderList(
        request: Request, context: FoyerRequestContext, access: WorkspaceAccess, error: String? = nil,
        createTitle: String = "", createType: String? = nil
    ) async throws -> Response {
        let id = access.workspace.id
        let types = try await kit.storage.planning.contentTypes(in: id)
        let parameters = request.uri.queryParameters
        let query = Query.parse({ parameters.get($0) }, types: types)
        let cursor = parameters.get("cursor").map { String($0.prefix(200)) }
        var refused = query.refused
        let page: Page<ContentItem>
        do {
            page = try await kit.storage.content.list(
                in: id, filter: query.filter, page: PageRequest(limit: Self.pageSize, cursor: cursor))
        } catch DomainError.invalid(let field, _) where field == "cursor" {
            refused.append("cursor")
            page = try await kit.storage.content.list(in: id, filter: query.filter, page: PageRequest(limit: Self.pageSize))
        }
        let counts = try await kit.storage.content.countByStatus(in: id)
        let dates = kit.dates(context, access)
        let typeNames = Self.typeNames(types, kit: kit, context)
        let listPath = SiteURL.workspace(id, .content).path
        let rows = page.items.map { item in
            Row(
                title: item.title, url: SiteURL.workspace(id, .contentItem(item.id)).path,
                status: Self.statusLabel(item.status, kit: kit, context), statusClass: "content-\(item.status.rawValue)",
                type: typeNames[item.contentType] ?? item.contentType, campaign: item.campaign,
                tags: item.tags.isEmpty ? nil : item.tags.joined(separator: ", "), evergreen: item.evergreen != nil,
                updated: DateView(item.updatedAt, dates))
        }
        let currentStatus = query.filter.statuses.first
        let countItems = ContentStatus.allCases.map { status in
            let text = query.queryString(replacing: "status", with: [("status", status.rawValue)])
            return StatusCount(
                label: Self.statusLabel(status, kit: kit, context), count: counts[status] ?? 0,
                url: listPath + "?" + text, current: currentStatus == status)
        }
        func anyOption(_ key: String) -> SelectOption { SelectOption(value: "", label: kit.text(key, context), selected: false) }
        let filters = Filters(
            statuses: [anyOption("content.allStatuses")]
                + ContentStatus.allCases.map {
                    SelectOption(
                        value: $0.rawValue, label: Self.statusLabel($0, kit: kit, context), selected: currentStatus == $0)
                },
            types: [anyOption("content.allTypes")]
                + types.map {
                    SelectOption(value: $0.key, label: typeNames[$0.key] ?? $0.key, selected: query.filter.contentType == $0.key)
                },
            evergreen: [anyOption("inbox.any")]
                + ["true", "false"].map {
                    SelectOption(
                        value: $0, label: kit.text($0 == "true" ? "common.yes" : "common.no", context),
                        selected: query.value("evergreen") == $0)
                },
            campaign: query.value("campaign") ?? "", tag: query.value("tag") ?? "", query: query.value("q") ?? "")
        let errors = refused.map { kit.text("content.badFilter", context, ["name": $0]) }
        let view = ListView(
            action: listPath, boardURL: SiteURL.workspace(id, .contentBoard).path,
            importURL: SiteURL.workspace(id, .contentImport).path,
            exportURL: SiteURL.workspace(id, .contentExport).path + (query.values.isEmpty ? "" : "?" + query.queryString()),
            filters: filters, counts: countItems, total: counts.values.reduce(0, +), rows: rows, hasRows: !rows.isEmpty,
            nextURL: page.next.map { listPath + "?" + query.queryString(with: [("cursor", $0)]) },
            canEdit: access.role.canEditContent,
            create: CreateForm(
                action: listPath, title: createTitle,
                types: types.map {
                    SelectOption(
                        value: $0.key, label: typeNames[$0.key] ?? $0.key,
                        selected: $0.key == (createType ?? ContentTypeDefinition.defaultKey))
                }),
            error: error ?? (errors.isEmpty ? nil : errors.joined(separator: " ")))
        return try await kit.render(
            "content-list", title: kit.text("content.title", context), content: view, request: request,
            context: context, access: access, current: .contentList,
            status: error != nil || !errors.isEmpty ? .badRequest : .ok)
    }

    func board(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await renderBoard(request: request, context: context, access: access)
    }

    func renderBoard(request: Request, context: FoyerRequestContext, access: WorkspaceAccess, error: String? = nil)
        async throws -> Response
    {
        let id = access.workspace.id
        let types = try await kit.storage.planning.contentTypes(in: id)
        let typeNames = Self.typeNames(types, kit: kit, context)
        let counts = try await kit.storage.content.countByStatus(in: id)
        let canEdit = access.role.canEditContent
        var columns: [Column] = []
        for status in ContentStatus.allCases {
            let page = try await kit.storage.content.list(
                in: id, filter: ContentFilter(statuses: [status]), page: PageRequest(limit: Self.pageSize))
            let cards = page.items.map { item in
                Card(
                    id: item.id.description, title: item.title, url: SiteURL.workspace(id, .contentItem(item.id)).path,
                    type: typeNames[item.contentType] ?? item.contentType, campaign: item.campaign,
                    moveAction: SiteURL.workspace(id, .contentAction(item.id, .move)).path,
                    options: ContentStatus.allCases.map {
                        SelectOption(
                            value: $0.rawValue, label: Self.statusLabel($0, kit: kit, context), selected: $0 == item.status)
                    })
            }
            columns.append(
                Column(
                    status: status.rawValue, label: Self.statusLabel(status, kit: kit, context),
                    count: counts[status] ?? 0, cards: cards, hasCards: !cards.isEmpty, more: page.next != nil))
        }
        let view = BoardView(
            listURL: SiteURL.workspace(id, .content).path, columns: columns, canEdit: canEdit, returnTo: SiteURL.workspace(id, .contentBoard).path, error: error)
        return try await kit.render(
            "content-board", title: kit.text("content.boardTitle", context), content: view, request: request,
            context: context, access: access, current: .contentBoard, status: error == nil ? .ok : .badRequest)
    }

    // MARK: Forms

    /// `POST /w/:workspace/content`: a new item from a title and a type; the editor opens next.
    func create(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canEditContent)
        let title = context.form["title"] ?? ""
        let type = context.form["contentType"] ?? ContentTypeDefinition.defaultKey
        do {
            let item = try await workflow.create(
                ContentDraft(title: title, contentType: type), in: access.workspace.id, by: access.user, role: access.role)
            return .seeOther(path: SiteURL.workspace(access.workspace.id, .contentItem(item.id)).path + "?notice=content_created")
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            return try await renderList(
                request: request, context: context, access: access, error: kit.message(for: error, context),
                createTitle: title, createType: type)
        }
    }

    /// `POST …/move`: the board's cards and the item page's status form. A move the pipeline refuses
    /// (approved, scheduled and published come from reviews, schedules and the ledger) shows the reason.
    func move(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canEditContent)
        let id: ContentItemID = try kit.id("content", context)
        let backToBoard = context.form["returnTo"] == SiteURL.workspace(access.workspace.id, .contentBoard).path
        do {
            guard let status = context.form["status"].flatMap(ContentStatus.init(rawValue:)) else {
                throw DomainError.invalid(field: "status", message: "Choose a status.")
            }
            try await workflow.move(id, to: status, in: access.workspace.id, by: access.user, role: access.role)
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            let message = kit.message(for: error, context)
            if backToBoard {
                return try await renderBoard(request: request, context: context, access: access, error: message)
            }
            return try await ContentItemPages(kit: kit).render(
                id, request: request, context: context, access: access, error: message)
        }
        let target = backToBoard ? .contentBoard : SiteURL.WorkspacePage.contentItem(id)
        return .seeOther(path: SiteURL.workspace(access.workspace.id, target).path + "?notice=content_moved")
    }

    func delete(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canEditContent)
        let id: ContentItemID = try kit.id("content", context)
        do {
            try await workflow.delete(id, in: access.workspace.id, by: access.user, role: access.role)
        } catch let error as DomainError {
            switch error {
            case .notFound, .forbidden: throw error
            case .invalid, .conflict:
                return try await ContentItemPages(kit: kit).render(
                    id, request: request, context: context, access: access, error: kit.message(for: error, context))
            }
        }
        return .seeOther(path: SiteURL.workspace(access.workspace.id, .content).path + "?notice=content_deleted")
    }

    // MARK: Shared

    static func statusLabel(_ status: ContentStatus, kit: PageKit, _ context: FoyerRequestContext) -> String {
        kit.text("contentStatus.\(status.rawValue)", context)
    }

    /// The workspace's type names; the default types are shown in the interface language while they keep
    /// their default name.
    static func typeNames(_ types: [ContentTypeDefinition], kit: PageKit, _ context: FoyerRequestContext)
        -> [String: String]
    {
        var names: [String: String] = [:]
        for type in types {
            let isDefault = ContentTypeDefinition.defaults.contains(type)
            names[type.key] = isDefault ? kit.text("contentType.\(type.key)", context) : type.name
        }
        return names
    }
}
