import Foundation
import FoyerCore

extension ConnectorError {
    /// Maps a platform's HTTP answer to an error a community manager can act on.
    ///
    /// 401 → unauthorized; 403 → forbidden (naming the missing permission when the body says it); 404 →
    /// notFound; 400, 409, 413, 422 and other 4xx → rejected with the platform's own message, sanitised and
    /// truncated; 429 → rateLimited (with `retryAfter` from `headers` and body); 5xx → unavailable; a 2xx
    /// passed here means the body could not be understood → protocolError.
    /// - Parameters:
    ///   - headers: response headers, names lower-cased, for the rate-limit hints.
    ///   - platform: the name shown to people ("Slack", "Discourse").
    public static func from(
        status: Int, body: Data?, platform: String, headers: [String: String] = [:], now: Date = Date()
    ) -> ConnectorError {
        let detail = body.flatMap(platformMessage)
        func with(_ text: String) -> String {
            guard let detail else { return text + "." }
            return "\(text): \(detail)"
        }
        switch status {
        case 200..<300:
            return ConnectorError(
                .protocolError, "\(platform) answered with something Foyer could not understand.", statusCode: status)
        case 401:
            return ConnectorError(
                .unauthorized, "The \(platform) token was refused; reconnect the channel in Settings › Channels.",
                statusCode: status)
        case 403:
            if let permission = body.flatMap(missingPermission) {
                return ConnectorError(
                    .forbidden,
                    "\(platform) refused: the account lacks the permission “\(permission)”; grant it, then reconnect the channel in Settings › Channels.",
                    statusCode: status)
            }
            return ConnectorError(
                .forbidden, with("\(platform) refused: the account is not allowed to do this"), statusCode: status)
        case 404, 410:
            return ConnectorError(
                .notFound, with("\(platform) could not find it (it may have been deleted)"), statusCode: status)
        case 413:
            return ConnectorError(
                .rejected, with("\(platform) refused the content: it is too large"), statusCode: status)
        case 429:
            return rateLimited(
                platform: platform, retryAt: RateLimitHints.retryAt(headers: headers, body: body, now: now))
        case 500..<600:
            return ConnectorError(
                .unavailable, "\(platform) is unavailable (HTTP \(status)); Foyer will try again.", statusCode: status)
        default:
            return ConnectorError(
                .rejected, with("\(platform) refused the request (HTTP \(status))"), statusCode: status)
        }
    }

    /// A rate-limit error; `retryAt` is when the platform allows the next try.
    public static func rateLimited(platform: String, retryAt: Date?) -> ConnectorError {
        ConnectorError(
            .rateLimited, "\(platform) is limiting how fast Foyer may call it; Foyer will try again later.",
            retryAfter: retryAt, statusCode: 429)
    }

    /// The platform could not be reached (DNS, connection, TLS, timeout).
    ///
    /// For a request that is not idempotent the outcome is unknown: the request may have been processed.
    public static func transport(_ error: any Error, platform: String) -> ConnectorError {
        if let error = error as? ConnectorError { return error }
        return ConnectorError(
            .unavailable,
            "Could not reach \(platform) (\(sanitize(String(describing: error), limit: 120))); Foyer will try again.")
    }

    /// A successful answer whose body was not what the platform documents.
    public static func undecodable(platform: String, what: String) -> ConnectorError {
        ConnectorError(.protocolError, "\(platform) answered with something Foyer could not understand (\(what)).")
    }

    /// The human-readable message of an error body: `error_description`, `message`, `error`, `errors[…]`,
    /// `detail`; or short plain text. HTML pages give nothing.
    static func platformMessage(_ body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        if let json = try? JSONValue.parse(body) {
            var parts: [String] = []
            if let errors = json["errors"]?.array {
                parts = errors.prefix(3).compactMap { $0.string ?? $0["message"]?.string }
            } else if let errors = json["errors"]?.object {
                // Rails-style {"errors": {"field": ["message"]}}
                parts = errors.sorted { $0.key < $1.key }.prefix(3).compactMap { key, value in
                    (value.array?.first?.string ?? value.string).map { "\(key) \($0)" }
                }
            }
            if parts.isEmpty {
                for key in ["error_description", "message", "error", "detail"] {
                    if let text = json[key]?.string { parts = [text]; break }
                    if let text = json[key]?["message"]?.string { parts = [text]; break }
                }
            }
            let joined = parts.map { sanitize($0, limit: 200) }.filter { !$0.isEmpty }.joined(separator: "; ")
            return joined.isEmpty ? nil : sanitize(joined, limit: 300)
        }
        guard body.count <= 4096, let text = String(data: body, encoding: .utf8) else { return nil }
        if text.contains("<") && text.contains(">") { return nil }
        let cleaned = sanitize(text, limit: 200)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// The permission a 403 body names: Slack `needed`, or a `missing_scope`-style field.
    static func missingPermission(_ body: Data) -> String? {
        guard let json = try? JSONValue.parse(body) else { return nil }
        for key in ["needed", "required_scope", "missing_scope", "scope"] {
            if let value = json[key]?.string, !value.isEmpty { return sanitize(value, limit: 80) }
        }
        return nil
    }

    /// Printable text only (no control characters or markup brackets), single spaces, at most `limit`
    /// characters with an ellipsis.
    public static func sanitize(_ text: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) || CharacterSet.controlCharacters.contains(scalar) {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
            } else if scalar == "<" || scalar == ">" {
                continue
            } else {
                scalars.append(scalar)
                lastWasSpace = false
            }
        }
        var result = String(scalars).trimmingCharacters(in: .whitespaces)
        if result.count > limit { result = String(result.prefix(max(0, limit - 1))) + "…" }
        return result
    }
}
