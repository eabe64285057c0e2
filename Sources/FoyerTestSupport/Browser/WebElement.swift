/// A reference to an element in the page of one session (the W3C element id).
public struct WebElement: Sendable, Hashable {
    /// The key under which WebDriver transports element references.
    public static let jsonKey = "element-6066-11e4-a52e-4f735466cecf"

    public let id: String

    public init(id: String) { self.id = id }

    /// The element as a script argument.
    public var json: WebDriverJSON { [Self.jsonKey: .string(id)] }

    init?(json: WebDriverJSON) {
        // The W3C key, or the legacy JSON Wire Protocol one.
        guard let id = json[Self.jsonKey]?.stringValue ?? json["ELEMENT"]?.stringValue else { return nil }
        self.id = id
    }
}
