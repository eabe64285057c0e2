import Foundation

public typealias MarketID = Identifier<Market>

/// A place the workspace speaks to: a locale and a time zone ("France, fr-FR, Europe/Paris").
public struct Market: Sendable, Equatable, Identifiable {
    public var id: MarketID
    public var workspaceID: WorkspaceID
    public var name: String
    /// A BCP 47 tag such as `fr-FR` or `fr-CA`.
    public var locale: String
    /// An IANA identifier such as `America/Toronto`.
    public var timeZone: String

    public init(id: MarketID, workspaceID: WorkspaceID, name: String, locale: String, timeZone: String) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.locale = locale
        self.timeZone = timeZone
    }

    /// The language part of the locale (`fr` for `fr-CA`).
    public var language: String { String(locale.split(separator: "-").first ?? Substring(locale)).lowercased() }
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }
}

public struct NewMarket: Sendable, Equatable {
    public var name: String
    public var locale: String
    public var timeZone: String

    public init(name: String, locale: String, timeZone: String) {
        self.name = name
        self.locale = locale
        self.timeZone = timeZone
    }

    /// - Throws: ``DomainError/invalid(field:message:)`` naming the field.
    public func validated() throws -> NewMarket {
        NewMarket(
            name: try Validation.name(name), locale: try Self.locale(locale),
            timeZone: try Validation.timeZone(timeZone))
    }

    /// `ll` or `ll-RR` (language lower-case, region upper-case), as written in the interface.
    static func locale(_ raw: String) throws -> String {
        let parts = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").split(
            separator: "-", omittingEmptySubsequences: false)
        let letters: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isLetter } }
        guard (1...2).contains(parts.count), (2...3).contains(parts[0].count), letters(parts[0]),
            parts.count == 1 || ((2...3).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        else {
            throw DomainError.invalid(field: "locale", message: "Use a locale such as fr-FR, fr-CA or en.")
        }
        return parts.count == 1 ? parts[0].lowercased() : "\(parts[0].lowercased())-\(parts[1].uppercased())"
    }
}
