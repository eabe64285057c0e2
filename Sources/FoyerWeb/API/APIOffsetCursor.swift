import Foundation
import FoyerCore

/// The cursor of lists the API pages itself (workspaces, channels: short lists read whole): an opaque
/// base64url string around the offset of the next item.
enum APIOffsetCursor {
    static func encode(offset: Int) -> String {
        Data("o:\(offset)".utf8).base64URLEncodedString()
    }

    /// The offset, or `nil` when the text is not a cursor this API made.
    static func decode(_ cursor: String) -> Int? {
        guard cursor.count <= 40, let data = Data(base64URLEncoded: cursor),
            let text = String(data: data, encoding: .utf8), text.hasPrefix("o:"),
            let offset = Int(text.dropFirst(2)), offset >= 0
        else { return nil }
        return offset
    }

    /// One page of an in-memory list.
    static func page<Item: Codable & Sendable>(of items: [Item], request: PageRequest) throws -> APIList<Item> {
        var start = 0
        if let cursor = request.cursor {
            guard let offset = decode(cursor) else { throw APIQuery.invalidCursor() }
            start = min(offset, items.count)
        }
        let end = min(start + request.limit, items.count)
        return APIList(data: Array(items[start..<end]), next: end < items.count ? encode(offset: end) : nil)
    }
}
