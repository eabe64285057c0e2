import Foundation

/// One entry of the calendar feed: a planned or published post.
public struct CalendarFeedEvent: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case tentative = "TENTATIVE"
        case confirmed = "CONFIRMED"
        case cancelled = "CANCELLED"
    }

    /// Globally unique and stable across feeds (`publication-42@foyer.example.org`): calendars match updates by it.
    public var uid: String
    public var start: Date
    public var durationMinutes: Int
    public var summary: String
    public var description: String
    /// A link to the entry in Foyer or to the published post; left out unless it is an `http(s)` URL.
    public var url: String?
    public var status: Status
    public var lastModified: Date

    public init(
        uid: String, start: Date, durationMinutes: Int, summary: String, description: String, url: String? = nil,
        status: Status, lastModified: Date
    ) {
        self.uid = uid
        self.start = start
        self.durationMinutes = durationMinutes
        self.summary = summary
        self.description = description
        self.url = url
        self.status = status
        self.lastModified = lastModified
    }
}

/// Writes an RFC 5545 calendar that calendar applications subscribe to (served as `text/calendar`).
///
/// The output is deterministic for the same input: events are sorted by start then uid, and `DTSTAMP` is
/// the event's last modification (RFC 5545 3.8.7.2: without a `METHOD`, the two are the same), so an
/// unchanged plan gives byte-identical feeds. Times are UTC (`…Z`), so no `VTIMEZONE` is needed.
public enum ICalendarWriter {
    public static let productID = "-//Foyer//Editorial calendar//EN"

    /// The whole `VCALENDAR`, lines ending in CRLF and folded at 75 octets.
    ///
    /// - Parameter name: the calendar's name in applications (`X-WR-CALNAME`).
    public static func write(name: String, events: [CalendarFeedEvent]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "X-WR-CALNAME:\(text(name))",
        ]
        for event in events.sorted(by: { ($0.start, $0.uid) < ($1.start, $1.uid) }) {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(text(event.uid))",
                "DTSTAMP:\(timestamp(event.lastModified))",
                "LAST-MODIFIED:\(timestamp(event.lastModified))",
                "DTSTART:\(timestamp(event.start))",
                "DURATION:PT\(max(0, event.durationMinutes))M",
                "SUMMARY:\(text(event.summary))",
            ]
            if !event.description.isEmpty { lines.append("DESCRIPTION:\(text(event.description))") }
            if let url = event.url, isURI(url) { lines.append("URL:\(url)") }
            lines += ["STATUS:\(event.status.rawValue)", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as `\n`; other control
    /// characters, which TEXT cannot hold, are dropped.
    static func text(_ value: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line so that no physical line exceeds 75 octets (RFC 5545 3.1): a CRLF and a space
    /// are inserted before the octet that would go over, never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out
    }

    /// `20260329T070000Z`.
    static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDay(daysSince1970: Int((Double(seconds) / 86_400).rounded(.down)))
        let time = seconds - day.daysSince1970 * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return
            "\(day.description.replacingOccurrences(of: "-", with: ""))T\(two(time / 3600))\(two(time / 60 % 60))\(two(time % 60))Z"
    }

    /// A URI value cannot be escaped: anything but a plain `http(s)` URL is left out.
    static func isURI(_ value: String) -> Bool {
        let lower = value.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && value.count <= 2000
            && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" }
    }
}
