import Foundation
import FoyerConnectors
import FoyerCore
import Testing

@Suite struct HTMLTextTests {
    @Test func paragraphsAndBreaks_becomeLines() {
        let html = #"<p>Hello <strong>there</strong>,<br>how are you?</p><p>Second &amp; last &lt;para&gt;.</p>"#
        #expect(HTMLText.plainText(html) == "Hello there,\nhow are you?\n\nSecond & last <para>.")
    }

    @Test func scriptsAndStyles_areDropped_entitiesDecoded() {
        let html = #"<style>p{}</style><p>caf&eacute; &#233; &#x1F600; &quot;q&quot;</p><script>alert(1)</script>"#
        #expect(HTMLText.plainText(html) == "caf&eacute; é 😀 \"q\"")
    }

    @Test func listsAndUnclosedMarkup_areTolerated() {
        #expect(HTMLText.plainText("<ul><li>one</li><li>two</li></ul>") == "• one\n• two")
        #expect(HTMLText.plainText("a < b and <b") == "a < b and <b")
        #expect(HTMLText.plainText("") == "")
    }
}

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
