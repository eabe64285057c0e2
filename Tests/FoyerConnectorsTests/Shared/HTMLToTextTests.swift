import Testing

@testable import FoyerConnectors

@Suite struct HTMLToTextTests {
    @Test func mastodonContent_keepsParagraphsLineBreaksAndMentions() {
        let html = """
            <p><span class="h-card" translate="no"><a href="https://mastodon.example/@foyer" class="u-url mention">@<span>foyer</span></a></span> \
            the export is broken</p><p>Steps:<br>1. open<br />2. click</p>
            """
        #expect(HTMLToText.convert(html) == "@foyer the export is broken\n\nSteps:\n1. open\n2. click")
    }

    @Test func shortenedLinks_readAsTheFullURL() {
        let html = """
            <p>See <a href="https://example.org/a/very/long/path" rel="nofollow noopener" target="_blank">\
            <span class="invisible">https://</span><span class="ellipsis">example.org/a/very</span>\
            <span class="invisible">/long/path</span></a></p>
            """
        #expect(HTMLToText.convert(html) == "See https://example.org/a/very/long/path")
    }

    @Test func entities_areDecoded_andInvalidOnesAreHarmless() {
        #expect(
            HTMLToText.convert("Fish &amp; chips &lt;3 &quot;yum&quot; &#39;ok&#39; caf&eacute; &#x1F600;")
                == "Fish & chips <3 \"yum\" 'ok' café 😀")
        #expect(HTMLToText.convert("a&nbsp;b") == "a b")
        #expect(HTMLToText.convert("&#0;&#xD800;&#x110000;&#99999999999;") == "\u{FFFD}\u{FFFD}\u{FFFD}&#99999999999;")
        #expect(HTMLToText.convert("&unknown; & &amp &;") == "&unknown; & &amp &;")
    }

    @Test func hostileMarkup_isDroppedNotRendered() {
        #expect(HTMLToText.convert("<script>alert('x')</script>hello<style>p{}</style>") == "hello")
        #expect(HTMLToText.convert("<SCRIPT type=x>document.cookie</SCRIPT >safe") == "safe")
        #expect(HTMLToText.convert("<p onclick=\"x>y\">quoted &gt; inside</p>") == "quoted > inside")
        #expect(HTMLToText.convert("<!-- <p>hidden</p> -->shown") == "shown")
        #expect(HTMLToText.convert("&lt;script&gt;alert(1)&lt;/script&gt;") == "<script>alert(1)</script>")
        #expect(HTMLToText.convert("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2")
        #expect(HTMLToText.convert("text <a href=\"never closed") == "text")
        #expect(HTMLToText.convert("<script>never closed") == "")
        #expect(HTMLToText.convert("a\u{0}b\u{7}c") == "abc")
    }

    @Test func whitespace_isCollapsed() {
        #expect(HTMLToText.convert("  <p>\n  Hello\n   world  </p>\n\n<p></p><p>Bye</p>  ") == "Hello world\n\nBye")
        #expect(HTMLToText.convert("a<br><br><br><br>b") == "a\n\nb")
        #expect(HTMLToText.convert("<ul><li>one</li><li>two</li></ul>") == "one\ntwo")
    }

    @Test func pathologicalInput_completes() {
        let nested = String(repeating: "<div>", count: 50_000) + "deep" + String(repeating: "</div>", count: 50_000)
        #expect(HTMLToText.convert(nested) == "deep")
        let brackets = String(repeating: "<", count: 100_000)
        #expect(HTMLToText.convert(brackets).count == 100_000)
        let ampersands = String(repeating: "&#", count: 50_000)
        #expect(HTMLToText.convert(ampersands).count == 100_000)
    }
}

@Suite struct HTMLToTextDiscourseTests {
    @Test func discourseCookedPost_keepsParagraphsAndListItemsApart() {
        let html = #"<p>Hello <strong>there</strong>,<br>how are you?</p><ul><li>one</li><li>two</li></ul><p>Second &amp; last &lt;para&gt;.</p>"#
        let text = HTMLToText.convert(html)
        #expect(text.hasPrefix("Hello there,\nhow are you?\n"))
        #expect(text.contains("one\n") && text.contains("two"))
        #expect(text.hasSuffix("Second & last <para>."))
        #expect(!text.contains("<strong>") && !text.contains("<li>"))
    }
}
