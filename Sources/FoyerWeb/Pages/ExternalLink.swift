import Foundation

/// Links to the platforms (a message, a profile, a published post) come from their answers and are not
/// trusted: only a plain http(s) URL with a host, of a sane length, reaches an `href`; `javascript:`,
/// `data:` and the like are dropped.
enum ExternalLink {
    static func safe(_ raw: String?) -> String? {
        guard let raw, raw.count <= 2048, let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host != nil
        else { return nil }
        return raw
    }
}
