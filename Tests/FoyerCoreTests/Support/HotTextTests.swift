import Foundation
import FoyerCore
import Testing

/// The hot-path text helpers give what Foundation gives.
struct HotTextTests {
    /// White space of several kinds around and inside text, from ASCII to ideographic spaces.
    static let samples: [String] = [
        "", " ", "\t", "\n", "\r\n", "  hello  ", "\thello\n", "hello", "héllo wörld", "\u{00A0}nbsp\u{00A0}",
        "\u{2003}em\u{3000}", "\u{2028}line\u{2029}", "\u{0085}next", "a\u{200B}", "\u{FEFF}bom", "👩‍👩‍👧 family ",
        " e\u{0301} ", "\u{000B}\u{000C}vt ff", "   \n\t ", "中文 ", " x y z ", "\u{1680}ogham",
    ]

    @Test(arguments: samples)
    func trimmed_isFoundationsWhitespacesAndNewlines(_ text: String) {
        #expect(HotText.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(HotText.trimmed(text[...]) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(HotText.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test(arguments: samples)
    func trimmedSpaces_isFoundationsWhitespaces(_ text: String) {
        #expect(HotText.trimmedSpaces(text[...]) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func characterSets_areFoundations_forEveryScalarOfTheBasicPlane() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect(HotText.isSpace(scalar) == text.trimmingCharacters(in: .whitespaces).isEmpty, "U+\(value)")
            #expect(
                HotText.isWhitespaceOrNewline(scalar) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "U+\(value)")
        }
    }

    @Test func isNewline_isCharactersIsNewline() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(HotText.isNewline(scalar) == Character(scalar).isNewline, "U+\(String(value, radix: 16))")
        }
    }

    @Test func jsonArray_readsBackAsTheSameStrings() throws {
        let strings = [
            "", "plain", "quote \" and backslash \\", "slash /", "new\nline\ttab\rreturn", "\u{0}\u{1}\u{1F}\u{7F}",
            "é 中文 👩‍👩‍👧", "\u{2028}\u{2029}", "{\"not\": \"json\"}",
        ]
        let json = HotText.jsonArray(strings)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(decoded == strings)
        #expect(HotText.jsonArray([]) == "[]")
        for string in strings {
            let value = try JSONSerialization.jsonObject(
                with: Data(HotText.jsonString(string).utf8), options: .fragmentsAllowed)
            #expect(value as? String == string)
        }
    }

    @Test func jsonArrayOfIDs_readsBackAsTheSameIntegers() throws {
        let ids: [Int64] = [0, 1, -7, 42, 9_007_199_254_740_993, Int64.max, Int64.min]
        let decoded = try JSONDecoder().decode([Int64].self, from: Data(HotText.jsonArray(ids).utf8))
        #expect(decoded == ids)
        #expect(HotText.jsonArray([Int64]()) == "[]")
    }
}
