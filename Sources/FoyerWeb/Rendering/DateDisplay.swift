import Foundation
import FoyerCore

/// Formats instants for people: in the workspace's time zone, in the interface language.
///
/// Built once per page (formatters are costly to create) and used from that request only.
struct DateDisplay: @unchecked Sendable {
    let locale: AppLocale
    let timeZone: TimeZone
    private let readable: DateFormatter
    private let machine: ISO8601DateFormatter

    init(locale: AppLocale, timeZoneIdentifier: String?) {
        self.locale = locale
        let zone = timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0) ?? .current
        self.timeZone = zone
        readable = DateFormatter()
        readable.locale = Locale(identifier: locale == .fr ? "fr_FR" : "en_GB")
        readable.timeZone = zone
        readable.dateStyle = .medium
        readable.timeStyle = .short
        machine = ISO8601DateFormatter()
        machine.timeZone = zone
    }

    /// For example "21 Nov 2026, 14:05" in English and "21 nov. 2026, 14:05" in French.
    func dateTime(_ date: Date) -> String { readable.string(from: date) }

    /// Machine-readable, for `<time datetime>`.
    func iso(_ date: Date) -> String { machine.string(from: date) }
}

/// A date as shown on a page: readable text plus its ISO 8601 form.
struct DateView: Sendable {
    let text: String
    let iso: String

    init(_ date: Date, _ display: DateDisplay) {
        text = display.dateTime(date)
        iso = display.iso(date)
    }
}
