/// One page of a list, with an opaque cursor for the next page (`nil` on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: String?

    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}

/// Keyset pagination: at most `limit` items after the opaque `cursor` a previous page returned.
public struct PageRequest: Sendable, Equatable {
    public static let maximumLimit = 200
    public var limit: Int
    public var cursor: String?

    public init(limit: Int = 50, cursor: String? = nil) {
        self.limit = max(1, min(limit, Self.maximumLimit))
        self.cursor = cursor
    }
}
