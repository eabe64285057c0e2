import Foundation
import FoyerCore

/// Links to Slack messages built from the workspace's domain (the `teamDomain` setting, `acme` for
/// `acme.slack.com`), the form Slack's own "Copy link" gives: `https://<domain>.slack.com/archives/<channel>/p<ts
/// without the dot>`, with `?thread_ts=<root>&cid=<channel>` for a reply in a thread. Built without a call,
/// so decoding a webhook stays free of I/O.
enum SlackPermalink {
    /// The link, or `nil` without a valid domain, channel or `ts`.
    static func url(teamDomain: String?, channel: String, ts: String, threadTS: String? = nil) -> String? {
        guard let domain = normalizedDomain(teamDomain), isSlackID(channel), let compact = compact(ts) else {
            return nil
        }
        var link = "https://\(domain).slack.com/archives/\(channel)/p\(compact)"
        if let threadTS, threadTS != ts, compactable(threadTS) {
            link += "?thread_ts=\(threadTS)&cid=\(channel)"
        }
        return link
    }

    /// The setting as a bare subdomain: `acme`, from `acme`, `acme.slack.com` or `https://acme.slack.com/`.
    static func normalizedDomain(_ setting: String?) -> String? {
        guard var domain = setting?.trimmingCharacters(in: .whitespaces).lowercased(), !domain.isEmpty else {
            return nil
        }
        for prefix in ["https://", "http://"] where domain.hasPrefix(prefix) { domain.removeFirst(prefix.count) }
        while domain.hasSuffix("/") { domain.removeLast() }
        if domain.hasSuffix(".slack.com") { domain.removeLast(".slack.com".count) }
        guard (1...63).contains(domain.count), domain.first != "-", domain.last != "-",
            domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        return domain
    }

    private static func isSlackID(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 32 && value.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    private static func compactable(_ ts: String) -> Bool { compact(ts) != nil }

    /// `1700000000.000100` → `1700000000000100`.
    private static func compact(_ ts: String) -> String? {
        let parts = ts.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count == 6,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return parts.joined()
    }
}
