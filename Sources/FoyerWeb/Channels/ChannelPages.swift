import Foundation
import FoyerCore
import Hummingbird

/// Settings › Channels: the list with each channel's health, a "Connect a channel" form per platform this
/// installation has a connector for, and a page per channel with its webhook URL, capabilities, health and
/// failed deliveries.
///
/// Every member may look; connecting, disconnecting and retrying need ``Role/canManageSettings``, and only
/// those roles see the webhook URL and the failures.
struct ChannelPages: Sendable {
    let kit: PageKit

    var setup: ChannelSetup { ChannelSetup(dependencies: kit.dependencies) }

    struct ListView: Sendable {
        struct Row: Sendable {
            let name: String
            let url: String
            let kind: String
            /// What the connector does, or `nil` when this build has none for the kind.
            let capabilities: String?
            let status: String
            let statusClass: String
            let lastSuccess: DateView?
            let lastError: String?
        }

        struct Field: Sendable {
            let id: String
            let name: String
            let label: String
            let type: String
            let required: Bool
            let placeholder: String
            let value: String
        }

        struct KindForm: Sendable {
            let kind: String
            let label: String
            let formID: String
            let fields: [Field]
            let name: String
            let open: Bool
            let error: String?
        }

        let tabs: SettingsPages.Tabs
        let onChannels = true
        let channels: [Row]
        let hasChannels: Bool
        let canManage: Bool
        let forms: [KindForm]
        let hasForms: Bool
        let action: String
        /// An error about the whole form (a platform that cannot be connected).
        let error: String?
    }

    struct DetailView: Sendable {
        struct Failure: Sendable {
            let received: DateView
            let attempts: Int
            let status: String
            let error: String
            let retryURL: String
        }

        let tabs: SettingsPages.Tabs
        let onChannels = true
        let name: String
        let kind: String
        let created: Bool
        let secret: String?
        let webhookURL: String?
        let capabilities: String?
        let status: String
        let statusClass: String
        let lastSuccess: DateView?
        let lastErrorAt: DateView?
        let lastError: String?
        let tokenExpires: DateView?
        let canManage: Bool
        let failures: [Failure]
        let hasFailures: Bool
        let deleteURL: String
        let backURL: String
    }

    /// What a form submission asked for, to show it again next to an error (secrets are never echoed).
    struct Attempt {
        let kind: ChannelKind
        let name: String
        let values: [String: String]
        let error: String
    }

    // MARK: List and connect

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        return try await listPage(request, context, access, attempt: nil, status: .ok)
    }

    func create(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageSettings)
        let form = context.form
        let rawKind = form["kind"] ?? ""
        guard let kind = ChannelKind(rawValue: rawKind), kit.dependencies.connectors[kind] != nil else {
            return try await listPage(
                request, context, access, attempt: nil, status: .badRequest,
                error: kit.text("channels.unsupportedKind", context))
        }
        // Only the fields the form offers for this kind are read; the connector judges their values.
        var settings: [String: String] = [:]
        var credentials: [String: String] = [:]
        for field in ChannelFields.fields(for: kind) {
            guard let value = form[field.formName] else { continue }
            switch field.group {
            case .settings: settings[field.key] = value
            case .credentials: credentials[field.key] = value
            }
        }
        let name = form["name"] ?? ""
        do {
            let created = try await setup.create(
                kind: kind.rawValue, name: name, settings: settings, credentials: credentials, in: access.workspace.id,
                by: access.user.id, via: "web", logger: context.logger)
            return try await detailPage(
                request, context, access, channel: created.channel, created: true, secret: created.generatedSecret,
                status: .created)
        } catch let error as DomainError {
            let message = describe(error, kind: kind, context: context)
            return try await listPage(
                request, context, access,
                attempt: Attempt(kind: kind, name: name, values: settings, error: message), status: .badRequest)
        } catch ChannelSetup.Failure.noSealer {
            return try await listPage(
                request, context, access,
                attempt: Attempt(
                    kind: kind, name: name, values: settings, error: kit.text("channels.noSealer", context)),
                status: .internalServerError)
        }
    }

    /// A validation error with the field's label in front, so the person knows which input to fix.
    private func describe(_ error: DomainError, kind: ChannelKind, context: FoyerRequestContext) -> String {
        let message = kit.message(for: error, context)
        guard case .invalid(let field, _) = error else { return message }
        if field == "name" { return kit.text("field.name", context) + " — " + message }
        let key = field.split(separator: ".", maxSplits: 1).last.map(String.init) ?? field
        let label = kit.text("channels.field.\(key)", context)
        return (label == "channels.field.\(key)" ? key : label) + " — " + message
    }

    private func listPage(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, attempt: Attempt?,
        status: HTTPResponse.Status, error: String? = nil
    ) async throws -> Response {
        let id = access.workspace.id
        let dates = kit.dates(context, access)
        let rows = try await kit.storage.channels.list(in: id).map { channel in
            let health = channel.health.status
            return ListView.Row(
                name: channel.name, url: SiteURL.workspace(id, .settingsChannel(channel.id)).path,
                kind: channel.kind.displayName,
                capabilities: kit.dependencies.connectors[channel.kind].map {
                    capabilityText($0.capabilities, context)
                }, status: kit.text("health.\(health.rawValue)", context),
                statusClass: "health-\(health.rawValue)",
                lastSuccess: channel.health.lastSuccessAt.map { DateView($0, dates) },
                lastError: channel.health.lastError.map { String($0.prefix(300)) })
        }
        let canManage = access.role.canManageSettings
        let forms: [ListView.KindForm] =
            canManage
            ? kit.dependencies.connectors.kinds.map { kind in
                let mine = attempt?.kind == kind
                return ListView.KindForm(
                    kind: kind.rawValue, label: kind.displayName, formID: "connect-\(kind.rawValue)",
                    fields: ChannelFields.fields(for: kind).map { field in
                        ListView.Field(
                            id: "connect-\(kind.rawValue)-\(field.key)", name: field.formName,
                            label: kit.text(field.labelKey, context),
                            type: field.isSecret
                                ? "password" : (field.key.lowercased().hasSuffix("url") ? "url" : "text"),
                            required: field.required, placeholder: field.placeholder,
                            value: mine && !field.isSecret ? attempt?.values[field.key] ?? "" : "")
                    },
                    name: mine ? attempt?.name ?? "" : "", open: mine, error: mine ? attempt?.error : nil)
            } : []
        let view = ListView(
            tabs: SettingsPages.Tabs(id, current: "channels"), channels: rows, hasChannels: !rows.isEmpty,
            canManage: canManage, forms: forms, hasForms: !forms.isEmpty,
            action: SiteURL.workspace(id, .settingsChannels).path, error: error)
        return try await kit.render(
            "settings-channels", title: kit.text("settings.channels.title", context), content: view,
            request: request, context: context, access: access,
            current: .settingsChannels, status: status)
    }

    // MARK: One channel

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        let channel = try await channel(access, context)
        return try await detailPage(
            request, context, access, channel: channel, created: false, secret: nil, status: .ok)
    }

    func delete(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageSettings)
        let channel = try await channel(access, context)
        try await setup.delete(channel, by: access.user.id, via: "web", logger: context.logger)
        return .seeOther(
            path: SiteURL.workspace(access.workspace.id, .settingsChannels).path + "?notice=channel_deleted")
    }

    func retry(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageSettings)
        let channel = try await channel(access, context)
        let event: InboundEventID = try kit.id("id", context)
        do {
            try await setup.retry(event, in: access.workspace.id, by: access.user.id, via: "web")
        } catch DomainError.notFound {
            throw PageError.notFound
        }
        return .seeOther(
            path: SiteURL.workspace(access.workspace.id, .settingsChannel(channel.id)).path + "?notice=retried")
    }

    private func channel(_ access: WorkspaceAccess, _ context: FoyerRequestContext) async throws -> Channel {
        let id: ChannelID = try kit.id("channel", context)
        guard let channel = try await kit.storage.channels.find(id, in: access.workspace.id) else {
            throw PageError.notFound
        }
        return channel
    }

    private func detailPage(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, channel: Channel, created: Bool,
        secret: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let id = access.workspace.id
        let dates = kit.dates(context, access)
        let canManage = access.role.canManageSettings
        let failures =
            canManage
            ? try await kit.storage.inboundEvents.failures(in: id, channel: channel.id, limit: 50).map { event in
                DetailView.Failure(
                    received: DateView(event.receivedAt, dates), attempts: event.attempts,
                    status: kit.text("channels.failures.status.\(event.status.rawValue)", context),
                    error: String((event.lastError ?? "").prefix(300)),
                    retryURL: SiteURL.workspace(id, .settingsChannelRetry(channel.id, event.id)).path)
            } : []
        let health = channel.health
        let view = DetailView(
            tabs: SettingsPages.Tabs(id, current: "channels"), name: channel.name, kind: channel.kind.displayName,
            created: created, secret: secret, webhookURL: canManage ? setup.webhookURL(for: channel) : nil,
            capabilities: kit.dependencies.connectors[channel.kind].map { capabilityText($0.capabilities, context) },
            status: kit.text("health.\(health.status.rawValue)", context),
            statusClass: "health-\(health.status.rawValue)",
            lastSuccess: health.lastSuccessAt.map { DateView($0, dates) },
            lastErrorAt: health.lastErrorAt.map { DateView($0, dates) },
            lastError: health.lastError.map { String($0.prefix(500)) },
            tokenExpires: health.tokenExpiresAt.map { DateView($0, dates) }, canManage: canManage, failures: failures,
            hasFailures: !failures.isEmpty,
            deleteURL: SiteURL.workspace(id, .settingsChannelDelete(channel.id)).path,
            backURL: SiteURL.workspace(id, .settingsChannels).path)
        return try await kit.render(
            "settings-channel", title: channel.name, content: view, request: request, context: context, access: access,
            current: .settingsChannel, status: status)
    }

    /// "Receives by webhook · Replies · Hides": what the connector does, and nothing it does not.
    func capabilityText(_ capabilities: ConnectorCapabilities, _ context: FoyerRequestContext) -> String {
        var parts = [kit.text("channels.capability.\(capabilities.ingest.rawValue)", context)]
        let flags: [(Bool, String)] = [
            (capabilities.reply, "reply"), (capabilities.publish, "publish"), (capabilities.hide, "hide"),
            (capabilities.delete, "delete"), (capabilities.ban, "ban"),
        ]
        for (enabled, name) in flags where enabled { parts.append(kit.text("channels.capability.\(name)", context)) }
        return parts.joined(separator: " · ")
    }
}
