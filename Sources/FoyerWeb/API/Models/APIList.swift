import Hummingbird

/// Every list answer: `{"data": [...], "next": cursor-or-null}`. Pass `next` back as `cursor` for the
/// following page; `null` means this was the last one.
public struct APIList<Item: Codable & Sendable>: Codable, Sendable, ResponseEncodable {
    public var data: [Item]
    public var next: String?

    public init(data: [Item], next: String?) {
        self.data = data
        self.next = next
    }

    // Always write `next`, as `null` on the last page, so clients can rely on the key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(next, forKey: .next)
    }
}
