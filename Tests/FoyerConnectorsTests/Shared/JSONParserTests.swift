import Foundation
import FoyerCore
import Testing

@testable import FoyerConnectors

/// `JSONValue.parse` reads bytes itself; it must accept and refuse what `JSONDecoder` did, with the same values.
struct JSONParserTests {
    static func decoder(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let documents: [String] = [
        "{}", "[]", "null", "true", "false", "0", "-0", "42", "-17", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "1.5", "-2.25e-3", "1e3", "1E+2", "1.0", "0.1", "123456789012345678901234567890",
        "\"\"", "\"text\"", "\"é中文👩‍👩‍👧\"", "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"\\u00e9\\u4e2d\"",
        "\"\\ud83d\\ude00\"", " { \"a\" : [ 1 , 2 , { \"b\" : null } ] } ", "{\"a\":1,\"a\":2}",
        // The decoder's leniency, kept: a trailing comma closes an array or an object.
        "[1,]", "{\"a\":1,}", "[1 , ]",
        "[1,\"two\",3.5,true,false,null,[],{}]", "{\"messages\":[{\"id\":\"1\",\"text\":\"hi\",\"author\":{\"id\":\"u\"}}]}",
        // Refused.
        "", " ", "{", "}", "[,]", "[1,,]", "{,}", "{a:1}", "'single'", "01", "1.", ".5", "-", "+1", "1e", "0x10",
        "NaN", "Infinity", "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud83d\"",
        "\"\\ude00\"", "\"raw\ttab\"", "\"raw\nnewline\"", "[1] [2]", "{} x", "1e400", "[\"a\" \"b\"]",
    ]

    @Test(arguments: documents)
    func parse_acceptsAndRefusesAsTheDecoderDid(_ text: String) {
        let ours = JSONValue.parseBytes(Data(text.utf8))
        #expect(ours == Self.decoder(text), "\(text)")
    }

    @Test func parse_refusesInvalidUTF8_andSkipsAByteOrderMark() {
        #expect(JSONValue.parseBytes(Data([0x22, 0xFF, 0xFE, 0x22])) == nil)
        #expect(JSONValue.parseBytes(Data([0x22, 0xC3, 0x22])) == nil)
        #expect(JSONValue.parseBytes(Data([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}".utf8))) == .object(["a": .integer(1)]))
    }

    @Test func parse_refusesNestingDeeperThanTheLimit_withoutRecursingIntoIt() {
        let limit = JSONValue.maximumDepth
        let deep = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(JSONValue.parseBytes(Data(deep.utf8)) != nil)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(JSONValue.parseBytes(Data(tooDeep.utf8)) == nil)
        // A hostile body of a million brackets is refused, not a stack overflow.
        #expect(JSONValue.parseBytes(Data(String(repeating: "[", count: 1_000_000).utf8)) == nil)
    }

    @Test func parse_agreesWithTheDecoder_onGeneratedDocuments() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let text = Self.randomDocument(depth: 0, &generator)
            #expect(JSONValue.parseBytes(Data(text.utf8)) == Self.decoder(text), "\(text)")
        }
    }

    static func randomDocument(depth: Int, _ generator: inout SeededGenerator) -> String {
        let pick = depth > 3 ? Int.random(in: 0..<6, using: &generator) : Int.random(in: 0..<8, using: &generator)
        switch pick {
        case 0: return "null"
        case 1: return Bool.random(using: &generator) ? "true" : "false"
        case 2: return String(Int64.random(in: Int64.min...Int64.max, using: &generator))
        case 3: return String(Double.random(in: -1e6...1e6, using: &generator))
        case 4, 5:
            let pieces = ["a", "é", "\\n", "\\\"", "\\u00e9", " ", "中", "\\ud83d\\ude00", "/", "\\\\"]
            let count = Int.random(in: 0..<6, using: &generator)
            return "\"" + (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined() + "\""
        case 6:
            let count = Int.random(in: 0..<4, using: &generator)
            return "[" + (0..<count).map { _ in randomDocument(depth: depth + 1, &generator) }.joined(separator: ",")
                + "]"
        default:
            let count = Int.random(in: 0..<4, using: &generator)
            return "{"
                + (0..<count).map { index in "\"k\(index)\": " + randomDocument(depth: depth + 1, &generator) }
                .joined(separator: " , ") + "}"
        }
    }
}
