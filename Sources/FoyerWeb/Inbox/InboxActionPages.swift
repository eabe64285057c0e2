import Foundation
import FoyerCore
import Hummingbird

/// The inbox's forms: conversation actions, bulk actions and saved views. Each changes one thing, then
/// sends the browser back (`303`) to the page it came from; a refused value re-renders the conversation
/// with the reason.
struct InboxActionPages: Sendable {
    let kit: PageKit

    var workflow: InboxWorkflow { InboxWorkflow(dependencies: kit.dependencies) }

    /// Loads the access and the conversation id, refusing roles that only read.
    private func start(_ request: Request, _ context: FoyerRequestContext) async throws -> (
        WorkspaceAccess, ConversationID
    ) {
        let access = try await kit.access(request, context)
        try access.require(\.canHandleConversations)
        let id: ConversationID = try kit.id("conversation", context)
        guard try await kit.storage.conversations.find(id, in: access.workspace.id) != nil else {
            throw PageError.notFound
        }
        return (access, id)
    }

    /// Runs a change and goes back to the conversation, or shows the conversation with the refusal.
    private func perform(
        _ request: Request, _ context: FoyerRequestContext, notice: String = "saved", replyBody: String? = nil,
        _ change: (WorkspaceAccess, ConversationID) async throws -> Void
    ) async throws -> Response {
        let (access, id) = try await start(request, context)
        do {
            try await change(access, id)
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            return try await InboxPages(kit: kit).renderThread(
                id, request: request, context: context, access: access, error: kit.message(for: error, context),
                replyBody: replyBody)
        }
        return Response.seeOther(
            path: SiteURL.workspace(access.workspace.id, .conversation(id)).path + "?notice=\(notice)")
    }

    func status(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context) { access, id in
            guard let status = context.form["status"].flatMap(ConversationStatus.init(rawValue:)) else {
                throw DomainError.invalid(field: "status", message: "Choose a status.")
            }
            var until: Date?
            if status == .snoozed {
                guard
                    let raw = context.form["snoozedUntil"],
                    let date = LocalDateTimeInput.parse(raw, in: LocalDateTimeInput.zone(access.workspace.timeZone))
                else {
                    throw DomainError.invalid(
                        field: "snoozedUntil", message: "Choose until when to snooze the conversation.")
                }
                until = date
            }
            try await workflow.changeStatus(
                id, in: access.workspace.id, to: status, snoozedUntil: until, by: access.user)
        }
    }

    func assign(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context) { access, id in
            let assignee = try Self.assignee(context.form["assignee"] ?? "", me: access.user.id)
            try await workflow.assign(id, in: access.workspace.id, to: assignee, by: access.user)
        }
    }

    func priority(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context) { access, id in
            guard let priority = context.form["priority"].flatMap(ConversationPriority.init(rawValue:)) else {
                throw DomainError.invalid(field: "priority", message: "Choose a priority.")
            }
            try await workflow.setPriority(id, in: access.workspace.id, to: priority, by: access.user)
        }
    }

    func addTag(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context) { access, id in
            try await workflow.addTag(context.form["tag"] ?? "", to: id, in: access.workspace.id, by: access.user)
        }
    }

    func removeTag(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context) { access, id in
            try await workflow.removeTag(context.form["tag"] ?? "", from: id, in: access.workspace.id, by: access.user)
        }
    }

    func note(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        try await perform(request, context) { access, id in
            _ = try await workflow.addNote(context.form["body"] ?? "", to: id, in: access.workspace.id, by: access.user)
        }
    }

    /// Queues the reply once per form: the form's random `replyKey` is claimed first, so sending the same
    /// form twice (a double click, a reload) queues one reply.
    func reply(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let body = context.form["body"] ?? ""
        var notice = "reply_queued"
        return try await perform(request, context, notice: "reply_queued", replyBody: body) { access, id in
            guard let key = context.form["replyKey"], (16...100).contains(key.count) else {
                throw DomainError.invalid(field: "replyKey", message: "Reload the page and send the reply again.")
            }
            let workspace = access.workspace.id
            guard await kit.replySubmissions.claim(key, in: workspace, now: kit.dependencies.clock.now()) else {
                notice = "reply_duplicate"
                return
            }
            do {
                // The key is also stored with the reply, so a resubmission after a restart finds it too.
                _ = try await workflow.reply(body, to: id, in: workspace, by: access.user, requestKey: "form:\(key)")
            } catch {
                await kit.replySubmissions.release(key, in: workspace)
                throw error
            }
        }.withNotice(notice)
    }

    /// Hides or deletes a message of this conversation, or bans its author, through the channel's connector.
    /// The form must be confirmed; a refusal (by Foyer or by the platform) shows the conversation with the reason
    /// and changes nothing.
    func moderate(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let (access, id) = try await start(request, context)
        let workspace = access.workspace.id
        let messageID: MessageID = try kit.id("message", context)
        guard let message = try await kit.storage.messages.find(messageID, in: workspace), message.conversationID == id
        else { throw PageError.notFound }
        let refused = { (error: String) in
            try await InboxPages(kit: kit).renderThread(
                id, request: request, context: context, access: access, error: error)
        }
        do {
            guard let action = context.form["action"].flatMap(ModerationAction.init(rawValue:)) else {
                throw DomainError.invalid(field: "action", message: "Choose what to do with the message.")
            }
            guard context.form["confirm"] == "yes" else {
                throw DomainError.invalid(field: "confirm", message: "Tick the box to confirm the action.")
            }
            try await workflow.moderate(
                message.id, action: action, reason: context.form["reason"], in: workspace, by: access.user)
            return Response.seeOther(
                path: SiteURL.workspace(workspace, .conversation(id)).path + "?notice=moderated_\(action.rawValue)")
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            return try await refused(kit.message(for: error, context))
        } catch let refusal as ModerationRefused {
            return try await refused(
                kit.text(
                    "moderation.refused", context,
                    ["action": kit.text("moderation.action.\(refusal.action.rawValue)", context),
                     "message": refusal.message]))
        }
    }

    func bulk(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canHandleConversations)
        let form = context.form
        let ids = form.keys.compactMap { key -> ConversationID? in
            guard key.hasPrefix("select-") else { return nil }
            return ConversationID(key.dropFirst("select-".count))
        }.sorted()
        let action: ConversationBulkAction
        switch form["action"] ?? "" {
        case "assign": action = .assign(try Self.assignee(form["assignee"] ?? "", me: access.user.id))
        case "tag": action = .tag(form["tag"] ?? "")
        case "close": action = .close
        case "spam": action = .markSpam
        default: throw DomainError.invalid(field: "action", message: "Choose what to do with the selection.")
        }
        _ = try await workflow.bulk(action, to: ids, in: access.workspace.id, by: access.user)
        return Response.seeOther(path: Self.back(form["returnTo"], workspace: access.workspace.id, notice: "bulk_done"))
    }

    func createView(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        var filters: [String: String] = [:]
        for key in SavedView.filterKeys { if let value = context.form[key] { filters[key] = value } }
        let view = try await workflow.createView(
            name: context.form["name"] ?? "", filters: filters,
            visibility: context.form["private"] == "yes" ? .private : .shared, in: access.workspace.id,
            by: access.user)
        var query = InboxQuery()
        query.values = view.filters
        let text = query.queryString(adding: [("notice", "view_saved")])
        return Response.seeOther(path: SiteURL.workspace(access.workspace.id, .inbox).path + "?" + text)
    }

    func deleteView(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id: SavedViewID = try kit.id("id", context)
        do {
            try await workflow.deleteView(id, in: access.workspace.id, by: access.user, role: access.role)
        } catch DomainError.notFound {
            throw PageError.notFound
        }
        return Response.seeOther(path: SiteURL.workspace(access.workspace.id, .inbox).path + "?notice=view_deleted")
    }

    /// Shares a private view with the workspace, or makes a shared view private again (its creator only).
    func updateView(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id: SavedViewID = try kit.id("id", context)
        guard let visibility = context.form["visibility"].flatMap(SavedViewVisibility.init(rawValue:)) else {
            throw DomainError.invalid(field: "visibility", message: "Choose private or shared.")
        }
        do {
            _ = try await workflow.updateView(
                id, name: nil, filters: nil, visibility: visibility, in: access.workspace.id, by: access.user,
                role: access.role)
        } catch DomainError.notFound {
            throw PageError.notFound
        }
        return Response.seeOther(path: SiteURL.workspace(access.workspace.id, .inbox).path + "?notice=view_updated")
    }

    /// `me`, nobody (empty) or a user id.
    static func assignee(_ raw: String, me: UserID) throws -> UserID? {
        switch raw {
        case "me": return me
        case "": return nil
        default:
            guard let id = UserID(raw) else {
                throw DomainError.invalid(
                    field: "assignee", message: "Choose someone who is a member of this workspace.")
            }
            return id
        }
    }

    /// The inbox page the form came from (only this workspace's inbox), with a notice.
    static func back(_ returnTo: String?, workspace: WorkspaceID, notice: String) -> String {
        let inbox = SiteURL.workspace(workspace, .inbox).path
        guard let path = SafeReturnPath.validated(returnTo), path == inbox || path.hasPrefix(inbox + "?") else {
            return inbox + "?notice=" + notice
        }
        let cleaned =
            path.split(separator: "?", maxSplits: 1).count == 2
            ? path + "&notice=" + notice : path + "?notice=" + notice
        return cleaned
    }
}

extension Response {
    /// The same redirect with another `notice` (the reply form learns whether it was a duplicate late).
    fileprivate func withNotice(_ notice: String) -> Response {
        guard status == .seeOther, let location = headers[.location], location.hasSuffix("notice=reply_queued") else {
            return self
        }
        return Response.seeOther(
            path: location.replacingOccurrences(of: "notice=reply_queued", with: "notice=\(notice)"))
    }
}
