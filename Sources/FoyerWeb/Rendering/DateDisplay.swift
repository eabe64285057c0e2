import Foundation
import FoyerCore

/// Formats instants for people: in the workspace's time zone, in the interface language.
struct DateDisplay: Sendable {
    let locale: AppLocale
    let timeZone: TimeZone

    init(locale: AppLocale, timeZoneIdentifier: String?) {
        self.locale = locale
        self.timeZone = timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// For example "21 Nov 2026, 14:05" in English and "21 nov. 2026, 14:05" in French.
    func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale == .fr ? "fr_FR" : "en_GB")
        formatter.timeZone = timeZone
        formatter.dateStyle = .medium
        formatter.timeStyle = .short
        return formatter.string(from: date)
    }

    /// Machine-readable, for `<time datetime>`.
    func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }
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
