import Foundation
import FoyerCore

/// The inbox's filters as query parameters (`?status=open&sentiment=negative&sort=priority`), read the same
/// way by the page, the saved views and the API.
struct InboxQuery: Sendable {
    var filter = ConversationFilter()
    /// The parameters kept, normalised (for links, the next page and saving a view).
    var values: [String: String] = [:]
    /// The parameters that were refused and ignored.
    var refused: [String] = []

    static let languages = ["en", "fr", "es", "de", "it", "pt", "nl", "und"]

    /// Reads the parameters; an unknown value is ignored and named in ``refused``.
    ///
    /// - Parameters:
    ///   - me: who `assignee=me` is.
    ///   - channels: the workspace's channels, to refuse a channel of another workspace.
    static func parse(_ get: (String) -> String?, me: UserID, channels: [ChannelID]?) -> InboxQuery {
        var query = InboxQuery()
        func read(_ key: String) -> String? {
            guard let raw = get(key)?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            return String(raw.prefix(200))
        }
        func keep(_ key: String, _ value: String, _ valid: Bool) {
            if valid { query.values[key] = value } else { query.refused.append(key) }
        }
        if let text = read("q") {
            query.filter.text = text
            query.values["q"] = text
        }
        if let raw = read("status") {
            query.filter.status = ConversationStatus(rawValue: raw)
            keep("status", raw, query.filter.status != nil)
        }
        if let raw = read("channel") {
            let id = ChannelID(raw)
            let valid = id != nil && (channels.map { list in list.contains { $0 == id } } ?? true)
            if valid { query.filter.channelID = id }
            keep("channel", raw, valid)
        }
        if let raw = read("language") {
            let valid = languages.contains(raw)
            if valid { query.filter.language = raw }
            keep("language", raw, valid)
        }
        if let raw = read("sentiment") {
            query.filter.sentiment = SentimentLabel(rawValue: raw)
            keep("sentiment", raw, query.filter.sentiment != nil)
        }
        if let raw = read("intent") {
            let valid = NewSavedReply.knownIntents.contains(raw)
            if valid { query.filter.intent = raw }
            keep("intent", raw, valid)
        }
        for key in ["toxic", "spam"] {
            guard let raw = read(key) else { continue }
            let value: Bool? = raw == "true" || raw == "yes" ? true : raw == "false" || raw == "no" ? false : nil
            if key == "toxic" { query.filter.toxic = value } else { query.filter.spam = value }
            keep(key, value.map { $0 ? "true" : "false" } ?? raw, value != nil)
        }
        if let raw = read("assignee") {
            switch raw {
            case "me": query.filter.assignee = .user(me)
            case "unassigned": query.filter.assignee = .unassigned
            case "someone": query.filter.assignee = .someone
            default: query.filter.assignee = UserID(raw).map(AssigneeFilter.user)
            }
            keep("assignee", raw, query.filter.assignee != nil)
        }
        if let raw = read("tag") {
            let valid = raw.count <= 50
            if valid { query.filter.tag = raw }
            keep("tag", raw, valid)
        }
        if let raw = read("sla") {
            let valid = raw == "breached"
            query.filter.slaBreached = valid
            keep("sla", raw, valid)
        }
        if let raw = read("sort") {
            let sort = ConversationSort(rawValue: raw)
            query.filter.sort = sort ?? .newest
            keep("sort", raw, sort != nil)
        }
        return query
    }

    /// The kept parameters as a query string in a stable order, without `?`.
    func queryString(adding extra: [(String, String)] = []) -> String {
        let items = SavedView.filterKeys.compactMap { key in values[key].map { (key, $0) } } + extra
        return items.map { "\($0.0)=\(SiteURL.encodeQueryValue($0.1))" }.joined(separator: "&")
    }
}
