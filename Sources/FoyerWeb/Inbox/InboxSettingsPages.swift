import Foundation
import FoyerCore
import Hummingbird

/// Inbox settings (the first-response target and business hours) and the saved replies.
///
/// Members who read the inbox see them; the target needs ``Role/canManageSettings``, saved replies
/// ``Role/canHandleConversations``.
struct InboxSettingsPages: Sendable {
    let kit: PageKit

    struct SettingsView: Sendable {
        let action: String
        let canEdit: Bool
        let minutes: String
        let hours: String
        let timeZone: String
        let repliesURL: String
        let error: String?
    }

    struct RepliesView: Sendable {
        struct Version: Sendable {
            let index: Int
            let language: String
            let body: String
        }

        struct Intent: Sendable {
            let value: String
            let label: String
            let checked: Bool
        }

        struct Item: Sendable {
            let id: String
            let name: String
            let intents: [Intent]
            let intentLabels: String
            let versions: [Version]
            let action: String
            let deleteAction: String
        }

        let createAction: String
        let canEdit: Bool
        let items: [Item]
        let hasItems: Bool
        let newIntents: [Intent]
        let newVersions: [Version]
        let variables: String
        let settingsURL: String
        let error: String?
    }

    /// Slots for versions in a form: filled ones plus empty ones up to this count.
    static let versionSlots = 3

    func show(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let settings = try await kit.storage.inboxSettings.find(in: access.workspace.id)
        return try await settingsPage(
            request, context, access, minutes: settings.firstResponseMinutes.map(String.init) ?? "",
            hours: settings.businessHours.text, error: nil)
    }

    func update(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canManageSettings)
        let minutesText = (context.form["firstResponseMinutes"] ?? "").trimmingCharacters(in: .whitespaces)
        let hoursText = context.form["businessHours"] ?? ""
        do {
            var minutes: Int?
            if !minutesText.isEmpty {
                guard let value = Int(minutesText) else {
                    throw DomainError.invalid(
                        field: "firstResponseMinutes",
                        message: "Use a target between 1 minute and 525600 minutes (a year).")
                }
                minutes = value
            }
            let settings = InboxSettings(
                firstResponseMinutes: minutes, businessHours: try BusinessHours.parse(hoursText))
            try await kit.storage.inboxSettings.save(settings, in: access.workspace.id)
            try await kit.storage.audit.record(
                NewAuditEvent(
                    workspaceID: access.workspace.id, actorID: access.user.id, action: "inbox.settings_updated",
                    targetType: "workspace", targetID: access.workspace.id.description,
                    details: ["firstResponseMinutes": minutes.map(String.init) ?? ""]))
        } catch let error as DomainError {
            return try await settingsPage(
                request, context, access, minutes: minutesText, hours: hoursText,
                error: kit.message(for: error, context), status: .badRequest)
        }
        return Response.seeOther(path: SiteURL.workspace(access.workspace.id, .settingsInbox).path + "?notice=saved")
    }

    private func settingsPage(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, minutes: String, hours: String,
        error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = access.workspace.id
        let view = SettingsView(
            action: SiteURL.workspace(id, .settingsInbox).path, canEdit: access.role.canManageSettings,
            minutes: minutes, hours: hours, timeZone: access.workspace.timeZone,
            repliesURL: SiteURL.workspace(id, .settingsReplies).path, error: error)
        return try await kit.render(
            "settings-inbox", title: kit.text("inboxSettings.title", context), content: view, request: request,
            context: context, access: access, current: .settings, status: status)
    }

    // MARK: Saved replies

    func replies(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        return try await repliesPage(request, context, access, error: nil)
    }

    func createReply(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await change(request, context) { access in
            _ = try await kit.storage.savedReplies.create(Self.reply(from: context.form), in: access.workspace.id)
        }
    }

    func updateReply(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await change(request, context) { access in
            let id: SavedReplyID = try kit.id("id", context)
            _ = try await kit.storage.savedReplies.update(
                id, with: Self.reply(from: context.form), in: access.workspace.id)
        }
    }

    func deleteReply(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await change(request, context) { access in
            let id: SavedReplyID = try kit.id("id", context)
            try await kit.storage.savedReplies.delete(id, in: access.workspace.id)
        }
    }

    private func change(
        _ request: Request, _ context: FoyerRequestContext, _ body: (WorkspaceAccess) async throws -> Void
    ) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canHandleConversations)
        do {
            try await body(access)
        } catch let error as DomainError {
            if case .notFound = error { throw error }
            return try await repliesPage(
                request, context, access, error: kit.message(for: error, context), status: .badRequest)
        }
        return Response.seeOther(path: SiteURL.workspace(access.workspace.id, .settingsReplies).path + "?notice=saved")
    }

    /// The reply of a form: `name`, `intent-<intent>` checkboxes, `language-<n>` and `body-<n>` slots.
    static func reply(from form: [String: String]) -> NewSavedReply {
        let intents = NewSavedReply.knownIntents.filter { form["intent-\($0)"] != nil }
        var versions: [SavedReplyVersion] = []
        for index in 1...versionSlots {
            let language = (form["language-\(index)"] ?? "").trimmingCharacters(in: .whitespaces)
            let body = form["body-\(index)"] ?? ""
            if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            versions.append(SavedReplyVersion(language: language, body: body))
        }
        return NewSavedReply(name: form["name"] ?? "", intents: intents, versions: versions)
    }

    private func repliesPage(
        _ request: Request, _ context: FoyerRequestContext, _ access: WorkspaceAccess, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = access.workspace.id
        let replies = try await kit.storage.savedReplies.list(in: id)
        func intents(_ checked: [String]) -> [RepliesView.Intent] {
            NewSavedReply.knownIntents.map {
                RepliesView.Intent(value: $0, label: kit.text("intent.\($0)", context), checked: checked.contains($0))
            }
        }
        func slots(_ versions: [SavedReplyVersion]) -> [RepliesView.Version] {
            (1...max(Self.versionSlots, versions.count)).map { index in
                let version = index <= versions.count ? versions[index - 1] : nil
                return RepliesView.Version(index: index, language: version?.language ?? "", body: version?.body ?? "")
            }
        }
        let items = replies.map { reply in
            RepliesView.Item(
                id: reply.id.description, name: reply.name, intents: intents(reply.intents),
                intentLabels: reply.intents.map { kit.text("intent.\($0)", context) }.joined(separator: ", "),
                versions: slots(reply.versions), action: SiteURL.workspace(id, .settingsReply(reply.id)).path,
                deleteAction: SiteURL.workspace(id, .settingsReplyDelete(reply.id)).path)
        }
        let view = RepliesView(
            createAction: SiteURL.workspace(id, .settingsReplies).path, canEdit: access.role.canHandleConversations,
            items: items, hasItems: !items.isEmpty, newIntents: intents([]),
            newVersions: slots([SavedReplyVersion(language: access.workspace.defaultLocale.rawValue, body: "")]),
            variables: ReplyTemplate.variables.map { "{{\($0)}}" }.joined(separator: ", "),
            settingsURL: SiteURL.workspace(id, .settingsInbox).path, error: error)
        return try await kit.render(
            "settings-replies", title: kit.text("savedReplies.title", context), content: view, request: request,
            context: context, access: access, current: .settings, status: status)
    }
}
