import Foundation
import FoyerCore
import GRDB

/// The opaque cursor of keyset pagination: base64url of `"<sort key>|<id>"`.
///
/// The sort key is the stored text of a date column (the list's ordering), kept verbatim so that the
/// comparison in SQL is exact; the id breaks ties. A cursor that does not decode is refused with
/// ``DomainError/invalid(field:message:)`` on the `cursor` field.
struct KeysetCursor: Equatable {
    /// The stored date text, compared as is in SQL.
    var key: String
    var id: Int64

    init(key: String, id: Int64) {
        self.key = key
        self.id = id
    }

    /// The cursor after `row`, whose sort column is `column` and whose id column is `id`.
    init(row: Row, column: String, idColumn: String = "id") {
        self.key = row[column] ?? ""
        self.id = row[idColumn] ?? 0
    }

    /// The cursor for the next page: after the last of `rows` when there were more than `limit`.
    static func next(after rows: [Row], limit: Int, column: String) -> String? {
        guard rows.count > limit else { return nil }
        return KeysetCursor(row: rows[limit - 1], column: column).encoded
    }

    /// Decodes a cursor given by a client; `nil` input means the first page.
    static func decode(_ text: String?) throws -> KeysetCursor? {
        guard let text else { return nil }
        let invalid = DomainError.invalid(
            field: "cursor", message: "This page link is not valid any more. Start again from the first page.")
        guard text.count <= 200, let data = Data(base64URLEncoded: text), let plain = String(data: data, encoding: .utf8),
            let separator = plain.lastIndex(of: "|")
        else { throw invalid }
        let key = String(plain[..<separator])
        guard let id = Int64(plain[plain.index(after: separator)...]), id > 0,
            Date.fromDatabaseValue(key.databaseValue) != nil
        else { throw invalid }
        return KeysetCursor(key: key, id: id)
    }

    /// The cursor text for the page after the row with this sort date and id.
    var encoded: String {
        Data("\(key)|\(id)".utf8).base64URLEncodedString()
    }
}
