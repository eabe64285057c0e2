import FoyerCore

/// A message of the API in every interface language; the error envelope picks the one the client asked
/// for with `Accept-Language` (English by default).
public struct APIText: Sendable, Equatable {
    public var en: String
    public var fr: String

    public init(en: String, fr: String) {
        self.en = en
        self.fr = fr
    }

    /// The same text in every language, for words that come translated already.
    public init(verbatim text: String) {
        self.init(en: text, fr: text)
    }

    public func text(_ locale: AppLocale) -> String {
        switch locale {
        case .en: en
        case .fr: fr
        }
    }
}
