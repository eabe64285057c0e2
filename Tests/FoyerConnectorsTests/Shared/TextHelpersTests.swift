import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct JSONValueTests {
    @Test func readsLooselyTypedFields() throws {
        let json = try JSONValue.parse(
            Data(#"{"id": 42, "ts": "1700000000.000100", "n": 1.5, "ok": false, "a": [1, "x"], "nil": null}"#.utf8))
        #expect(json["id"]?.int == 42)
        #expect(json["id"]?.stringOrNumber == "42")
        #expect(json["ts"]?.double == 1_700_000_000.0001)
        #expect(json["n"]?.int == nil)
        #expect(json["ok"]?.bool == false)
        #expect(json["a"]?[1]?.string == "x")
        #expect(json["a"]?[5] == nil)
        #expect(json["nil"]?.isNull == true)
        #expect(json["missing"] == nil)
        #expect(json.text("ts") == "1700000000.000100")
    }

    @Test func garbage_isAProtocolError() {
        let error = #expect(throws: ConnectorError.self) { try JSONValue.parse(Data("{nope".utf8)) }
        #expect(error?.kind == .protocolError)
    }
}
