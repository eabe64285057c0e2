/// A reference to an element in the page of one session (the W3C element id).
public struct WebElement: Sendable, Hashable {
    /// The key under which WebDriver transports element references.
    public static let jsonKey = "element-6066-11e4-a52f-4a4ddc76d34e"

    public let id: String

    public init(id: String) { self.id = id }

    /// The element as a script argument.
    public var json: WebDriverJSON { [Self.jsonKey: .string(id)] }

    init?(json: WebDriverJSON) {
        guard let id = json[Self.jsonKey]?.stringValue else { return nil }
        self.id = id
    }
}
