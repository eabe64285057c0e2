import Foundation
import FoyerCore
import Hummingbird

/// The read-only inbox: conversations with filters and search, and each thread with its analysis.
struct InboxPages: Sendable {
    let kit: PageKit

    struct ListView: Sendable {
        struct Row: Sendable {
            let subject: String
            let url: String
            let status: String
            let statusClass: String
            let channel: String
            let messages: Int
            let last: DateView
            let tags: String?
        }

        let action: String
        let statuses: [SelectOption]
        let channels: [SelectOption]
        let languages: [SelectOption]
        let query: String
        let rows: [Row]
        let hasRows: Bool
        let nextURL: String?
        let error: String?
    }

    struct ThreadView: Sendable {
        struct Item: Sendable {
            let author: String
            let body: String
            let sent: DateView
            let kind: String
            let outbound: Bool
            let language: String
            let sentiment: String
            let sentimentScore: String?
            let toxic: String
            let toxicCategories: String?
            let spam: String
            let intents: String
            let url: String?
        }

        let subject: String
        let status: String
        let channel: String
        let backURL: String
        let memberURL: String?
        let messages: [Item]
    }

    static let languages = ["en", "fr", "es", "de", "it", "pt", "nl", "und"]

    func list(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id = access.workspace.id
        let query = request.uri.queryParameters
        var errors: [String] = []
        var filter = ConversationFilter()
        let statusText = query.get("status") ?? ""
        if !statusText.isEmpty {
            if let status = ConversationStatus(rawValue: statusText) {
                filter.status = status
            } else {
                errors.append(kit.text("inbox.badStatus", context))
            }
        }
        let channels = try await kit.storage.channels.list(in: id)
        let channelText = query.get("channel") ?? ""
        if !channelText.isEmpty {
            if let channelID = ChannelID(channelText), channels.contains(where: { $0.id == channelID }) {
                filter.channelID = channelID
            } else {
                errors.append(kit.text("inbox.badChannel", context))
            }
        }
        let languageText = query.get("language") ?? ""
        if !languageText.isEmpty {
            if Self.languages.contains(languageText) {
                filter.language = languageText
            } else {
                errors.append(kit.text("inbox.badLanguage", context))
            }
        }
        let text = String((query.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        if !text.isEmpty { filter.text = text }
        let cursor = query.get("cursor").map { String($0.prefix(200)) }
        let page = try await kit.storage.conversations.list(
            in: id, filter: filter, page: PageRequest(limit: 25, cursor: cursor))
        let names = Dictionary(channels.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let dates = kit.dates(context, access)
        let rows = page.items.map { conversation in
            ListView.Row(
                subject: conversation.subject.isEmpty ? kit.text("inbox.noSubject", context) : conversation.subject,
                url: SiteURL.workspace(id, .conversation(conversation.id)).path,
                status: kit.text("status.\(conversation.status.rawValue)", context),
                statusClass: "status-\(conversation.status.rawValue)", channel: names[conversation.channelID] ?? "",
                messages: conversation.messageCount, last: DateView(conversation.lastMessageAt, dates),
                tags: conversation.tags.isEmpty ? nil : conversation.tags.joined(separator: ", "))
        }
        var nextURL: String?
        if let next = page.next {
            var items: [(String, String)] = []
            if let status = filter.status { items.append(("status", status.rawValue)) }
            if let channel = filter.channelID { items.append(("channel", channel.description)) }
            if let language = filter.language { items.append(("language", language)) }
            if !text.isEmpty { items.append(("q", text)) }
            items.append(("cursor", next))
            nextURL =
                SiteURL.workspace(id, .inbox).path + "?"
                + items.map { "\($0.0)=\(SiteURL.encodeQueryValue($0.1))" }.joined(separator: "&")
        }
        let view = ListView(
            action: SiteURL.workspace(id, .inbox).path,
            statuses: [SelectOption(value: "", label: kit.text("inbox.allStatuses", context), selected: filter.status == nil)]
                + ConversationStatus.allCases.map {
                    SelectOption(
                        value: $0.rawValue, label: kit.text("status.\($0.rawValue)", context),
                        selected: filter.status == $0)
                },
            channels: [
                SelectOption(value: "", label: kit.text("inbox.allChannels", context), selected: filter.channelID == nil)
            ]
                + channels.map {
                    SelectOption(value: $0.id.description, label: $0.name, selected: filter.channelID == $0.id)
                },
            languages: [
                SelectOption(value: "", label: kit.text("inbox.allLanguages", context), selected: filter.language == nil)
            ]
                + Self.languages.map {
                    SelectOption(value: $0, label: kit.text("language.\($0)", context), selected: filter.language == $0)
                },
            query: text, rows: rows, hasRows: !rows.isEmpty, nextURL: nextURL,
            error: errors.isEmpty ? nil : errors.joined(separator: " "))
        return try await kit.render(
            "inbox", title: kit.text("inbox.title", context), content: view, request: request, context: context,
            access: access, current: .inbox, status: errors.isEmpty ? .ok : .badRequest)
    }

    func thread(_ request: Request, _ context: FoyerRequestContext) async throws -> Response {
        let access = try await kit.access(request, context)
        try access.require(\.canReadInbox)
        let id = access.workspace.id
        let conversationID: ConversationID = try kit.id("conversation", context)
        guard let conversation = try await kit.storage.conversations.find(conversationID, in: id) else {
            throw PageError.notFound
        }
        let messages = try await kit.storage.messages.thread(conversationID, in: id)
        let channel = try await kit.storage.channels.find(conversation.channelID, in: id)
        let dates = kit.dates(context, access)
        let none = kit.text("analysis.none", context)
        let yes = kit.text("common.yes", context)
        let no = kit.text("common.no", context)
        let items = messages.map { message in
            let analysis = message.analysis
            return ThreadView.Item(
                author: message.authorName, body: message.body, sent: DateView(message.sentAt, dates),
                kind: kit.text("kind.\(message.kind.rawValue)", context), outbound: message.direction == .outbound,
                language: analysis.language.map { kit.text("language.\($0)", context) } ?? none,
                sentiment: analysis.sentiment.map { kit.text("sentiment.\($0.rawValue)", context) } ?? none,
                sentimentScore: analysis.sentimentScore.map { String(format: "%.2f", $0) },
                toxic: analysis.toxic.map { $0 ? yes : no } ?? none,
                toxicCategories: analysis.toxicityCategories.isEmpty
                    ? nil
                    : analysis.toxicityCategories.map { kit.text("toxicity.\($0)", context) }.joined(separator: ", "),
                spam: analysis.spam.map { $0 ? yes : no } ?? none,
                intents: analysis.intents.isEmpty
                    ? none : analysis.intents.map { kit.text("intent.\($0)", context) }.joined(separator: ", "),
                url: message.url.flatMap(Self.safeExternalURL))
        }
        let view = ThreadView(
            subject: conversation.subject.isEmpty ? kit.text("inbox.noSubject", context) : conversation.subject,
            status: kit.text("status.\(conversation.status.rawValue)", context), channel: channel?.name ?? "",
            backURL: SiteURL.workspace(id, .inbox).path,
            memberURL: conversation.memberID.map { SiteURL.workspace(id, .member($0)).path }, messages: items)
        return try await kit.render(
            "conversation", title: view.subject, content: view, request: request, context: context, access: access,
            current: .conversation)
    }

    /// Only http(s) links reach an `href`; `javascript:` and friends are dropped.
    static func safeExternalURL(_ raw: String) -> String? {
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http"
        else { return nil }
        return raw
    }
}
