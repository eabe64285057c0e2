import Foundation

/// The languages of Foyer's interface.
public enum AppLocale: String, Codable, Sendable, CaseIterable {
    case en
    case fr

    /// Picks the best interface language from an `Accept-Language` header; English when none fits.
    public static func negotiate(acceptLanguage: String?) -> AppLocale {
        guard let header = acceptLanguage else { return .en }
        var best: (locale: AppLocale, quality: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let locale = AppLocale(rawValue: primary), quality > 0 else { continue }
            if let current = best, quality <= current.quality { continue }
            best = (locale, quality)
        }
        return best?.locale ?? .en
    }
}
